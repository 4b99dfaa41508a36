import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { inTransaction, systemRequestIn } from '@/db/transaction'
import { drizzleFor } from '@/db/sql'
import { requestIp } from '@/lib/clientIp'

import type { ID } from './context'

/**
 * The tenant context (seed 003): every request of a signed-in person runs in one organization,
 * kept server-side on their login session's row in `session-logs` (`activeOrganization`). It is
 * checked on every request: still a member → applied; access lost → reset to the default
 * organization; none left → no access at all. Every change is written to `context-changes`.
 * The collections live in the audit plugin; this module only needs their slugs.
 */
export const SESSION_LOGS_SLUG = 'session-logs' as const
export const CONTEXT_CHANGES_SLUG = 'context-changes' as const

export const CONTEXT_EVENTS = ['INITIAL', 'SWITCH_TENANT', 'SET_DEFAULT_TENANT', 'RESET_TENANT'] as const
export type ContextEvent = (typeof CONTEXT_EVENTS)[number]

export type TenantContext = {
  /** The organization this request runs in; `null` for a super-admin working across all. */
  activeOrganization: ID | null
  /** The login session's log row, when the request carries a login session. */
  sessionLogId: ID | null
  /** The login session's log says it ended (signed out, revoked, replaced, expired). */
  ended?: boolean
}

export type ContextChange = {
  user: ID
  event: ContextEvent
  from: ID | null
  to: ID | null
  reason: string
  sessionLog?: ID | null
  ip?: string | null
  changedBy?: ID | null
  /** The person is a super-admin: the row is not shown to the organizations they visit. */
  platformOwner?: boolean
}

/** The organization a user starts in: their chosen default while they can still use it, else their first. */
export function defaultOrganizationOf(chosen: ID | null, organizations: readonly ID[]): ID | null {
  if (chosen && organizations.includes(chosen)) return chosen
  return organizations[0] ?? null
}

/** Writes one `context-changes` row in `req`'s transaction (with no access check: Beacon writes these). */
export async function recordContextChange(req: PayloadRequest, change: ContextChange): Promise<void> {
  await req.payload.create({
    collection: CONTEXT_CHANGES_SLUG,
    req,
    overrideAccess: true,
    data: {
      user: change.user,
      organization: change.to ?? change.from,
      fromOrganization: change.from,
      eventType: change.event,
      platformOwner: Boolean(change.platformOwner),
      metadata: {
        from: change.from,
        to: change.to,
        reason: change.reason,
        sessionLog: change.sessionLog ?? null,
        ip: change.ip ?? null,
        ...(change.changedBy && change.changedBy !== change.user ? { changedBy: change.changedBy } : {}),
      },
    },
  })
}

type SessionLogRow = { id: ID; activeOrganization: ID | null; ended: boolean }

/** A login session's log row, by the session's id and its user. */
export async function findSessionLog(req: PayloadRequest, sessionId: string, userId: ID): Promise<SessionLogRow | null> {
  const { docs } = await req.payload.find({
    collection: SESSION_LOGS_SLUG,
    req,
    where: { and: [{ sessionId: { equals: sessionId } }, { user: { equals: userId } }] },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    select: { activeOrganization: true, logoutAt: true },
  })
  const row = docs[0] as { id: unknown; activeOrganization?: unknown; logoutAt?: unknown } | undefined
  if (!row) return null
  return { id: String(row.id), activeOrganization: row.activeOrganization ? String(row.activeOrganization) : null, ended: Boolean(row.logoutAt) }
}

/**
 * Moves a login session to another organization and logs it, once: under a lock on the
 * session's row, `decide` sees the organization it is in now and returns the change to make,
 * or `null` when there is nothing to do (another request got there first). Returns the
 * organization the session is in afterwards. Runs in `system`'s transaction when it has one
 * (it then commits with the request), else in one of its own.
 */
