import type { PayloadRequest } from 'payload'

import { effectivePermissions, type Permission } from './permissions'
import { isRole, type Role, type Scope, scopeOf } from './roles'

export type ID = string

/** One membership of the signed-in user, resolved: what it allows and how far it reaches. */
export type Grant = {
  organization: ID
  role: Role
  scope: Scope
  locations: readonly ID[]
  permissions: ReadonlySet<Permission>
}

export type AccessContext = {
  userId: ID | null
  isSuperAdmin: boolean
  grants: readonly Grant[]
}

/** Organizations in these states lock their members out (super-admins excepted). */
export const LOCKED_ORGANIZATION_STATUSES = ['SUSPENDED', 'EXPIRED'] as const

const ANONYMOUS: AccessContext = { userId: null, isSuperAdmin: false, grants: [] }

/** The id of a relationship value, whether it arrived as an id or as a populated document. */
export function relationId(value: unknown): ID | null {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'id' in value) return String((value as { id: unknown }).id)
  return null
}

export function relationIds(values: unknown): ID[] {
  if (!Array.isArray(values)) return []
  return values.map(relationId).filter((id): id is ID => id !== null)
}

type MembershipLike = { organization?: unknown; role?: unknown; locations?: unknown }
type UserLike = {
  id: unknown
  collection?: string
  isSuperAdmin?: boolean | null
  status?: string | null
  memberships?: MembershipLike[] | null
  addedPermissions?: string[] | null
  removedPermissions?: string[] | null
}

const cache = new WeakMap<object, { userId: ID | null; context: Promise<AccessContext> }>()

/**
 * The signed-in user's access, worked out once per request: their memberships in organizations
 * that are not locked, each with its effective permissions (role defaults plus the user's
 * overrides). A user who is not ACTIVE has no access at all, even with a still-valid token.
 */
export function getAccessContext(req: PayloadRequest): Promise<AccessContext> {
  const user = req.user as UserLike | null | undefined
  const userId = user && user.collection === 'users' ? relationId(user.id) : null
  const cached = cache.get(req)
  if (cached && cached.userId === userId) return cached.context
  const context = userId && user ? resolveAccessContext(req, user, userId) : Promise.resolve(ANONYMOUS)
  cache.set(req, { userId, context })
  return context
}

async function resolveAccessContext(req: PayloadRequest, user: UserLike, userId: ID): Promise<AccessContext> {
  if (user.status !== 'ACTIVE') return { ...ANONYMOUS, userId }
  if (user.isSuperAdmin) return { userId, isSuperAdmin: true, grants: [] }

  const memberships = (user.memberships ?? []).filter(
    (membership) => relationId(membership.organization) !== null && isRole(membership.role),
  )
  if (memberships.length === 0) return { ...ANONYMOUS, userId }

  const organizationIds = [...new Set(memberships.map((membership) => relationId(membership.organization)!))]
  const lockedOrganizations = await findLockedOrganizations(req, organizationIds)

  const grants: Grant[] = []
  for (const membership of memberships) {
    const organization = relationId(membership.organization)!
    if (lockedOrganizations.has(organization)) continue
    const role = membership.role as Role
    const locations = relationIds(membership.locations)
    grants.push({
      organization,
      role,
      scope: scopeOf(role, locations.length),
      locations,
      permissions: effectivePermissions(role, user.addedPermissions, user.removedPermissions),
    })
  }
  return { userId, isSuperAdmin: false, grants }
}

/** Of the given organizations, those that no longer let their members in (or no longer exist). */
export async function findLockedOrganizations(req: PayloadRequest, organizationIds: ID[]): Promise<Set<ID>> {
  const { docs } = await req.payload.find({
    collection: 'organizations',
    where: { id: { in: organizationIds } },
    depth: 0,
    limit: organizationIds.length,
    pagination: false,
    overrideAccess: true,
    req,
    select: { status: true },
  })
  const locked = new Set(organizationIds)
  for (const organization of docs) {
    if (!(LOCKED_ORGANIZATION_STATUSES as readonly string[]).includes(String(organization.status))) {
      locked.delete(String(organization.id))
    }
  }
  return locked
}

export function grantsWith(context: AccessContext, permission: Permission): Grant[] {
  return context.grants.filter((grant) => grant.permissions.has(permission))
}

export function isStaff(context: AccessContext): boolean {
  return context.isSuperAdmin || context.grants.some((grant) => grant.role !== 'customer')
}
