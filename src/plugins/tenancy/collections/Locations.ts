import type { CollectionConfig } from 'payload'

import { can, canCreate, type TenantPaths } from '@/access'
import { isTimeZone } from '@/lib/intl'

import { activeOrganizationFilter } from '../activeOrganization'
import { organizationColumn } from '../fields/organizationColumn'
import { organizationField } from '../fields/organizationField'
import { enforceTenantScope } from '../hooks/enforceTenantScope'
import { inheritFromOrganization } from '../hooks/inheritFromOrganization'

export const LOCATIONS_SLUG = 'locations'

/** A branch is itself the unit of branch scope: a manager's branches are their locations. */
export const LOCATION_PATHS: TenantPaths = { organization: 'organization', location: 'id' }

export const Locations: CollectionConfig = {
  slug: LOCATIONS_SLUG,
  labels: { singular: 'Branch', plural: 'Branches' },
  admin: {
    group: 'Tenancy',
    useAsTitle: 'name',
    defaultColumns: ['name', 'organizationName', 'timeZone', 'active'],
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
      inheritFromOrganization('timeZone'),
    ],
  },
  fields: [
    organizationField(),
    { name: 'name', type: 'text', required: true },
    { name: 'address', type: 'textarea' },
    {
      name: 'timeZone',
      type: 'text',
      admin: { description: "The time zone as Region/City, e.g. Africa/Nairobi. Leave empty to use the organization's." },
      validate: (value: unknown) =>
        value == null || value === '' || (typeof value === 'string' && isTimeZone(value)) ? true : 'Unknown time zone: write it as Region/City, such as Africa/Nairobi or Asia/Kolkata.',
    },
    { name: 'active', type: 'checkbox', defaultValue: true, admin: { position: 'sidebar' } },
    organizationColumn(),
  ],
}
