import { type PayloadRequest, commitTransaction, initTransaction, killTransaction } from 'payload'

import { getAccessContext, permissionWhere } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { conflict, forbidden, notFound } from '@/http/errors'
import { sql } from '@payloadcms/db-postgres'

import { OPEN_SESSION_STATUSES, type SessionStatus } from './fields'
import { SESSION_PATHS } from './paths'

export const DISCONNECT_SESSION_TASK = 'disconnect-session'

export type ForceLogoutResult = {
  session: { id: string; status: SessionStatus; terminateCause: string; endedAt: string }
  job: { id: string }
}

/**
 * Whether the person may force-logout this session: `forbidden` without the permission anywhere,
 * `not-found` when the session is outside their reach (or does not exist), else `allowed`.
 */
export async function forceLogoutAccess(req: PayloadRequest, sessionId: string): Promise<'forbidden' | 'not-found' | 'allowed'> {
  const reach = permissionWhere(await getAccessContext(req), 'sessions.forceLogout', SESSION_PATHS)
  if (reach === false) return 'forbidden'
  const { totalDocs } = await req.payload.count({
    collection: 'sessions',
    where: reach === true ? { id: { equals: sessionId } } : { and: [{ id: { equals: sessionId } }, reach] },
    overrideAccess: true,
    req,
  })
  return totalDocs === 0 ? 'not-found' : 'allowed'
}

/**
 * Ends a WiFi session for a person holding `sessions.forceLogout` where the session is, and
 * queues `disconnect-session` so the RADIUS service tells the router. The session's row is locked
 * while it changes, so two clicks at once end it once and queue one job; a session that has
 * already ended is a conflict, and one outside the person's reach does not exist for them.
 */
export async function forceLogout(req: PayloadRequest, sessionId: string): Promise<ForceLogoutResult> {
  const access = await forceLogoutAccess(req, sessionId)
  if (access === 'forbidden') throw forbidden('You are not allowed to force-logout WiFi sessions.')
  if (access === 'not-found') throw notFound('No such WiFi session in your organization.')

  const { payload } = req
  const context = await getAccessContext(req)

  const ownsTransaction = await initTransaction(req)
  try {
    const db = await drizzleFor(payload, req)
    const [locked] = rowsOf<{ status: SessionStatus }>(
      await db.execute(sql`select status from sessions where id = ${sessionId} for update`),
    )
    if (!locked) throw notFound('No such WiFi session in your organization.')
    if (!OPEN_SESSION_STATUSES.includes(locked.status)) {
      throw conflict(`This session has already ended (${locked.status}).`)
    }

    const endedAt = new Date().toISOString()
    const session = await payload.update({
      collection: 'sessions',
      id: sessionId,
      data: { status: 'terminated', terminateCause: 'Admin-Reset', endedAt },
      depth: 0,
      overrideAccess: true,
      req,
    })
    const job = await payload.jobs.queue({
      task: DISCONNECT_SESSION_TASK,
      queue: 'radius',
      input: { session: sessionId, requestedBy: context.userId ?? '' },
      req,
    })
    if (ownsTransaction) await commitTransaction(req)
    payload.logger.info(
      { session: sessionId, organization: session.organization, requestedBy: context.userId, job: job.id },
      'WiFi session force-logged out',
    )
    return {
      session: { id: String(session.id), status: session.status, terminateCause: 'Admin-Reset', endedAt },
      job: { id: String(job.id) },
    }
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}
