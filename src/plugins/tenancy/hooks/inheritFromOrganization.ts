import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@/access'

/**
 * A setting left empty takes the organization's value: a branch's time zone, a plan's currency.
 */
export function inheritFromOrganization(field: 'timeZone' | 'currency'): CollectionBeforeChangeHook {
  return async ({ data, originalDoc, req }) => {
    if (data[field]) return data
    const organizationId = relationId(data.organization ?? originalDoc?.organization)
    if (!organizationId) return data
    const organization = await req.payload.findByID({
      collection: 'organizations',
      id: organizationId,
      depth: 0,
      req,
      overrideAccess: true,
      select: { [field]: true },
    })
    return { ...data, [field]: organization[field] }
  }
}
