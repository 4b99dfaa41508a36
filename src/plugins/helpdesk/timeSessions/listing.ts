import type { PaginatedDocs, PayloadRequest, Where } from 'payload'

import { grantsWith } from '@/access'
import { forbidden, notFound } from '@/http/errors'
import { isUuid } from '@/lib/ids'
import type { TimeSession } from '@/payload-types'

import { staffContext } from './access'
import { MESSAGES } from './rules'

const NEWEST_FIRST = ['-startTime', '-createdAt']

/** `?limit=` (1–200, 50 by default) and `?page=` of a list, as Payload's own lists take them. */
function pageOf(req: PayloadRequest): { limit: number; page: number } {
  const limit = Number(req.searchParams?.get('limit') ?? 50)
  const page = Number(req.searchParams?.get('page') ?? 1)
  return {
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 200 ? limit : 50,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** A page of the entries matching `where` that the person may read, newest first. */
function newestFirst(req: PayloadRequest, where: Where): Promise<PaginatedDocs<TimeSession>> {
  return req.payload.find({
    collection: 'time-sessions',
    where,
    sort: NEWEST_FIRST,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
    ...pageOf(req),
  })
}

/**
 * `GET /api/tickets/:id/time-sessions`: the ticket's entries the person may read, newest first:
 * an agent their own, supervisors and admins everyone's (seed 002).
 */
export async function ticketTimeSessions(req: PayloadRequest, ticketId: string): Promise<PaginatedDocs<TimeSession>> {
  await staffContext(req)
  const ticket = isUuid(ticketId)
    ? await req.payload.findByID({ collection: 'tickets', id: ticketId, depth: 0, user: req.user, overrideAccess: false, req, disableErrors: true })
    : null
  if (!ticket) throw notFound(MESSAGES.noTicket)
  return newestFirst(req, { ticket: { equals: ticket.id } })
}

/**
 * `GET /api/users/:id/time-sessions`: a person's entries, newest first. Agents see only their
 * own; `timeSessions.viewTeam` (supervisors, managers, admins) anyone's in reach.
 */
export async function agentTimeSessions(req: PayloadRequest, userId: string): Promise<PaginatedDocs<TimeSession>> {
  const context = await staffContext(req)
  const self = userId === context.userId
  if (!self && !context.isSuperAdmin && grantsWith(context, 'timeSessions.viewTeam').length === 0) throw forbidden(MESSAGES.ownOnly)
  const user = isUuid(userId)
    ? await req.payload.findByID({ collection: 'users', id: userId, depth: 0, user: req.user, overrideAccess: false, req, disableErrors: true })
    : null
  if (!user) throw notFound('No such user in your organization.')
  return newestFirst(req, { agent: { equals: user.id } })
}
