import type { CollectionBeforeChangeHook } from 'payload'

import { getAccessContext, type Grant, grantsWith, type Permission, ROLE_RANK } from '@/access'
import { forbidden } from '@/http/errors'

import { changedMemberships, type MembershipRow, normalizeMemberships } from '../memberships'

/**
 * Fields that, changed on another user, act on their whole account across organizations: their
 * sign-in names (email, username, phone number) among them.
 */
const ACCOUNT_FIELDS = ['email', 'phone', 'status', 'addedPermissions', 'removedPermissions', 'username', 'customer'] as const

/** Fields nobody changes on their own record (profile, email and password they may). */
const PRIVILEGED_FIELDS = [
  'memberships',
  'addedPermissions',
  'removedPermissions',
  'status',
  'isSuperAdmin',
  'username',
  'customer',
] as const

/** Whether `grant` lets its holder grant or revoke `row`: same organization, rank, branches. */
function grantCovers(grant: Grant, row: MembershipRow): boolean {
  if (grant.scope === 'self' || grant.organization !== row.organization) return false
  if (ROLE_RANK[row.role] > ROLE_RANK[grant.role]) return false
  if (grant.scope === 'branch') {
    return row.locations.length > 0 && row.locations.every((location) => grant.locations.includes(location))
  }
  return true
}

function covered(grants: Grant[], row: MembershipRow): boolean {
  return grants.some((grant) => grantCovers(grant, row))
}

/** A stable text form for comparing values: array row ids and order do not matter. */
const comparable = (value: unknown): string => {
  if (Array.isArray(value)) return JSON.stringify(value.map(comparable).sort())
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([key]) => key !== 'id')
    return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, comparable(inner)]))
  }
  return JSON.stringify(value ?? null)
}

const isGroup = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/**
 * Whether submitted data changes the stored value. Groups count only the parts submitted: a form
 * sends what it shows, and field access may already have removed parts the person cannot set.
 */
function differs(submitted: unknown, stored: unknown): boolean {
  if (isGroup(submitted) && isGroup(stored)) {
    return Object.keys(submitted).some((key) => key !== 'id' && differs(submitted[key], stored[key]))
  }
  return comparable(submitted) !== comparable(stored)
}

function fieldChanged(field: string, data: Record<string, unknown>, original: Record<string, unknown> | undefined): boolean {
  if (field === 'password') return typeof data.password === 'string' && data.password.length > 0
  if (!(field in data)) return false
  if (field === 'memberships') {
    return changedMemberships(normalizeMemberships(original?.memberships), normalizeMemberships(data.memberships)).length > 0
  }
  return differs(data[field], original?.[field])
}

/**
 * Nobody grants more than they hold. For people other than super-admins:
 * - on their own record they change only their profile and password;
 * - they grant or revoke memberships only in organizations (and branches) they administer, and
 *   only roles up to their own rank there;
 * - they change another user's email, password, status or permission overrides only when they
 *   administer every membership that user has, and add only permissions they hold themselves.
 * `isSuperAdmin` is refused outright in `refuseSuperAdminGrant` before field access strips it.
 */
export const guardPrivileges: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  if (!req.user) return data
  const context = await getAccessContext(req)
  if (context.isSuperAdmin) return data

  const original = operation === 'update' ? (originalDoc as Record<string, unknown>) : undefined
  if (original?.isSuperAdmin) {
    throw forbidden("Only a super-admin can change a super-admin's account.")
  }
  const isSelf = original !== undefined && String(original.id) === context.userId

  if (isSelf) {
    const refused = PRIVILEGED_FIELDS.filter((field) => fieldChanged(field, data, original))
    if (refused.length > 0) {
      throw forbidden(`You cannot change your own ${refused.join(', ')}. Ask an administrator.`)
    }
    return data
  }

  const permission: Permission = operation === 'create' ? 'users.create' : 'users.update'
  const grants = grantsWith(context, permission)
  const before = normalizeMemberships(original?.memberships)
  const after = 'memberships' in data ? normalizeMemberships(data.memberships) : before

  if (operation === 'create' && after.length === 0) {
    throw forbidden('A new user needs a membership in an organization you administer.')
  }
  const ungrantable = changedMemberships(before, after).filter((row) => !covered(grants, row))
  if (ungrantable.length > 0) {
    const roles = [...new Set(ungrantable.map((row) => row.role))].join(', ')
    throw forbidden(
      `You can only grant or revoke memberships (here: ${roles}) in organizations and branches you administer, up to your own role.`,
    )
  }

  // A person's credentials and overrides hold in every organization they belong to, so these
  // checks weigh the editor's memberships everywhere, not only in the organization they work in.
  const everywhere = context.allGrants.filter((grant) => grant.permissions.has(permission))
  const accountChanges = [...ACCOUNT_FIELDS, 'password'].filter((field) => fieldChanged(field, data, original))
  if (accountChanges.length > 0 && operation === 'update') {
    const everyMembership = [...before, ...after]
    if (everyMembership.length === 0 || !everyMembership.every((row) => covered(everywhere, row))) {
      throw forbidden(
        `You cannot change ${accountChanges.join(', ')} of a user who also belongs to organizations or branches you do not administer.`,
      )
    }
  }

  // Overrides apply in every organization the user belongs to, so whoever adds a permission, or
  // a membership to someone who carries overrides, must hold those permissions there themselves.
  const holds = (permission: string, organization: string) =>
    context.allGrants.some(
      (grant) => grant.organization === organization && grant.scope !== 'self' && grant.permissions.has(permission as Permission),
    )
  const addedBefore = new Set<string>((original?.addedPermissions as string[] | undefined) ?? [])
  const addedAfter = (data.addedPermissions as string[] | undefined) ?? [...addedBefore]
  const beforeOrganizations = new Set(before.map((row) => row.organization))
  for (const permission of addedAfter) {
    const reach = addedBefore.has(permission) ? after.filter((row) => !beforeOrganizations.has(row.organization)) : after
    if (!addedBefore.has(permission) && reach.length === 0) {
      throw forbidden(`You cannot grant the permission ${permission} to a user without memberships.`)
    }
    if (!reach.every((row) => holds(permission, row.organization))) {
      throw forbidden(`You cannot grant the permission ${permission}: you do not hold it yourself.`)
    }
  }
  return data
}
