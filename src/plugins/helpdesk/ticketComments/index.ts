import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { can, canCreate, getAccessContext, nobody, permissionWhere, relationId } from '@/access'
import { systemRequestIn } from '@/db/transaction'
import { conflict, forbidden, notFound } from '@/http/errors'
import { isUuid } from '@/lib/ids'

import { activeOrganizationFilter, organizationColumn } from '../../tenancy'
import { TICKET_COMMENT_PATHS, TICKET_PATHS } from '../tickets/paths'

export const TICKET_COMMENTS_SLUG = 'ticket-comments'

/**
 * Who may comment: staff who work the ticket (`tickets.update` where it is) and its requester.
 * A customer cannot add to a closed ticket; the comment takes its organization from the ticket
 * and its author from the signed-in person.
 */
const authorizeComment: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const ticketId = relationId(data.ticket)
  const system = !req.user
  const ticket =
    ticketId && isUuid(ticketId)
      ? await req.payload.findByID({
          collection: 'tickets',
          id: ticketId,
          depth: 0,
          req,
          disableErrors: true,
          ...(system ? { overrideAccess: true } : { user: req.user, overrideAccess: false }),
        })
      : null
  if (!ticket) throw notFound('No such ticket in your organization.')
  const result = { ...data, organization: relationId(ticket.organization), ticket: ticket.id }
  if (system) return result

  const context = await getAccessContext(req)
  const reach = permissionWhere(context, 'tickets.update', { ...TICKET_PATHS, owner: undefined })
  const works =
    reach === true ||
    (reach !== false &&
      (await req.payload.count({ collection: 'tickets', where: { and: [{ id: { equals: ticket.id } }, reach] }, overrideAccess: true, req }))
        .totalDocs > 0)
  const requester = relationId(ticket.requester) === context.userId
  if (!works && !requester) throw forbidden('Only staff working on this ticket and the customer who opened it can comment.')
  if (!works && ticket.status === 'closed') throw conflict('This ticket is closed; open a new ticket if you still need help.')
  return { ...result, author: context.userId }
}

/** A reply from the customer puts a ticket that waited on them, or was resolved, back in the queue. */
const reopenOnCustomerReply: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const ticket = await req.payload.findByID({ collection: 'tickets', id: relationId(doc.ticket)!, depth: 0, overrideAccess: true, req })
  if (relationId(ticket.requester) === relationId(doc.author) && (ticket.status === 'waiting' || ticket.status === 'resolved')) {
    await req.payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { status: 'open' },
      depth: 0,
      overrideAccess: true,
      req: await systemRequestIn(req),
    })
  }
  return doc
}

/** The conversation on a ticket between its requester and staff. Comments are kept as written. */
export const TicketComments: CollectionConfig = {
  slug: TICKET_COMMENTS_SLUG,
  labels: { singular: 'Ticket comment', plural: 'Ticket comments' },
  admin: {
    group: 'Helpdesk',
    useAsTitle: 'body',
    defaultColumns: ['ticket', 'organizationName', 'author', 'body', 'createdAt'],
    description: "Replies on tickets from staff and the ticket's requester.",
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    create: canCreate('tickets.read'),
    read: can('tickets.read', TICKET_COMMENT_PATHS),
    update: nobody,
    delete: nobody,
  },
  defaultSort: 'createdAt',
  hooks: { beforeChange: [authorizeComment], afterChange: [reopenOnCustomerReply] },
  fields: [
    { name: 'organization', type: 'relationship', relationTo: 'organizations', required: true, index: true, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'ticket', type: 'relationship', relationTo: 'tickets', required: true, index: true },
    { name: 'author', type: 'relationship', relationTo: 'users', required: true, admin: { readOnly: true } },
    { name: 'body', type: 'textarea', required: true, maxLength: 5_000 },
    organizationColumn(),
  ],
}
