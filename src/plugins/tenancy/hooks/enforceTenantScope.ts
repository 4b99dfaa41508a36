import type { CollectionBeforeChangeHook } from 'payload'
import { type CrudPermission, getAccessContext, grantsWith, relationId, type TenantPaths } from '@/access'
import { forbidden } from '@/http/errors'

type Options = {
  /** The collection's name in permissions: `locations` for `locations.create` and so on. */
  permissionCollection: string
  paths: TenantPaths
}

/**
 * A person may create a document, or move one, only into an organization (and for branch-scoped
 * grants, a branch; for a customer's, one that names them as its owner) where they hold the
 * permission for that operation. Row-level access already
 * limits which documents they can update; this guards where the data ends up. System actions
 * (no user on the request: the seed, the RADIUS service, jobs) are not limited here.
 */
export function enforceTenantScope({ permissionCollection, paths }: Options): CollectionBeforeChangeHook {
  const valueAt = (path: string | undefined, data: Record<string, unknown>, originalDoc?: Record<string, unknown>) => {
    if (!path) return null
    if (path === 'id') return relationId(originalDoc?.id)
    // An explicit null (taking a voucher off its branch) is checked as null, not as the old value.
    return relationId(path in data ? data[path] : originalDoc?.[path])
  }

  return async ({ data, originalDoc, operation, req }) => {
    if (!req.user) return data
    const context = await getAccessContext(req)
    if (context.isSuperAdmin) return data

    const permission = `${permissionCollection}.${operation}` as CrudPermission
    const organization = valueAt(paths.organization, data, originalDoc)
    const location = valueAt(paths.location, data, originalDoc)
    const owner = valueAt(paths.owner, data, originalDoc)
    const allowed = grantsWith(context, permission).some((grant) => {
      if (grant.organization !== organization) return false
      switch (grant.scope) {
        case 'self':
          // A customer's own record (a ticket they open): it must name them as its owner.
          return owner !== null && owner === context.userId
        case 'branch':
          return !paths.location || (location !== null && grant.locations.includes(location))
        case 'organization':
          return true
      }
    })
    if (!allowed) {
      throw forbidden(
        `You can only ${operation === 'create' ? 'create' : 'save'} ${permissionCollection} in organizations and branches you manage.`,
      )
    }
    return data
  }
}
