import type { Access, PayloadRequest, Where } from 'payload'

import { type AccessContext, anyOf, can, getAccessContext, grantsWith, isStaff, type TenantPaths } from '@/access'
import { forbidden, unauthorized } from '@/http/errors'

import { MESSAGES } from './rules'

/** Time entries are branch-owned through their ticket's branch (copied when they are recorded). */
export const TIME_SESSION_PATHS: TenantPaths = { organization: 'organization', location: 'location' }

/** The signed-in person's own entries, in the organizations where they track time (seed 002). */
const ownEntries: Access = async ({ req }) => {
  const context = await getAccessContext(req)
  if (!context.userId) return false
  const organizations = grantsWith(context, 'timeSessions.track')
    .filter((grant) => grant.scope !== 'self')
    .map((grant) => grant.organization)
  if (organizations.length === 0) return false
  const where: Where = { and: [{ organization: { in: organizations } }, { agent: { equals: context.userId } }] }
  return where
}

/**
 * Agents read their own time; supervisors, branch managers and admins (`timeSessions.viewTeam`)
 * everyone's within their reach; customers none. Nobody writes entries over the collection's
 * REST or GraphQL API: the time-session endpoints record them under the rules.
 */
export const readTimeSessions: Access = anyOf(can('timeSessions.viewTeam', TIME_SESSION_PATHS), ownEntries)

/** The signed-in person's access, if they are staff (401 for nobody, 403 for customers). */
export async function staffContext(req: PayloadRequest): Promise<AccessContext> {
  const context = await getAccessContext(req)
  if (!context.userId) throw unauthorized()
  if (!isStaff(context)) throw forbidden(MESSAGES.staffOnly)
  return context
}
