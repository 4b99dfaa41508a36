import type { Where } from 'payload'

import { isUuid } from '@/lib/ids'
import { firstParam } from '@/lib/searchParams'
import { plainFromRichText } from '@/lib/richText'
import { TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, TICKET_STATUSES } from '@/plugins/helpdesk/tickets/paths'
import type { Location, Ticket, TimeSession, User } from '@/payload-types'
import { namesKnownToStaff } from '@/plugins/tenancy'

import type { BranchSelection } from './branches'
import { may, type Staff } from './staff'

export type TicketFilters = { status: string; assignee: string }

/**
 * A person's name; `nobody` when there is none; for someone the viewer may not read as a user,
 * the name `known` to colleagues (staff of the organization), else `hidden`.
 */
const nameOf = (value: unknown, nobody: string, hidden: string, known: Map<string, string> = new Map()) => {
  if (value && typeof value === 'object') return (value as User).name || (value as User).email || hidden
  return value ? (known.get(String(value)) ?? hidden) : nobody
}

/** Ids of relationships the viewer could not read (Payload leaves them as ids at depth 1). */
const unreadIds = (values: unknown[]) => values.filter((value): value is string => typeof value === 'string' && value !== '')

export function ticketFilters(params: Record<string, string | string[] | undefined>): TicketFilters {
  const status = firstParam(params.status) ?? ''
  const assignee = firstParam(params.assignee) ?? ''
  return {
    status: status === 'all' || (TICKET_STATUSES as readonly string[]).includes(status) ? status : '',
    assignee: assignee === 'me' || assignee === 'nobody' || isUuid(assignee) ? assignee : '',
  }
}

/** The branch's tickets (or all the person reaches), filtered, a page at a time; open ones by default. */
export async function loadTickets(staff: Staff, selection: BranchSelection, filters: TicketFilters, page: number) {
  const conditions: Where[] = []
  if (filters.status === '') conditions.push({ status: { in: ['open', 'in-progress', 'waiting'] } })
  else if (filters.status !== 'all') conditions.push({ status: { equals: filters.status } })
  if (filters.assignee === 'me') conditions.push({ assignee: { equals: staff.user.id } })
  else if (filters.assignee === 'nobody') conditions.push({ assignee: { exists: false } })
  else if (filters.assignee) conditions.push({ assignee: { equals: filters.assignee } })
  if (selection.branches.length === 1) conditions.push({ location: { equals: selection.branches[0].id } })
  const result = await staff.req.payload.find({
    collection: 'tickets',
    where: conditions.length ? { and: conditions } : {},
    sort: '-number',
    depth: 1,
    limit: 50,
    page,
    req: staff.req,
    overrideAccess: false,
  })
  const known = await namesKnownToStaff(staff.req, String(staff.organization.id), unreadIds(result.docs.flatMap((ticket) => [ticket.assignee, ticket.requester])))
  return {
    rows: result.docs.map((ticket) => ({
      id: String(ticket.id),
      number: ticket.number,
      title: ticket.title,
      status: TICKET_STATUS_LABELS[ticket.status],
      priority: TICKET_PRIORITY_LABELS[ticket.priority],
      assignee: nameOf(ticket.assignee, 'Nobody yet', 'A colleague', known),
      requester: nameOf(ticket.requester, 'Staff', 'A customer', known),
      minutes: ticket.totalTimeSpent ?? 0,
    })),
    page: result.page ?? 1,
    totalPages: result.totalPages,
    total: result.totalDocs,
  }
}

/** Staff of the organization the person may pick as assignee in the filter. */
export async function assigneeOptions(staff: Staff): Promise<{ id: string; name: string }[]> {
  const organization = String(staff.organization.id)
  const { docs } = await staff.req.payload.find({
    collection: 'users',
    where: { and: [{ 'memberships.organization': { equals: organization } }, { 'memberships.role': { not_equals: 'customer' } }] },
    sort: 'name',
    depth: 0,
    limit: 200,
    pagination: false,
    req: staff.req,
    overrideAccess: false,
    select: { name: true },
  })
  return docs.map((user) => ({ id: String(user.id), name: String(user.name) }))
}

export type RunningTimer = { id: string; ticket: string; ticketNumber: number | null; ticketTitle: string | null; startTime: string }

