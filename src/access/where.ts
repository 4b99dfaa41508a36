import type { Access, AccessResult, FieldAccess, PayloadRequest, Where } from 'payload'

import { type AccessContext, getAccessContext, type Grant, grantsWith, type ID } from './context'
import type { Permission } from './permissions'

/**
 * Where a collection keeps its tenant links, as query paths: `organization` always; `location`
 * for branch-owned documents; `owner` for documents that belong to one user (a customer's).
 */
export type TenantPaths = {
  organization: string
  location?: string
  owner?: string
}

const NOTHING: Where = { id: { exists: false } }

/** The constraint one grant puts on a collection laid out as `paths`. */
export function grantWhere(grant: Grant, paths: TenantPaths, userId: ID | null): Where {
  const inOrganization: Where = { [paths.organization]: { equals: grant.organization } }
  switch (grant.scope) {
    case 'self':
      // A customer's permissions reach only records that belong to them, whatever was added,
      // and only in this grant's organization (not one that suspended them or that they left).
      return paths.owner && userId ? { and: [inOrganization, { [paths.owner]: { equals: userId } }] } : NOTHING
    case 'branch':
      if (!paths.location) return inOrganization
      return grant.locations.length ? { [paths.location]: { in: [...grant.locations] } } : NOTHING
    case 'organization':
      return inOrganization
  }
}

/**
 * The rows `permission` reaches for this user, as one constraint. Super-admins reach every row,
 * or the rows of the one organization they chose to work in.
 */
export function permissionWhere(context: AccessContext, permission: Permission, paths: TenantPaths): AccessResult {
  if (context.isSuperAdmin) {
    return context.activeOrganization ? { [paths.organization]: { equals: context.activeOrganization } } : true
  }
  const clauses = grantsWith(context, permission).map((grant) => grantWhere(grant, paths, context.userId))
  if (clauses.length === 0) return false
  return clauses.length === 1 ? clauses[0] : { or: clauses }
}

/** Access for operations that may touch rows (read, update, delete): a row-level constraint. */
export const can =
  (permission: Permission, paths: TenantPaths): Access =>
  async ({ req }) =>
    permissionWhere(await getAccessContext(req), permission, paths)

/** Whether the person holds `permission` in the organization they work in (super-admins always). */
const holds = (context: AccessContext, permission: Permission) => context.isSuperAdmin || grantsWith(context, permission).length > 0

/**
 * Access for create: whether the user holds the permission anywhere. Which organization and
 * branch the new document may go to is checked by the tenancy plugin's `enforceTenantScope`
 * hook once defaults are filled in.
 */
export const canCreate =
  (permission: Permission): Access =>
  async ({ req }) =>
    holds(await getAccessContext(req), permission)

/**
 * Field access for a field that only means something to people holding `permission`, such as a
 * link to a record only they may read: for everyone else it is neither shown nor written.
 */
export const fieldForHoldersOf =
  (permission: Permission): FieldAccess =>
  async ({ req }) =>
    holds(await getAccessContext(req), permission)

export const isSuperAdmin = async ({ req }: { req: PayloadRequest }): Promise<boolean> =>
  (await getAccessContext(req)).isSuperAdmin

export const nobody: Access = () => false

/**
 * The signed-in user's own record in the users collection (any active user). Super-admins
 * working across all organizations reach every user; one who picked an organization, themselves.
 */
export const selfOnly: Access = async ({ req }) => {
  const context = await getAccessContext(req)
  if (!context.userId) return false
  if (context.isSuperAdmin && !context.activeOrganization) return true
  if (!context.isSuperAdmin && context.grants.length === 0) return false
  return { id: { equals: context.userId } }
}

/** Records that belong to the signed-in person (`path` names them), whatever their role. */
export const ownRecords =
  (path: string): Access =>
  async ({ req }) => {
    const { userId } = await getAccessContext(req)
    return userId ? { [path]: { equals: userId } } : false
  }

/**
 * Narrows an access rule for people who are not super-admins by a further constraint. A
 * super-admin gets the rule itself (everything, or their chosen organization's rows).
 */
export const narrowedBy =
  (access: Access, constraint: Where): Access =>
  async (args) => {
    if ((await getAccessContext(args.req)).isSuperAdmin) return access(args)
    const result = await access(args)
    if (result === true) return constraint
    if (result && typeof result === 'object') return { and: [result, constraint] }
    return false
  }

/** Either access: `true` wins, constraints are joined with OR. */
export const anyOf =
  (...accesses: Access[]): Access =>
  async (args) => {
    const clauses: Where[] = []
    for (const access of accesses) {
      const result = await access(args)
      if (result === true) return true
      if (result && typeof result === 'object') clauses.push(result)
    }
    if (clauses.length === 0) return false
    return clauses.length === 1 ? clauses[0] : { or: clauses }
  }

/** Field-level access (a yes or no, never a constraint) for what only super-admins may set. */
export const superAdminField: FieldAccess = async ({ req }) => (await getAccessContext(req)).isSuperAdmin
