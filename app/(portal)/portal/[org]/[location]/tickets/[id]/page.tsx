import type { Metadata } from 'next'
import React from 'react'

import { formatDateTime } from '@/lib/dates'
import { isUuid } from '@/lib/ids'
import { plainFromRichText } from '@/lib/richText'
import { requireCustomer, TICKET_STATE } from '@/portal/account'
import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalSearch } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Ticket' }

/** One of the customer's tickets: what they asked, the replies, and a reply form while it is not closed. */
export default async function TicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; location: string; id: string }>
  searchParams: PortalSearch
}) {
  const page = await loadPortalPage(params, searchParams)
  const customer = requireCustomer(page)
  const { id } = await params
  const ticket = isUuid(id)
    ? await page.payload.findByID({ collection: 'tickets', id, depth: 0, req: customer.req, overrideAccess: false, disableErrors: true })
    : null
  if (!ticket || String(ticket.organization) !== page.place.organization.id) {
    return (
      <PortalFrame page={page} section="help" title="No such ticket">
        <p>
          This ticket is not one of yours. <a href={portalHref(page, 'tickets')}>See your tickets</a>.
        </p>
      </PortalFrame>
    )
  }
  const comments = await page.payload.find({
    collection: 'ticket-comments',
    where: { ticket: { equals: ticket.id } },
    sort: 'createdAt',
    limit: 200,
    depth: 0,
    req: customer.req,
    overrideAccess: false,
  })
  const dates = page.place.dates
  const description = plainFromRichText(ticket.description)
  return (
    <PortalFrame page={page} section="help" title={`#${ticket.number} ${ticket.title}`}>
      <p>
        <span className={`status-${ticket.status}`} data-testid="ticket-state">
          {TICKET_STATE[ticket.status] ?? ticket.status}
        </span>{' '}
        · opened {formatDateTime(ticket.createdAt, dates)}
      </p>
      <ol className="conversation">
        {description && (
          <li className="mine">
            <span className="who">You wrote</span>
            {description}
          </li>
        )}
        {comments.docs.map((comment) => {
          const mine = String(comment.author) === String(customer.user.id)
          return (
            <li key={String(comment.id)} className={mine ? 'mine' : undefined}>
              <span className="who">
                {mine ? 'You' : 'Support'} · {formatDateTime(comment.createdAt, dates)}
              </span>
              {comment.body}
            </li>
          )
        })}
      </ol>
      {ticket.status === 'closed' ? (
        <p className="muted">This ticket is closed. Open a new one if you still need help.</p>
      ) : (
        <form className="stack" method="post" action={actionPath(page, 'reply')}>
          <FormFields page={page} />
          <input type="hidden" name="ticket" value={String(ticket.id)} />
          <label>
            Reply
            <textarea name="body" rows={3} required maxLength={5000} />
          </label>
          <button type="submit">Send reply</button>
        </form>
      )}
      <p>
        <a href={portalHref(page, 'tickets')}>All your tickets</a>
      </p>
    </PortalFrame>
  )
}
