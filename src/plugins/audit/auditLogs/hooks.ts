import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { getAccessContext, isStaff, relationId, relationIds } from '@/access'

import { activeOrganization } from '../../tenancy/activeOrganization'
import { changesBetween } from './changes'
import { appendAuditEntry } from './record'

type Doc = Record<string, unknown>
type Operation = 'CREATE' | 'UPDATE' | 'DELETE'

/** Names in actions where the slug would not read well (`CUSTOMER_CREATE`, `SESSION_FORCE_LOGOUT`). */
const SUBJECTS: Record<string, string> = {
  organizations: 'ORGANIZATION',
  locations: 'BRANCH',
  routers: 'ROUTER',
  plans: 'PLAN',
  vouchers: 'VOUCHER',
  sessions: 'SESSION',
  'archived-sessions': 'ARCHIVED_SESSION',
  'portal-credentials': 'PORTAL_CREDENTIAL',
  tickets: 'TICKET',
  'ticket-comments': 'TICKET_COMMENT',
  'time-sessions': 'TIME_SESSION',
}

type Membership = { organization?: unknown; role?: unknown }

/** The action in the seed's style: a customer's account is CUSTOMER_…, a force-logout is named as such. */
export function auditAction(slug: string, operation: Operation, doc: Doc, changes: Record<string, { to: unknown }>): string {
  if (slug === 'users') {
    const memberships = (doc.memberships ?? []) as Membership[]
    const customerOnly = !doc.isSuperAdmin && memberships.length > 0 && memberships.every((m) => m.role === 'customer')
    return `${customerOnly ? 'CUSTOMER' : 'USER'}_${operation}`
  }
  if (slug === 'sessions' && operation === 'UPDATE' && changes.terminateCause?.to === 'Admin-Reset') return 'SESSION_FORCE_LOGOUT'
  if (slug === 'time-sessions' && operation === 'UPDATE' && changes.endTime && !doc.autoStopped) return 'TIME_SESSION_STOP'
  const subject = SUBJECTS[slug] ?? slug.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
  return `${subject}_${operation}`
}

/** Which organization's chain a change belongs to. */
async function organizationOf(req: PayloadRequest, slug: string, doc: Doc): Promise<string | null> {
  if (slug === 'organizations') return relationId(doc.id)
  const own = relationId(doc.organization)
  if (own) return own
  if (slug === 'users') {
    // A person may belong to several: the one the actor works in if the person is in it, else their first.
    const organizations = relationIds(((doc.memberships ?? []) as Membership[]).map((membership) => membership.organization))
    const working = await activeOrganization(req)
    return working && organizations.includes(working) ? working : (organizations[0] ?? null)
  }
  return null
}

/**
 * Appends a row for an action of the signed-in person, if they are staff or the platform owner:
 * the system's own writes (RADIUS, jobs, the seed) and customers' changes to their own records
 * are not staff actions. For changes Payload's hooks do not see (a voucher batch's bulk insert).
 */
export async function recordStaffAction(
  req: PayloadRequest,
  entry: { organization: string | null; action: string; targetType: string; targetId: string; changes: Record<string, unknown> },
): Promise<void> {
  if (!req.user) return
  const context = await getAccessContext(req)
  if (!isStaff(context)) return
  const name = (req.user as { name?: unknown }).name
  await appendAuditEntry(req, { ...entry, actor: context.userId, actorName: typeof name === 'string' ? name : null })
}

async function record(req: PayloadRequest, slug: string, operation: Operation, before: Doc | null, after: Doc | null, submitted?: unknown) {
  if (!req.user) return
  const changes = changesBetween(before, after, submitted)
  if (operation === 'UPDATE' && Object.keys(changes).length === 0) return
  const doc = (after ?? before)!
  await recordStaffAction(req, {
    organization: await organizationOf(req, slug, doc),
    action: auditAction(slug, operation, doc, changes),
    targetType: slug,
    targetId: String(doc.id),
    changes,
  })
}

export const auditChange: CollectionAfterChangeHook = async ({ collection, data, doc, operation, previousDoc, req }) => {
  await record(req, collection.slug, operation === 'create' ? 'CREATE' : 'UPDATE', operation === 'create' ? null : previousDoc, doc, data)
  return doc
}

export const auditDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  await record(req, collection.slug, 'DELETE', doc, null)
  return doc
}
