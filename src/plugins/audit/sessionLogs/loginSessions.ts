import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, Where } from 'payload'

import { type ID, recordContextChange, relationId, SESSION_LOGS_SLUG, startingOrganization, type UserLike } from '@/access'
import { drizzleFor } from '@/db/sql'
import { inTransaction } from '@/db/transaction'
import { requestIp } from '@/lib/clientIp'

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
  })
}

/** Closes the open session logs that match `where` (one session, or all of a user's). */
export async function closeSessionLogs(req: PayloadRequest, where: Where, reason: EndReason): Promise<number> {
  const { docs } = await req.payload.update({
    collection: SESSION_LOGS_SLUG,
    where: { and: [where, { outcome: { equals: 'success' } }, { logoutAt: { exists: false } }] },
    data: { logoutAt: new Date().toISOString(), endReason: reason },
    req,
    overrideAccess: true,
    depth: 0,
  })
  return docs.length
}

type SessionLogDoc = { id: unknown; user?: unknown; sessionId?: unknown }

/**
 * Ends a login session now: its token stops working on its next request (the session leaves
 * the user's `sessions`, which Payload's JWT strategy checks on every request), and its log is
 * closed with `reason`. One transaction.
 */
export async function endLoginSession(req: PayloadRequest, log: SessionLogDoc, reason: EndReason): Promise<void> {
  const userId = relationId(log.user)
  const sessionId = typeof log.sessionId === 'string' ? log.sessionId : null
  await inTransaction(req, async () => {
    if (userId && sessionId) {
      const db = await drizzleFor(req.payload, req)
      await db.execute(sql`delete from users_sessions where id = ${sessionId} and _parent_id = ${userId}::uuid`)
    }
    await closeSessionLogs(req, { id: { equals: String(log.id) } }, reason)
  })
}

/** The session a request came with: its user and id, when it is a cookie session of a person. */
export function cookieSessionOf(req: PayloadRequest): { userId: ID; sessionId: string } | null {
  const user = req.user as { id?: unknown; collection?: string; _sid?: string } | null
  if (!user?._sid || user.collection !== 'users' || req.headers?.get('authorization')) return null
  return { userId: String(user.id), sessionId: user._sid }
}
