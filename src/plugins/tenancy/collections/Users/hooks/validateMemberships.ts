import type { CollectionBeforeChangeHook } from 'payload'
import { ValidationError } from 'payload'

import { relationId } from '@/access'

import { normalizeMemberships } from '../memberships'

/**
 * Memberships must make sense whoever saves them: one per organization, branches that belong to
 * that organization, a branch for every branch manager, and a default organization the user is a
 * member of.
 */
export const validateMemberships: CollectionBeforeChangeHook = async ({ data, originalDoc, req, collection }) => {
  const memberships = normalizeMemberships(data.memberships ?? originalDoc?.memberships)
  const errors: { message: string; path: string }[] = []

  const seen = new Set<string>()
  memberships.forEach((row, index) => {
    if (seen.has(row.organization)) {
      errors.push({ path: `memberships.${index}.organization`, message: 'The user already has a membership in this organization.' })
    }
    seen.add(row.organization)
    if (row.role === 'loc-manager' && row.locations.length === 0) {
      errors.push({ path: `memberships.${index}.locations`, message: 'A branch manager needs at least one branch.' })
    }
  })

  const locationIds = [...new Set(memberships.flatMap((row) => row.locations))]
  if (locationIds.length > 0) {
    const { docs } = await req.payload.find({
      collection: 'locations',
      where: { id: { in: locationIds } },
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
      select: { organization: true },
    })
    const organizationOf = new Map(docs.map((location) => [String(location.id), relationId(location.organization)]))
    memberships.forEach((row, index) => {
      if (row.locations.some((location) => organizationOf.get(location) !== row.organization)) {
        errors.push({ path: `memberships.${index}.locations`, message: "Branches must belong to the membership's organization." })
      }
    })
  }

  // `null` clears the default; a field left out of the request keeps the stored one.
  const defaultOrganization = relationId('defaultOrganization' in data ? data.defaultOrganization : originalDoc?.defaultOrganization)
  if (defaultOrganization && !memberships.some((row) => row.organization === defaultOrganization)) {
    const isSuperAdmin = Boolean(data.isSuperAdmin ?? originalDoc?.isSuperAdmin)
    if (!isSuperAdmin) {
      errors.push({ path: 'defaultOrganization', message: 'The default organization must be one the user is a member of.' })
    }
  }

  if (errors.length > 0) {
    throw new ValidationError({ collection: collection.slug, errors, req })
  }
  return data
}
