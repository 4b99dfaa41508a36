import { redirect } from 'next/navigation'

import type { PortalPage } from './page'
import { portalPath } from './place'

/** The signed-in customer of a page that is theirs only; the sign-in page, saying so, for anyone else. */
export function requireCustomer(page: PortalPage) {
  if (!page.customer) redirect(`${portalPath(page.place, 'signin')}?problem=sign-in-first`)
  return page.customer
}

/** `?page=` as a page number from 1 to 1,000. */
export function pageNumber(value: string | undefined): number {
  const number = Number(value)
  return Number.isInteger(number) && number >= 1 && number <= 1_000 ? number : 1
}

/** A ticket's status as the customer reads it. */
export const TICKET_STATE: Record<string, string> = {
  open: 'open',
  'in-progress': 'being worked on',
  waiting: 'waiting for your reply',
  resolved: 'resolved',
  closed: 'closed',
}
