import type { CollectionBeforeChangeHook } from 'payload'

import { getAccessContext, relationId } from '@/access'

/**
 * A customer opens tickets for themselves: the requester is them unless they named someone
 * (which `enforceTenantScope` then refuses), and the branch is theirs when they have one and
 * named none, so it reaches that branch's manager. Staff fields they cannot set keep their
 * defaults.
 */
export const openedByCustomer: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !req.user) return data
  const context = await getAccessContext(req)
  if (context.isSuperAdmin) return data
  const organization = relationId(data.organization)
  const grant = context.grants.find((candidate) => candidate.organization === organization)
  if (grant?.scope !== 'self') return data
  const location = data.location ?? (grant.locations.length === 1 ? grant.locations[0] : undefined)
  return { ...data, requester: data.requester ?? context.userId, location }
}
