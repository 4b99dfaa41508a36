import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { can, canCreate, relationId, type TenantPaths } from '@/access'
import { isTimeZone } from '@/lib/intl'

import { activeOrganizationFilter } from '../activeOrganization'
import { organizationField } from '../fields/organizationField'
import { enforceTenantScope } from '../hooks/enforceTenantScope'

export const LOCATIONS_SLUG = 'locations'

/** A branch is itself the unit of branch scope: a manager's branches are their locations. */
export const LOCATION_PATHS: TenantPaths = { organization: 'organization', location: 'id' }

/** A branch without its own time zone keeps the organization's. */
const inheritOrganizationTimeZone: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (data.timeZone) return data
  const organizationId = relationId(data.organization ?? originalDoc?.organization)
  if (!organizationId) return data
  const organization = await req.payload.findByID({
    collection: 'organizations',
    id: organizationId,
    depth: 0,
    req,
    overrideAccess: true,
    select: { timeZone: true },
  })
  return { ...data, timeZone: organization.timeZone }
}

export const Locations: CollectionConfig = {
  slug: LOCATIONS_SLUG,
  labels: { singular: 'Branch', plural: 'Branches' },
  admin: {
    group: 'Tenancy',
    useAsTitle: 'name',
    defaultColumns: ['name', 'organization', 'timeZone', 'active'],
    description: 'Branches (locations) where an organization runs routers.',
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    create: canCreate('locations.create'),
    read: can('locations.read', LOCATION_PATHS),
    update: can('locations.update', LOCATION_PATHS),
    delete: can('locations.delete', LOCATION_PATHS),
  },
  hooks: {
    beforeChange: [
      enforceTenantScope({ permissionCollection: 'locations', paths: LOCATION_PATHS }),
      inheritOrganizationTimeZone,
    ],
  },
  fields: [
    organizationField(),
    { name: 'name', type: 'text', required: true },
    { name: 'address', type: 'textarea' },
    {
      name: 'timeZone',
      type: 'text',
      admin: { description: "IANA time zone, e.g. Africa/Nairobi. Leave empty to use the organization's." },
      validate: (value: unknown) =>
        value == null || value === '' || (typeof value === 'string' && isTimeZone(value)) ? true : 'Unknown time zone.',
    },
    { name: 'active', type: 'checkbox', defaultValue: true, admin: { position: 'sidebar' } },
  ],
}
