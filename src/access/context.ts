import type { PayloadRequest } from 'payload'

import { effectivePermissions, type Permission } from './permissions'
import { isRole, type Role, type Scope, scopeOf } from './roles'
import { defaultOrganizationOf, resolveTenantContext } from './tenantContext'

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
  /** The memberships that apply in this request: those in the active organization. */
  grants: readonly Grant[]
  /**
   * Every usable membership, whatever the active organization: only for decisions that by
   * nature span organizations (changing a person's credentials, entering the admin panel).
   */
  allGrants: readonly Grant[]
  /** The organization the request runs in (the tenant context); `null` for a super-admin across all. */
  activeOrganization: ID | null
  /** Every organization the user could switch to (not locked, still a member). Empty for super-admins. */
  organizations: readonly ID[]
  /** The login session's row in `session-logs`, when the request carries a login session. */
  sessionLogId: ID | null
}

/** Organizations in these states lock their members out (super-admins excepted). */
export const LOCKED_ORGANIZATION_STATUSES = ['SUSPENDED', 'EXPIRED'] as const

const ANONYMOUS: AccessContext = {
  userId: null,
  isSuperAdmin: false,
  grants: [],
  allGrants: [],
  activeOrganization: null,
  organizations: [],
  sessionLogId: null,
}

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
export type UserLike = {
  id: unknown
  collection?: string
  /** The login session, set by Payload's JWT strategy (`useSessions`). */
  _sid?: string
  defaultOrganization?: unknown
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
 * overrides), narrowed to the request's active organization (see `tenantContext`). A user who
 * is not ACTIVE has no access at all, even with a still-valid token.
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

/**
 * The access context this request already worked out, if it did; never queries. For code that
 * must not touch the database, such as logging a request that failed (its transaction may be gone).
 */
export function knownAccessContext(req: PayloadRequest): Promise<AccessContext> | null {
  return cache.get(req)?.context ?? null
}

async function resolveAccessContext(req: PayloadRequest, user: UserLike, userId: ID): Promise<AccessContext> {
  if (user.status !== 'ACTIVE') return { ...ANONYMOUS, userId }
  const sessionId = typeof user._sid === 'string' ? user._sid : null
  const chosenDefault = relationId(user.defaultOrganization)
  if (user.isSuperAdmin) {
    const tenant = await resolveTenantContext({
      req,
      userId,
      sessionId,
      isSuperAdmin: true,
      organizations: [],
      defaultOrganization: chosenDefault,
    })
    // A session that ended is nobody's, even if its token got past the check of `sessions`.
    if (tenant.ended) return ANONYMOUS
    return { ...ANONYMOUS, userId, isSuperAdmin: true, activeOrganization: tenant.activeOrganization, sessionLogId: tenant.sessionLogId }
  }

  const { memberships, usable } = await usableMemberships(req, user)
  const grants: Grant[] = []
  for (const membership of memberships) {
    const organization = relationId(membership.organization)!
    if (!usable.includes(organization)) continue
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
  const organizations = [...new Set(grants.map((grant) => grant.organization))]
  const tenant = await resolveTenantContext({
    req,
    userId,
    sessionId,
    isSuperAdmin: false,
    organizations,
    defaultOrganization: chosenDefault,
  })
  if (tenant.ended) return ANONYMOUS
  return {
    userId,
    isSuperAdmin: false,
    grants: grants.filter((grant) => grant.organization === tenant.activeOrganization),
    allGrants: grants,
    organizations,
    activeOrganization: tenant.activeOrganization,
    sessionLogId: tenant.sessionLogId,
  }
}

/** A user's well-formed memberships, and the organizations among them that still let them in. */
async function usableMemberships(req: PayloadRequest, user: UserLike): Promise<{ memberships: MembershipLike[]; usable: ID[] }> {
  const memberships = (user.memberships ?? []).filter(
    (membership) => relationId(membership.organization) !== null && isRole(membership.role),
  )
  const organizationIds = [...new Set(memberships.map((membership) => relationId(membership.organization)!))]
  const locked = organizationIds.length ? await findLockedOrganizations(req, organizationIds) : new Set<ID>()
  return { memberships, usable: organizationIds.filter((id) => !locked.has(id)) }
}

/** The organization a user's new login session starts in: their default, if they can still use it. */
export async function startingOrganization(req: PayloadRequest, user: UserLike): Promise<ID | null> {
  const chosen = relationId(user.defaultOrganization)
  if (user.isSuperAdmin) return chosen
  return defaultOrganizationOf(chosen, (await usableMemberships(req, user)).usable)
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

/** Staff in the active organization (or a super-admin). */
export function isStaff(context: AccessContext): boolean {
  return context.isSuperAdmin || context.grants.some((grant) => grant.role !== 'customer')
}

/** Staff in any of their organizations: may enter the admin panel (and switch to where they are staff). */
export function isStaffAnywhere(context: AccessContext): boolean {
  return context.isSuperAdmin || context.allGrants.some((grant) => grant.role !== 'customer')
}