export async function changeActiveOrganization(
  system: PayloadRequest,
  sessionLogId: ID,
  decide: (current: ID | null) => Omit<ContextChange, 'from' | 'sessionLog'> | null,
): Promise<ID | null> {
  const { payload } = system
  return inTransaction(system, async () => {
    const db = await drizzleFor(payload, system)
    await db.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:tenant-context'), hashtext(${sessionLogId}))`)
    const log = (await payload.findByID({ collection: SESSION_LOGS_SLUG, id: sessionLogId, depth: 0, req: system, overrideAccess: true })) as {
      activeOrganization?: unknown
    }
    const current = log.activeOrganization ? String(log.activeOrganization) : null
    const change = decide(current)
    if (!change || change.to === current) return current
    await payload.update({
      collection: SESSION_LOGS_SLUG,
      id: sessionLogId,
      data: { activeOrganization: change.to },
      req: system,
      overrideAccess: true,
    })
    await recordContextChange(system, { ...change, from: current, sessionLog: sessionLogId })
    return change.to
  })
}

type Resolve = {
  req: PayloadRequest
  userId: ID
  sessionId: string | null
  isSuperAdmin: boolean
  /** Organizations the user may work in now (memberships in organizations that are not locked). */
  organizations: readonly ID[]
  defaultOrganization: ID | null
}

/**
 * The seed's flow for one request. Without a login session (server code acting for a person
 * through the Local API) the context is the default organization and nothing is stored.
 */
export async function resolveTenantContext({ req, userId, sessionId, isSuperAdmin, organizations, defaultOrganization }: Resolve): Promise<TenantContext> {
  const fallback = isSuperAdmin ? defaultOrganization : defaultOrganizationOf(defaultOrganization, organizations)
  if (!sessionId) return { activeOrganization: fallback, sessionLogId: null }

  // The context's own reads and writes: as the system (nothing here may wait on the access
  // context being worked out) and inside the request's transaction when it has one (a request
  // holding a connection must not wait for a second one from the pool).
  const system = await systemRequestIn(req)
  const allowed = (organization: ID | null) => (isSuperAdmin ? true : organization !== null && organizations.includes(organization))
  const log = await findSessionLog(system, sessionId, userId)
  // Ending a session removes it from the user's sessions too. A token that still got here (a
  // login or refresh of the same person wrote `sessions` back meanwhile) is refused, and the
  // session removed again.
  if (log?.ended) {
    const db = await drizzleFor(req.payload, system)
    await db.execute(sql`delete from users_sessions where id = ${sessionId} and _parent_id = ${userId}::uuid`)
    return { activeOrganization: null, sessionLogId: log.id, ended: true }
  }
  if (log && allowed(log.activeOrganization)) return { activeOrganization: log.activeOrganization, sessionLogId: log.id }

  const ip = requestIp(req.headers)
  const sessionLogId =
    log?.id ??
    (await openMissingSessionLog(system, {
      userId,
      sessionId,
      ip,
      userAgent: req.headers?.get('user-agent') ?? null,
      organization: fallback,
      platformOwner: isSuperAdmin,
    }))
  const activeOrganization = await changeActiveOrganization(system, sessionLogId, (current) => {
    if (allowed(current)) return null
    const never = log === null || current === null
    return {
      user: userId,
      event: never && fallback ? 'INITIAL' : 'RESET_TENANT',
      to: fallback,
      reason: fallback ? (never ? 'no context yet' : 'access lost') : 'no organization left',
      ip,
      platformOwner: isSuperAdmin,
    }
  })
  return { activeOrganization: allowed(activeOrganization) ? activeOrganization : null, sessionLogId }
}

/**
 * A login session with no log (signed in before session logs existed, or its log was pruned):
 * gets one now, without an organization, so the flow above sets the default and logs it.
 */
async function openMissingSessionLog(
  system: PayloadRequest,
  row: { userId: ID; sessionId: string; ip: string | null; userAgent: string | null; organization: ID | null; platformOwner: boolean },
): Promise<ID> {
  return inTransaction(system, async () => {
    const db = await drizzleFor(system.payload, system)
    await db.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:session-log'), hashtext(${row.sessionId}))`)
    // A parallel request of the same session may have created it meanwhile.
    const existing = await findSessionLog(system, row.sessionId, row.userId)
    if (existing) return existing.id
    const created = await system.payload.create({
      collection: SESSION_LOGS_SLUG,
      req: system,
      overrideAccess: true,
      data: {
        user: row.userId,
        organization: row.organization,
        sessionId: row.sessionId,
        outcome: 'success',
        loginAt: new Date().toISOString(),
        ipAddress: row.ip,
        userAgent: row.userAgent,
        platformOwner: row.platformOwner,
      },
    })
    return String(created.id)
  })
}
