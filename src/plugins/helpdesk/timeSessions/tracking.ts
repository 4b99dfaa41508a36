import { sql } from '@payloadcms/db-postgres'
import { APIError, type PayloadRequest, ValidationError, type Where } from 'payload'

import { type AccessContext, getAccessContext, grantsWith, grantWhere, permissionWhere, relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { inTransaction } from '@/db/transaction'
import { badRequest, conflict, forbidden, notFound, unauthorized } from '@/http/errors'
import { type DateStyle, dateStyleOf, formatDateTime, formatTime, zoneLabel } from '@/lib/dates'
import { isUuid } from '@/lib/ids'
import type { Ticket, TimeSession } from '@/payload-types'

import { TIME_SESSION_PATHS } from './access'
import { MAX_ENTRY_MINUTES, MESSAGES, parseMoment, readNote } from './rules'

/** Who is tracking time, and the organizations and branches where they may. */
type Tracker = { userId: string; context: AccessContext; reach: Where }

/** Only staff with `timeSessions.track` record time; the platform owner and customers never do (seed 002). */
async function trackerOf(req: PayloadRequest): Promise<Tracker> {
  const context = await getAccessContext(req)
  if (!context.userId) throw unauthorized()
  if (context.isSuperAdmin) throw forbidden(MESSAGES.platformOwner)
  // A customer's permissions reach only their own records, whatever was added to them.
  const grants = grantsWith(context, 'timeSessions.track').filter((grant) => grant.scope !== 'self')
  if (grants.length === 0) throw forbidden(MESSAGES.staffOnly)
  const clauses = grants.map((grant) => grantWhere(grant, TIME_SESSION_PATHS, context.userId))
  return { userId: context.userId, context, reach: clauses.length === 1 ? clauses[0] : { or: clauses } }
}

type TicketRef = Pick<Ticket, 'id' | 'number' | 'status'> & { organization: string; location: string | null }

/** The ticket, if it is where the tracker may work; otherwise, like another tenant's, it does not exist. */
async function ticketFor(req: PayloadRequest, tracker: Tracker, ticketId: unknown): Promise<TicketRef> {
  if (ticketId === undefined || ticketId === null || ticketId === '') throw badRequest('ticket is required: the id of the ticket.')
  if (!isUuid(ticketId)) throw notFound(MESSAGES.noTicket)
  const { docs } = await req.payload.find({
    collection: 'tickets',
    where: { and: [{ id: { equals: ticketId } }, tracker.reach] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    select: { organization: true, location: true, number: true, status: true },
  })
  const ticket = docs[0]
  if (!ticket) throw notFound(MESSAGES.noTicket)
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    organization: relationId(ticket.organization)!,
    location: relationId(ticket.location),
  }
}

/** A time entry in one of the signed-in person's organizations (404 otherwise). */
async function entryFor(req: PayloadRequest, context: AccessContext, entryId: unknown, field: string): Promise<TimeSession> {
  if (entryId === undefined || entryId === null || entryId === '') throw badRequest(`${field} is required: the id of the time session.`)
  if (!isUuid(entryId)) throw notFound(MESSAGES.noSession)
  const organizations = [...new Set(context.grants.filter((grant) => grant.scope !== 'self').map((grant) => grant.organization))]
  const { docs } = await req.payload.find({
    collection: 'time-sessions',
    where: { and: [{ id: { equals: entryId } }, { organization: { in: organizations } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  if (!docs[0]) throw notFound(MESSAGES.noSession)
  return docs[0]
}

function noteOf(body: Record<string, unknown>): string | null | undefined {
  const result = readNote(body.note)
  if ('error' in result) throw badRequest(result.error)
  return result.note
}

/** The code of the PostgreSQL error behind `error`, however many layers wrap it. */
function databaseErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * The database's own guards (see the helpdesk migration) in the words of the rules they back:
 * the exclusion constraint on overlapping time, the unique index on one open timer per agent.
 * Payload turns a unique violation into a ValidationError naming the index's columns.
 */
export function asRuleViolation(error: unknown): unknown {
  if (databaseErrorCode(error) === '23P01') return conflict(MESSAGES.overlap)
  if (error instanceof ValidationError && error.data.errors.some((item) => String(item.path).includes('agent'))) {
    return conflict(MESSAGES.active)
  }
  return error
}

/**
 * Runs `work` in the request's transaction while holding the agent's lock in the organization,
 * so the checks below and the write they allow happen as one step for that agent: of two
 * requests at once, the second sees the first's entry. The database constraints catch anything
 * that writes without taking the lock.
 */
async function asAgent<T>(req: PayloadRequest, organization: string, agent: string, work: () => Promise<T>): Promise<T> {
  try {
    return await inTransaction(req, async () => {
      const db = await drizzleFor(req.payload, req)
      await db.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:time-sessions'), hashtext(${`${organization}:${agent}`}))`)
      return work()
    })
  } catch (error) {
    throw asRuleViolation(error)
  }
}

type Clash = { id: string; number: number; start_time: string; end_time: string | null }

/** The agent's open timer in the organization, if any. */
async function activeEntry(req: PayloadRequest, organization: string, agent: string): Promise<Clash | null> {
  const db = await drizzleFor(req.payload, req)
  const [row] = rowsOf<Clash>(
    await db.execute(sql`
      select t.id, k.number, t.start_time, t.end_time from time_sessions t join tickets k on k.id = t.ticket_id
      where t.organization_id = ${organization} and t.agent_id = ${agent} and t.end_time is null
      limit 1`),
  )
  return row ?? null
}

/**
 * The agent's first entry in the organization whose time meets [start, end) (an open timer runs
 * to infinity), by the same expression as the exclusion constraint. Other agents may overlap.
 */
async function overlappingEntry(req: PayloadRequest, organization: string, agent: string, start: Date, end: Date | null): Promise<Clash | null> {
  const db = await drizzleFor(req.payload, req)
  const upper = end ? end.toISOString() : 'infinity'
  const [row] = rowsOf<Clash>(
    await db.execute(sql`
      select t.id, k.number, t.start_time, t.end_time from time_sessions t join tickets k on k.id = t.ticket_id
      where t.organization_id = ${organization} and t.agent_id = ${agent} and t.kind <> 'adjustment'
        and tstzrange(t.start_time, coalesce(t.end_time, 'infinity'), '[)')
            && tstzrange(${start.toISOString()}::timestamptz, ${upper}::timestamptz, '[)')
      order by t.start_time
      limit 1`),
  )
  return row ?? null
}

/** How the ticket's people read times: its branch's zone (else the organization's) and the organization's date format. */
async function dateStyleOfTicket(req: PayloadRequest, ticket: TicketRef): Promise<DateStyle> {
  const organization = await req.payload.findByID({ collection: 'organizations', id: ticket.organization, depth: 0, overrideAccess: true, req })
  const branch = ticket.location
    ? await req.payload.findByID({ collection: 'locations', id: ticket.location, depth: 0, overrideAccess: true, req, disableErrors: true })
    : null
  return dateStyleOf(organization, branch?.timeZone)
}

/** The clash in words, its times as the ticket's people read them: "ticket #3 (03/02/2025 13:00–15:00, East Africa Time …)". */
function overlapError(clash: Clash, style: DateStyle): APIError {
  const start = formatDateTime(clash.start_time, style)
  const end = clash.end_time ? formatDateTime(clash.end_time, style) : null
  const sameDay = end !== null && end.slice(0, -6) === start.slice(0, -6)
  const span = `${end === null ? `from ${start}, still running` : `${start}–${sameDay ? formatTime(clash.end_time, style) : end}`}, ${zoneLabel(style.timeZone)}`
  return new APIError(`${MESSAGES.overlap} It overlaps ticket #${clash.number} (${span}).`, 409, { conflictsWith: clash.id }, true)
}

const asSystem = { depth: 0, overrideAccess: true } as const

/**
 * Records the tracker's time on the ticket under the agent's lock: a timer only when none runs,
 * and never over the agent's other time.
 */
function recordTime(
  req: PayloadRequest,
  tracker: Tracker,
  ticket: TicketRef,
  entry: { kind: 'timer' | 'manual'; start: Date; end: Date | null; note: string | null | undefined },
): Promise<TimeSession> {
  return asAgent(req, ticket.organization, tracker.userId, async () => {
    if (entry.kind === 'timer') {
      const active = await activeEntry(req, ticket.organization, tracker.userId)
      if (active) throw new APIError(MESSAGES.active, 409, { activeSession: active.id, ticketNumber: Number(active.number) }, true)
    }
    const clash = await overlappingEntry(req, ticket.organization, tracker.userId, entry.start, entry.end)
    if (clash) throw overlapError(clash, await dateStyleOfTicket(req, ticket))
    return req.payload.create({
      collection: 'time-sessions',
      data: {
        organization: ticket.organization,
        location: ticket.location,
        ticket: ticket.id,
        agent: tracker.userId,
        kind: entry.kind,
        startTime: entry.start.toISOString(),
        endTime: entry.end?.toISOString() ?? null,
        note: entry.note ?? null,
        recordedBy: tracker.userId,
      },
      req,
      ...asSystem,
    })
  })
}

/** `POST /api/time-sessions/start` `{ ticket, note? }`: an open timer for the signed-in agent. */
export async function startTimer(req: PayloadRequest, body: Record<string, unknown>): Promise<TimeSession> {
  const tracker = await trackerOf(req)
  const note = noteOf(body)
  const ticket = await ticketFor(req, tracker, body.ticket)
  if (ticket.status === 'closed') throw conflict(`Ticket #${ticket.number} is closed; reopen it to work on it.`)
  return recordTime(req, tracker, ticket, { kind: 'timer', start: new Date(), end: null, note })
}

/** `POST /api/time-sessions/stop` `{ session, note? }`: only the agent who started it stops it. */
export async function stopTimer(req: PayloadRequest, body: Record<string, unknown>): Promise<TimeSession> {
  const tracker = await trackerOf(req)
  const note = noteOf(body)
  const entry = await entryFor(req, tracker.context, body.session, 'session')
  const organization = relationId(entry.organization)!
  if (relationId(entry.agent) !== tracker.userId) throw forbidden(MESSAGES.notYours)
  if (entry.kind !== 'timer') throw badRequest('Only a running timer can be stopped; this entry has no timer.')
  return asAgent(req, organization, tracker.userId, async () => {
    const db = await drizzleFor(req.payload, req)
    const [row] = rowsOf<{ end_time: string | null }>(
      await db.execute(sql`select end_time from time_sessions where id = ${entry.id} for update`),
    )
    if (!row) throw notFound(MESSAGES.noSession)
    if (row.end_time) throw conflict(MESSAGES.alreadyStopped)
    return req.payload.update({
      collection: 'time-sessions',
      id: entry.id,
      data: { endTime: new Date().toISOString(), ...(note !== undefined ? { note } : {}) },
      req,
      ...asSystem,
    })
  })
}

/**
 * `POST /api/time-sessions/manual` `{ ticket, startTime, endTime, note? }`: time worked without a
 * timer. It must end after it starts, not in the future, within a day, and not overlap the
 * agent's other entries (an open timer included).
 */
export async function addManualEntry(req: PayloadRequest, body: Record<string, unknown>): Promise<TimeSession> {
  const tracker = await trackerOf(req)
  const note = noteOf(body)
  const start = parseMoment(body.startTime)
  const end = parseMoment(body.endTime)
  if (!start) throw badRequest('startTime must be a date and time with its time zone, such as 2025-02-03T10:00:00Z.')
  if (!end) throw badRequest('endTime must be a date and time with its time zone, such as 2025-02-03T12:00:00Z.')
  if (end.getTime() <= start.getTime()) throw badRequest('The end must be after the start.')
  if (end.getTime() > Date.now()) throw badRequest('The end cannot be in the future.')
  if (end.getTime() - start.getTime() > MAX_ENTRY_MINUTES * 60_000) {
    throw badRequest('A manual entry covers at most 24 hours; enter longer work day by day.')
  }
  const ticket = await ticketFor(req, tracker, body.ticket)
  return recordTime(req, tracker, ticket, { kind: 'manual', start, end, note })
}

/**
 * `POST /api/time-sessions/:id/adjust` `{ minutes, reason }`: a correction of a completed entry,
 * recorded as an entry of its own (linked, with the reason and who made it) rather than an edit:
 * the agent corrects their own time, holders of `timeSessions.adjustTeam` anyone's in reach. An
 * entry and its corrections never add up to less than zero.
 */
export async function adjustEntry(req: PayloadRequest, entryId: unknown, body: Record<string, unknown>): Promise<TimeSession> {
  const context = await getAccessContext(req)
  if (!context.userId) throw unauthorized()
  if (context.isSuperAdmin) throw forbidden(MESSAGES.platformOwner)
  const entry = await entryFor(req, context, entryId, 'id')
  const organization = relationId(entry.organization)!
  const agent = relationId(entry.agent)!

  const ownTime = agent === context.userId && grantsWith(context, 'timeSessions.track').some((grant) => grant.organization === organization && grant.scope !== 'self')
  const teamReach = permissionWhere(context, 'timeSessions.adjustTeam', TIME_SESSION_PATHS)
  const teamTime =
    teamReach !== false &&
    (
      await req.payload.count({
        collection: 'time-sessions',
        where: teamReach === true ? { id: { equals: entry.id } } : { and: [{ id: { equals: entry.id } }, teamReach] },
        overrideAccess: true,
        req,
      })
    ).totalDocs > 0
  if (!ownTime && !teamTime) throw forbidden('Only the agent whose time it is, or a supervisor, can correct this entry.')

  if (entry.kind === 'adjustment') throw badRequest('Correct the original entry, not a correction.')
  if (!entry.endTime) throw conflict('Stop the session before correcting it.')
  const minutes = body.minutes
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes === 0 || Math.abs(minutes) > MAX_ENTRY_MINUTES) {
    throw badRequest(`minutes must be a whole number of minutes to add (or, negative, to take off), not 0, at most ${MAX_ENTRY_MINUTES}.`)
  }
  const reason = typeof body.reason === 'string' ? body.reason.trim() : ''
  if (reason.length < 3 || reason.length > 500) throw badRequest('reason is required: say in a few words why the time is corrected.')

  return asAgent(req, organization, agent, async () => {
    const db = await drizzleFor(req.payload, req)
    await db.execute(sql`select 1 from time_sessions where id = ${entry.id} for update`)
    const [row] = rowsOf<{ standing: number | string }>(
      await db.execute(sql`
        select coalesce(sum(duration_minutes), 0) as standing from time_sessions
        where id = ${entry.id} or adjusts_id = ${entry.id}`),
    )
    const standing = Number(row.standing)
    if (standing + minutes < 0) {
      throw badRequest(`A correction cannot take an entry below zero minutes; this one stands at ${standing}.`)
    }
    return req.payload.create({
      collection: 'time-sessions',
      data: {
        organization,
        location: relationId(entry.location),
        ticket: relationId(entry.ticket)!,
        agent,
        kind: 'adjustment',
        // A correction counts on the day of the time it corrects, and covers no time of its own.
        startTime: entry.startTime,
        endTime: entry.startTime,
        durationMinutes: minutes,
        adjusts: entry.id,
        reason,
        recordedBy: context.userId,
      },
      req,
      ...asSystem,
    })
  })
}
