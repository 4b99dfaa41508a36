import type { Metadata } from 'next'
import React from 'react'

import { formatDateTime } from '@/lib/dates'
import { requireCustomer, TICKET_STATE } from '@/portal/account'
import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Help' }

/** The customer's support tickets in this organization, and a form to open one at this branch. */
export default async function TicketsPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  const customer = requireCustomer(page)
  const tickets = await page.payload.find({
    collection: 'tickets',
    where: { organization: { equals: page.place.organization.id } },
    sort: '-createdAt',
    limit: 50,
    depth: 0,
    req: customer.req,
    overrideAccess: false,
    select: { number: true, title: true, status: true, createdAt: true, updatedAt: true },
  })
  return (
    <PortalFrame page={page} section="help" title="Help">
      <h2>Ask for help</h2>
      <form className="stack" method="post" action={actionPath(page, 'ticket')}>
        <FormFields page={page} />
        <label>
          What is the problem?
          <input name="title" required maxLength={200} />
        </label>
        <label>
          Details <span className="hint">Optional: what you tried, when it started.</span>
          <textarea name="description" rows={4} maxLength={5000} />
        </label>
        <button type="submit">Send to support</button>
      </form>
      <h2>Your tickets</h2>
      {tickets.totalDocs === 0 ? (
        <p className="muted">You have not asked for help yet.</p>
      ) : (
        <ul className="cards" data-testid="my-tickets">
          {tickets.docs.map((ticket) => (
            <li key={String(ticket.id)}>
              <a className="title" href={portalHref(page, `tickets/${ticket.id}`)}>
                #{ticket.number} {ticket.title}
              </a>
              <div className="muted">
                <span className={`status-${ticket.status}`}>{TICKET_STATE[ticket.status] ?? ticket.status}</span> · updated{' '}
                {formatDateTime(ticket.updatedAt, page.place.dates)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </PortalFrame>
  )
}
