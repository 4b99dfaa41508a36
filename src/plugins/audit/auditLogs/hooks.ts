import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionSlug, Field, PayloadRequest } from 'payload'

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
async function organizationOf(req: PayloadRequest, slug: string, before: Doc | null, after: Doc | null): Promise<string | null> {
  const doc = (after ?? before)!
  if (slug === 'organizations') return relationId(doc.id)
  const own = relationId(doc.organization)
  if (own) return own
  if (slug === 'users') {
    // A person may belong to several: the organization the actor acts in, when the change touches
    // the person's membership there (before or after), else one the actor administers, else the first.
    const membershipsOf = (side: Doc | null) => relationIds(((side?.memberships ?? []) as Membership[]).map((m) => m.organization))
    const organizations = [...new Set([...membershipsOf(after), ...membershipsOf(before)])]
    const working = await activeOrganization(req)
    if (working && organizations.includes(working)) return working
    const actorOrganizations = new Set((await getAccessContext(req)).grants.map((grant) => grant.organization))
    return organizations.find((organization) => actorOrganizations.has(organization)) ?? organizations[0] ?? null
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

async function record(
  req: PayloadRequest,
  slug: string,
  operation: Operation,
  before: Doc | null,
  after: Doc | null,
  submitted: unknown,
  secretFields: ReadonlySet<string>,
) {
  if (!req.user) return
  const changes = changesBetween(before, after, submitted, secretFields)
  if (operation === 'UPDATE' && Object.keys(changes).length === 0) return
  const doc = (after ?? before)!
  await recordStaffAction(req, {
    organization: await organizationOf(req, slug, before, after),
    action: auditAction(slug, operation, doc, changes),
    targetType: slug,
    targetId: String(doc.id),
    changes,
  })
}

/** The names of the fields a collection marks secret (`custom.secret`), at any depth. */
export function secretFieldNames(fields: readonly Field[]): Set<string> {
  const names = new Set<string>()
  const visit = (list: readonly Field[]) => {
    for (const field of list) {
      if ('name' in field && (field.custom as { secret?: boolean } | undefined)?.secret) names.add(field.name)
      if ('fields' in field && Array.isArray(field.fields)) visit(field.fields)
      if ('tabs' in field && Array.isArray(field.tabs)) for (const tab of field.tabs) visit(tab.fields)
      if ('blocks' in field && Array.isArray(field.blocks)) for (const block of field.blocks) if (typeof block === 'object') visit(block.fields)
    }
  }
  visit(fields)
  return names
}

/**
 * The audit hooks of one collection. The document after a change is read again as stored
 * (depth 0, every field), so what the person asked to see back (`select`, `depth`, `populate`)
 * does not change what is recorded.
 */
export function auditHooks(fields: readonly Field[]): { afterChange: CollectionAfterChangeHook; afterDelete: CollectionAfterDeleteHook } {
  const secretFields = secretFieldNames(fields)
  return {
    afterChange: async ({ collection, data, doc, operation, previousDoc, req }) => {
      if (!req.user) return doc
      const stored =
        (await req.payload.findByID({
          collection: collection.slug as CollectionSlug,
          id: doc.id,
          depth: 0,
          overrideAccess: true,
          showHiddenFields: true,
          disableErrors: true,
          req,
        })) ?? doc
      // Payload marks a user it reads with the collection's slug; that is not a field.
      const { collection: _slug, ...fields } = stored as Doc
      const after = collection.auth ? fields : (stored as Doc)
      const before = operation === 'create' ? null : previousDoc
      await record(req, collection.slug, operation === 'create' ? 'CREATE' : 'UPDATE', before, after, data, secretFields)
      return doc
    },
    afterDelete: async ({ collection, doc, req }) => {
      await record(req, collection.slug, 'DELETE', doc, null, undefined, secretFields)
      return doc
    },
  }
}
