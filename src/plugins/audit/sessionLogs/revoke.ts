import type { Endpoint } from 'payload'

import { conflict, forbidden, getAccessContext, grantsWith, notFound, relationId, SESSION_LOGS_SLUG, unauthorized } from '@/access'
import { inTransaction } from '@/db/transaction'
import { isUuid } from '@/lib/ids'

import { recordStaffAction } from '../auditLogs/hooks'
import { endLoginSession } from './loginSessions'

/**
 * `POST /api/session-logs/:id/revoke`: ends a login session at once. Everyone may end their own
 * sessions (a lost phone, a shared computer); `sessionLogs.revoke` (org-admins) ends those of
 * the organization's people. Someone else's session is also recorded in the audit log.
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
          context: { withSessionId: true },
        })) as (Record<string, unknown> & { id: string }) | null)
      : null
    if (!log) throw notFound('No such session.')

    const ownerId = relationId(log.user)
    const own = ownerId === context.userId
    const organizations = [relationId(log.organization), relationId(log.activeOrganization)]
    if (!own && !context.isSuperAdmin && !grantsWith(context, 'sessionLogs.revoke').some((grant) => organizations.includes(grant.organization))) {
      throw forbidden("You may end your own sessions; ending other people's is for their organization's admins.")
    }
    if (log.outcome !== 'success') throw conflict('That was a failed sign-in attempt; there is no session to end.')
    if (log.logoutAt) throw conflict(`This session already ended (${String(log.endReason ?? 'logout')}).`)

    await inTransaction(req, async () => {
      await endLoginSession(req, log, 'revoked')
      if (own) return
      await recordStaffAction(req, {
        organization: relationId(log.activeOrganization) ?? relationId(log.organization),
        action: 'LOGIN_SESSION_REVOKE',
        targetType: SESSION_LOGS_SLUG,
        targetId: id,
        changes: { user: { from: ownerId, to: ownerId }, endReason: { from: null, to: 'revoked' } },
      })
    })
    return Response.json({ message: `Signed out: ${String(log.deviceInfo ?? 'that session')}.`, id })
  },
}
