import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { type ID, recordContextChange, SESSION_LOGS_SLUG, startingOrganization, type UserLike } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { inTransaction } from '@/db/transaction'
import { requestIp } from '@/lib/clientIp'

import { USERS_SLUG } from '../../tenancy'
import type { EndReason } from './index'

type SessionEntry = { id?: unknown; expiresAt?: unknown }
type UserForLogin = UserLike & { sessions?: SessionEntry[] | null }

/** The `sid` claim of a token Payload just signed (its payload is plain base64url JSON). */
export function sessionIdOfToken(token: string | undefined): string | null {
  const claims = token?.split('.')[1]
  if (!claims) return null
  try {
    const sid = (JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { sid?: unknown }).sid
    return typeof sid === 'string' ? sid : null
  } catch {
    return null
  }
}

/**
 * A successful sign-in: its session log, in the login's own transaction, starting in the
 * user's default organization (one they can still use), and the INITIAL context change.
 */
export async function openLoginSession(req: PayloadRequest, user: UserForLogin, token: string | undefined): Promise<void> {
  const sessionId = sessionIdOfToken(token)
  if (!sessionId) return
  const userId = String(user.id)
  const activeOrganization = await startingOrganization(req, user)
  const session = (user.sessions ?? []).find((entry) => entry.id === sessionId)
  const ip = requestIp(req.headers)
  const log = await req.payload.create({
    collection: SESSION_LOGS_SLUG,
    req,
    overrideAccess: true,
    data: {
      user: userId,
      outcome: 'success',
      organization: activeOrganization,
      activeOrganization,
      loginAt: new Date().toISOString(),
      expiresAt: session?.expiresAt ? new Date(session.expiresAt as string).toISOString() : null,
      ipAddress: ip,
      userAgent: req.headers?.get('user-agent') ?? null,
      sessionId,
      platformOwner: Boolean(user.isSuperAdmin),
    },
  })
  await recordContextChange(req, {
    user: userId,
    event: 'INITIAL',
    from: null,
    to: activeOrganization,
    reason: 'signed in',
    sessionLog: String(log.id),
    ip,
    platformOwner: Boolean(user.isSuperAdmin),
  })
}

/**
 * Closes the open session logs of one session (`id`, or a user's `sessionId`) or of all of a
 * user's sessions. One statement that only touches logs still open, so a logout, a revocation
 * and the expiry job ending the same session at once leave the first one's reason.
 */
export async function closeSessionLogs(
  req: PayloadRequest,
  target: { id: ID } | { userId: ID; sessionId?: string },
  reason: EndReason,
): Promise<number> {
  const db = await drizzleFor(req.payload, req)
  const which =
    'id' in target
      ? sql`id = ${target.id}::uuid`
      : target.sessionId
        ? sql`user_id = ${target.userId}::uuid and session_id = ${target.sessionId}`
        : sql`user_id = ${target.userId}::uuid`
  const now = new Date().toISOString()
  const rows = rowsOf(
    await db.execute(sql`
      update session_logs set logout_at = ${now}::timestamptz, end_reason = ${reason}::enum_session_logs_end_reason, updated_at = ${now}::timestamptz
       where ${which} and outcome = 'success' and logout_at is null
      returning id`),
  )
  return rows.length
}

/**
 * Ends a login session now: its token stops working on its next request (the session leaves
 * the user's `sessions`, which Payload's JWT strategy checks on every request), and its log is
 * closed with `reason`. One transaction.
 */
export async function endLoginSession(req: PayloadRequest, sessionLogId: ID, reason: EndReason): Promise<void> {
  await inTransaction(req, async () => {
    const db = await drizzleFor(req.payload, req)
    await db.execute(sql`
      delete from users_sessions as s using session_logs as log
       where log.id = ${sessionLogId}::uuid and s.id = log.session_id and s._parent_id = log.user_id`)
    await closeSessionLogs(req, { id: sessionLogId }, reason)
  })
}

/** The session a request came with: its user and id, when it is a cookie session of a person. */
export function cookieSessionOf(req: PayloadRequest): { userId: ID; sessionId: string } | null {
  const user = req.user as { id?: unknown; collection?: string; _sid?: string } | null
  if (!user?._sid || user.collection !== USERS_SLUG || req.headers?.get('authorization')) return null
  return { userId: String(user.id), sessionId: user._sid }
}
