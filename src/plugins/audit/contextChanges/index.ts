import type { CollectionConfig } from 'payload'

import { anyOf, can, CONTEXT_CHANGES_SLUG, CONTEXT_EVENTS, narrowedBy, nobody, ownRecords } from '@/access'
import { optionsInWords } from '@/lib/words'

import { activeOrganizationFilter } from '../../tenancy'

export { CONTEXT_CHANGES_SLUG }

const readOnly = { readOnly: true } as const

/**
 * Seed 003's session context changes: each time a login session's organization changes
 * (INITIAL at sign-in, SWITCH_TENANT, RESET_TENANT when access was lost) and each change of a
 * user's default organization (SET_DEFAULT_TENANT). Not written for requests that keep the same
 * organization. Written by Beacon only; the person and their organizations' admins read it.
 */
export const ContextChanges: CollectionConfig = {
  slug: CONTEXT_CHANGES_SLUG,
  labels: { singular: 'Context change', plural: 'Context changes' },
  admin: {
    group: 'Audit',
    useAsTitle: 'eventType',
    defaultColumns: ['createdAt', 'user', 'eventType', 'fromOrganization', 'organization'],
    description: 'Which organization each login session worked in, and when that changed.',
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    read: anyOf(
      ownRecords('user'),
      // The platform owner's moves between organizations are not the organizations' to read.
      narrowedBy(
        anyOf(can('contextChanges.read', { organization: 'organization' }), can('contextChanges.read', { organization: 'fromOrganization' })),
        { platformOwner: { not_equals: true } },
      ),
    ),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  defaultSort: '-createdAt',
  indexes: [{ fields: ['user', 'createdAt'] }],
  fields: [
    { name: 'user', type: 'relationship', relationTo: 'users', index: true, admin: readOnly },
    {
      name: 'eventType',
      label: 'What happened',
      type: 'select',
      required: true,
      index: true,
      options: optionsInWords(CONTEXT_EVENTS, {
        INITIAL: 'Signed in',
        SWITCH_TENANT: 'Switched organization',
        SET_DEFAULT_TENANT: 'Default organization changed',
        RESET_TENANT: 'Moved back to the default organization (access lost)',
      }),
      admin: readOnly,
    },
    {
      type: 'row',
      fields: [
        { name: 'fromOrganization', label: 'From organization', type: 'relationship', relationTo: 'organizations', index: true, admin: readOnly },
        {
          name: 'organization',
          label: 'To organization',
          type: 'relationship',
          relationTo: 'organizations',
          index: true,
          admin: { ...readOnly, description: 'The organization the change leads to (or leaves, when none is left).' },
        },
      ],
    },
    {
      name: 'metadata',
      label: 'Details',
      type: 'json',
      admin: {
        ...readOnly,
        description: 'Where from and to, why, the sign-in session and its address.',
        components: { Field: '/plugins/audit/components/DetailsList#DetailsList' },
      },
    },
    { name: 'platformOwner', type: 'checkbox', defaultValue: false, admin: { hidden: true } },
  ],
}