/** The person's own running timer, wherever it runs (one at a time, seed 002). */
export async function myRunningTimer(staff: Staff): Promise<RunningTimer | null> {
  const { docs } = await staff.req.payload.find({
    collection: 'time-sessions',
    where: { and: [{ agent: { equals: staff.user.id } }, { kind: { equals: 'timer' } }, { endTime: { exists: false } }] },
    depth: 1,
    limit: 1,
    req: staff.req,
    overrideAccess: false,
  })
  const timer = docs[0]
  if (!timer) return null
  const ticket = timer.ticket && typeof timer.ticket === 'object' ? (timer.ticket as Ticket) : null
  return {
    id: String(timer.id),
    ticket: ticket ? String(ticket.id) : String(timer.ticket),
    ticketNumber: ticket?.number ?? null,
    ticketTitle: ticket?.title ?? null,
    startTime: timer.startTime,
  }
}

export type TicketPage = {
  ticket: {
    id: string
    number: number
    title: string
    status: string
    priority: string
    description: string
    assignee: string
    requester: string
    minutes: number
    /** The branch's time zone, when the ticket is about a branch the person reads. */
    branchTimeZone: string | null
  }
  comments: { id: string; author: string; body: string; at: string }[]
  time: {
    id: string
    agent: string
    kind: string
    startTime: string
    endTime: string | null
    minutes: number | null
    note: string
    reason: string
    autoStopped: boolean
    mine: boolean
    /** A correction was booked against this entry. */
    corrected: boolean
  }[]
  mayAdjustTeam: boolean
}

/** A ticket with its conversation and the time booked on it that the person may see; `null` if they may not see it. */
export async function loadTicket(staff: Staff, id: string): Promise<TicketPage | null> {
  const { req } = staff
  if (!isUuid(id)) return null
  const ticket = await req.payload.findByID({ collection: 'tickets', id, depth: 1, req, overrideAccess: false, disableErrors: true })
  if (!ticket) return null
  const [comments, time] = await Promise.all([
    req.payload.find({ collection: 'ticket-comments', where: { ticket: { equals: id } }, sort: 'createdAt', depth: 1, limit: 200, req, overrideAccess: false }),
    req.payload.find({ collection: 'time-sessions', where: { ticket: { equals: id } }, sort: '-startTime', depth: 0, limit: 200, req, overrideAccess: false }),
  ])
  const known = await namesKnownToStaff(staff.req, String(staff.organization.id), unreadIds([ticket.assignee, ticket.requester, ...comments.docs.map((comment) => comment.author)]))
  const branch = ticket.location && typeof ticket.location === 'object' ? (ticket.location as Location) : null
  return {
    ticket: {
      id: String(ticket.id),
      number: ticket.number,
      title: ticket.title,
      status: TICKET_STATUS_LABELS[ticket.status],
      priority: TICKET_PRIORITY_LABELS[ticket.priority],
      description: plainFromRichText(ticket.description),
      assignee: nameOf(ticket.assignee, 'Nobody yet', 'A colleague', known),
      requester: nameOf(ticket.requester, 'Staff', 'A customer', known),
      minutes: ticket.totalTimeSpent ?? 0,
      branchTimeZone: branch?.timeZone || null,
    },
    comments: comments.docs.map((comment) => ({
      id: String(comment.id),
      author: nameOf(comment.author, 'Someone', 'Someone you cannot see', known),
      body: comment.body,
      at: comment.createdAt,
    })),
    time: time.docs.map((entry: TimeSession, _index, entries) => ({
      id: String(entry.id),
      agent: entry.agentName ?? '—',
      kind: entry.kind,
      startTime: entry.startTime,
      endTime: entry.endTime ?? null,
      minutes: entry.durationMinutes ?? null,
      note: entry.note ?? '',
      reason: entry.reason ?? '',
      autoStopped: Boolean(entry.autoStopped),
      mine: String(typeof entry.agent === 'object' ? entry.agent.id : entry.agent) === String(staff.user.id),
      corrected: entries.some((other) => other.kind === 'adjustment' && String(other.adjusts) === String(entry.id)),
    })),
    mayAdjustTeam: may(staff, 'timeSessions.adjustTeam'),
  }
}
