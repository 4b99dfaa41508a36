import type { CollectionConfig } from 'payload'

import { can, nobody } from '@/access'

import { activeOrganizationFilter } from '../../tenancy'
import { sessionFields } from './fields'
import { SESSION_PATHS } from './paths'

export const ARCHIVED_SESSIONS_SLUG = 'archived-sessions'

/**
 * Sessions that ended long ago, moved out of `sessions` by the archive job so the live table
 * stays small (see `archiveEndedSessions`). Same fields, same ids and the same people can read
 * them; no one can change them.
 */
export const ArchivedSessions: CollectionConfig = {
  slug: ARCHIVED_SESSIONS_SLUG,
  labels: { singular: 'Archived session', plural: 'Archived sessions' },
  admin: {
    group: 'Network',
    useAsTitle: 'deviceMac',
    defaultColumns: ['deviceMac', 'organizationName', 'user', 'location', 'status', 'startedAt', 'endedAt', 'usage.dataMB'],
    description: 'WiFi sessions that ended more than the archive period ago (90 days by default).',
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    read: can('sessions.read', SESSION_PATHS),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  indexes: [
    { fields: ['organization', 'startedAt'] },
    { fields: ['location', 'startedAt'] },
    { fields: ['user', 'startedAt'] },
  ],
  fields: sessionFields(),
}
