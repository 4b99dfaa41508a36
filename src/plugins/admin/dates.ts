import { headers } from 'next/headers'
import { createLocalReq, executeAuthStrategies, type Payload, type PayloadRequest } from 'payload'
import { cache } from 'react'

import { getAccessContext, relationId } from '@/access'
import { type DateStyle, dateStyleOf } from '@/lib/dates'

/**
 * How the admin panel writes and reads a document's dates: in its branch's zone (else its
 * organization's) and its organization's date format; for a document of no organization, the
 * organization the person works in; UTC and day-first dates when there is none.
 */

/** What the admin panel's cells and inputs show of an organization (its dates and currency), read once per render. */
export const organizationOf = cache(async (payload: Payload, id: string) =>
  payload.findByID({
    collection: 'organizations',
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    select: { timeZone: true, locale: true, dateFormat: true, currency: true },
  }),
)

const branchZoneOf = cache(async (payload: Payload, id: string) => {
  const branch = await payload.findByID({ collection: 'locations', id, depth: 0, overrideAccess: true, disableErrors: true, select: { timeZone: true } })
  return branch?.timeZone || null
})

type Dated = { organization?: unknown; location?: unknown; timeZone?: unknown } | null | undefined

export async function documentDateStyle(payload: Payload, doc: Dated, collection: string, fallbackOrganization?: string | null): Promise<DateStyle> {
  const own = collection === 'organizations' ? relationId((doc as { id?: unknown } | null)?.id) : relationId(doc?.organization)
  const organizationId = own ?? fallbackOrganization ?? null
  const organization = organizationId ? await organizationOf(payload, organizationId) : null
  const branch = collection === 'locations' ? (typeof doc?.timeZone === 'string' ? doc.timeZone : null) : relationId(doc?.location)
  const branchZone = collection === 'locations' ? branch : branch ? await branchZoneOf(payload, branch) : null
  return dateStyleOf(organization, branchZone)
}

/** The organization the signed-in person works in, for documents that belong to none (or are new). */
export async function workingOrganization(req: PayloadRequest): Promise<string | null> {
  return (await getAccessContext(req)).activeOrganization ?? null
}

/**
 * The organization the person viewing this page works in, for server components Payload gives
 * no `req` (list cells): signed in from the page request's cookie, once per render.
 */
export const workingOrganizationOfPage = cache(async (payload: Payload): Promise<string | null> => {
  const { user } = await executeAuthStrategies({ headers: await headers(), payload, canSetHeaders: false })
  if (!user) return null
  return workingOrganization(await createLocalReq({ user }, payload))
})
