import type { Endpoint, PayloadRequest } from 'payload'

import { type AccessContext, getAccessContext, grantsWith, relationId, SESSION_LOGS_SLUG } from '@/access'
import { inTransaction } from '@/db/transaction'
import { conflict, forbidden, notFound, unauthorized } from '@/http/errors'
import { isUuid } from '@/lib/ids'

import { USERS_SLUG } from '../../tenancy'
import { recordStaffAction } from '../auditLogs/hooks'
import { endLoginSession } from './loginSessions'

/** Whether the person holds `sessionLogs.revoke` in an organization `userId` still belongs to. */
async function mayRevokeSessionsOf(req: PayloadRequest, context: AccessContext, userId: string | null): Promise<boolean> {
  if (!userId) return false
  const user = await req.payload.findByID({ collection: USERS_SLUG, id: userId, depth: 0, overrideAccess: true, disableErrors: true, select: { memberships: true } })
  const memberOf = new Set(((user?.memberships ?? []) as { organization?: unknown }[]).map((row) => relationId(row.organization)))
  return grantsWith(context, 'sessionLogs.revoke').some((grant) => memberOf.has(grant.organization))
}

/**
 * `POST /api/session-logs/:id/revoke`: ends a login session at once. Everyone may end their own
 * sessions (a lost phone, a shared computer); `sessionLogs.revoke` (org-admins) ends those of
 * the people who still belong to the organization. Someone else's session is also recorded in
 * the audit log.
 */
export const revokeSessionEndpoint: Endpoint = {
  path: '/:id/revoke',
  method: 'post',
  handler: async (req) => {
    const context = await getAccessContext(req)
    if (!context.userId) throw unauthorized()
    const id = String(req.routeParams?.id ?? '')
    const log = isUuid(id)
      ? ((await req.payload.findByID({
          collection: SESSION_LOGS_SLUG,
          id,
          depth: 0,
          req,
          overrideAccess: false,
          disableErrors: true,
        })) as Record<string, unknown> | null)
      : null
    if (!log) throw notFound('No such session.')

    const ownerId = relationId(log.user)
    const own = ownerId === context.userId
    if (!own && !context.isSuperAdmin && !(await mayRevokeSessionsOf(req, context, ownerId))) {
      throw forbidden("You may end your own sessions; ending other people's is for their organization's admins.")
    }
    if (log.outcome !== 'success') throw conflict('That was a failed sign-in attempt; there is no session to end.')
    if (log.logoutAt) throw conflict(`This session already ended (${String(log.endReason ?? 'logout')}).`)

    await inTransaction(req, async () => {
      await endLoginSession(req, id, 'revoked')
      if (own) return
      await recordStaffAction(req, {
        organization: context.activeOrganization ?? relationId(log.activeOrganization) ?? relationId(log.organization),
        action: 'LOGIN_SESSION_REVOKE',
        targetType: SESSION_LOGS_SLUG,
        targetId: id,
        changes: { user: { from: ownerId, to: ownerId }, endReason: { from: null, to: 'revoked' } },
      })
    })
    return Response.json({ message: `Signed out: ${String(log.deviceInfo ?? 'that session')}.`, id })
  },
}
