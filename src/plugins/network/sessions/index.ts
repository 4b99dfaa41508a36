import type { CollectionConfig } from 'payload'

import { can, nobody } from '@/access'

import { activeOrganizationFilter } from '../../tenancy'
import { forceLogoutEndpoint } from './endpoints/forceLogout'
import { sessionFields } from './fields'
import { deriveDataMB } from './hooks/deriveDataMB'
import { stampEndedAt } from './hooks/stampEndedAt'
import { SESSION_PATHS } from './paths'

export const SESSIONS_SLUG = 'sessions'
export { SESSION_PATHS } from './paths'

/**
 * WiFi sessions (seed 000): one per device login, kept up to date by RADIUS accounting. People
 * read them within their reach; no one writes them over REST, GraphQL or the admin panel. The
 * RADIUS service changes them through the Local API, and force-logout ends them.
 */
export const Sessions: CollectionConfig = {
  slug: SESSIONS_SLUG,
  labels: { singular: 'WiFi session', plural: 'WiFi sessions' },
  admin: {
    group: 'Network',
    useAsTitle: 'deviceMac',
    defaultColumns: ['deviceMac', 'organizationName', 'user', 'location', 'status', 'startedAt', 'expiresAt', 'usage.dataMB'],
    description: 'Devices online now and before. Ended sessions move to Archived sessions after a while.',
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    read: can('sessions.read', SESSION_PATHS),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  // The ways sessions are looked up: seed 001's key index, the RADIUS service's accounting and
  // device lookups, a branch's live list and history, and a customer's own history.
  indexes: [
    { fields: ['organization', 'status'] },
    // Not unique: RouterOS reuses Acct-Session-Id values after a reboot. Among open sessions it
    // is unique (a partial index written into the radius migration by hand).
    { fields: ['router', 'acctSessionId'] },
    { fields: ['deviceMac', 'status'] },
    { fields: ['location', 'status'] },
    { fields: ['location', 'startedAt'] },
    { fields: ['user', 'startedAt'] },
    // The expiry sweep (open sessions past expiresAt) and the archive job (ended before a date).
    { fields: ['status', 'expiresAt'] },
    { fields: ['status', 'endedAt'] },
  ],
  endpoints: [forceLogoutEndpoint],
  hooks: { beforeChange: [deriveDataMB, stampEndedAt] },
  fields: [
    {
      name: 'forceLogout',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/plugins/network/sessions/components/ForceLogoutField#ForceLogoutField' },
      },
    },
    ...sessionFields(),
    {
      // Declared so Payload does not index it: every Interim-Update changes it, and with an index
      // each one would rewrite all of the table's indexes instead of updating the row in place.
      name: 'updatedAt',
      type: 'date',
      label: 'Updated at',
      admin: { hidden: true, disableBulkEdit: true },
    },
  ],
}
