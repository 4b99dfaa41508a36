import type { CollectionConfig, Where } from 'payload'

import { anyOf, can, getAccessContext, narrowedBy, nobody, ownRecords, SESSION_LOGS_SLUG } from '@/access'
import { deviceInfoOf, storedUserAgent } from '@/lib/userAgent'
import { optionsInWords } from '@/lib/words'

import { activeOrganizationFilter, organizationColumn } from '../../tenancy'
import { revokeSessionEndpoint } from './revoke'

export { SESSION_LOGS_SLUG }

export const END_REASONS = ['logout', 'expired', 'revoked', 'replaced'] as const
export type EndReason = (typeof END_REASONS)[number]

export const FAILURE_REASONS = ['wrong-password', 'unknown-user', 'locked-out', 'refused', 'invalid-request'] as const
export type FailureReason = (typeof FAILURE_REASONS)[number]

/** The platform owner's sign-ins are not shown to the organizations they work for. */
const NOT_PLATFORM_OWNER: Where = { platformOwner: { not_equals: true } }

/** Org-admins read the sessions that started in, or now work in, their organization. */
const organizationRows = narrowedBy(
  anyOf(can('sessionLogs.read', { organization: 'organization' }), can('sessionLogs.read', { organization: 'activeOrganization' })),
  NOT_PLATFORM_OWNER,
)

const readOnly = { readOnly: true } as const

/**
 * One row per sign-in to Beacon (staff and customers) and per failed attempt (seed 003's
 * session logs). A successful sign-in's row is its login session: it holds the session's tenant
 * context (`activeOrganization`) and is closed with a reason when the session ends. Written by
 * the users collection's auth hooks, the revoke endpoint and the `close-ended-session-logs` job;
 * nobody writes it over the API.
 */
export const SessionLogs: CollectionConfig = {
  slug: SESSION_LOGS_SLUG,
  labels: { singular: 'Session log', plural: 'Session logs' },
  admin: {
    group: 'Audit',
    useAsTitle: 'deviceInfo',
    defaultColumns: ['loginAt', 'organizationName', 'user', 'outcome', 'deviceInfo', 'ipAddress', 'logoutAt', 'endReason'],
    description: 'Sign-ins to Beacon and failed attempts. To end a session still open, use Where you’re signed in on the person’s page under Users.',
    baseFilter: activeOrganizationFilter('organization'),
  },
  // Everyone reads the log of their own sign-ins (and of attempts on their account).
  access: { read: anyOf(ownRecords('user'), organizationRows), create: nobody, update: nobody, delete: nobody },
  defaultSort: '-loginAt',
  indexes: [{ fields: ['user', 'loginAt'] }],
  endpoints: [revokeSessionEndpoint],
  hooks: {
    beforeChange: [
      ({ data, operation }) => {
        if (operation !== 'create') return data
        const userAgent = storedUserAgent(data.userAgent)
        const device = deviceInfoOf(userAgent)
        return {
          ...data,
          userAgent,
          deviceInfo: device.summary,
          browser: device.browser,
          os: device.os,
          deviceType: device.deviceType,
        }
      },
    ],
    afterRead: [
      async ({ doc, req }) => ({ ...doc, current: String(doc.id) === (await getAccessContext(req)).sessionLogId }),
    ],
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'user', type: 'relationship', relationTo: 'users', index: true, admin: readOnly },
        {
          name: 'outcome',
          type: 'select',
          required: true,
          defaultValue: 'success',
          index: true,
          options: [
            { label: 'Signed in', value: 'success' },
            { label: 'Failed', value: 'failed' },
          ],
          admin: readOnly,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'organization',
          type: 'relationship',
          relationTo: 'organizations',
          index: true,
          admin: { ...readOnly, description: 'Where the session started.' },
        },
        {
          name: 'activeOrganization',
          type: 'relationship',
          relationTo: 'organizations',
          index: true,
          admin: { ...readOnly, description: 'The organization the session works in now (its tenant context).' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'loginAt', label: 'Signed in at', type: 'date', required: true, index: true, admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'logoutAt', label: 'Signed out at', type: 'date', index: true, admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' } } },
        {
          name: 'endReason',
          label: 'How it ended',
          type: 'select',
          options: optionsInWords(END_REASONS, {
            logout: 'Signed out',
            revoked: 'Ended by its owner or an admin',
            replaced: 'Replaced by a new sign-in in the same browser',
          }),
          admin: readOnly,
        },
      ],
    },
    {
      name: 'expiresAt',
      label: 'Lapses at',
      type: 'date',
      admin: { ...readOnly, description: 'When the session lapses unless it is used and refreshed.', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'ipAddress', label: 'IP address', type: 'text', index: true, admin: readOnly },
        { name: 'deviceInfo', label: 'Device', type: 'text', admin: readOnly },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'browser', type: 'text', admin: readOnly },
        { name: 'os', label: 'Operating system', type: 'text', admin: readOnly },
        { name: 'deviceType', type: 'text', admin: readOnly },
      ],
    },
    { name: 'userAgent', type: 'text', admin: readOnly },
    {
      type: 'row',
      fields: [
        {
          name: 'failureReason',
          type: 'select',
          options: optionsInWords(FAILURE_REASONS, { 'unknown-user': 'No such account', 'locked-out': 'Locked out after wrong passwords' }),
          admin: { ...readOnly, condition: (data) => data?.outcome === 'failed' },
        },
        {
          name: 'identifier',
          label: 'Signed in as',
          type: 'text',
          admin: { ...readOnly, description: 'The email or username that was entered.', condition: (data) => data?.outcome === 'failed' },
        },
      ],
    },
    // Beacon's own handle on the login session: no API answer carries it and no query can use it.
    { name: 'sessionId', type: 'text', unique: true, access: { read: () => false }, admin: { hidden: true } },
    { name: 'platformOwner', type: 'checkbox', defaultValue: false, admin: { hidden: true } },
    {
      name: 'current',
      type: 'checkbox',
      virtual: true,
      admin: { readOnly: true, description: 'This is the session the request came from.' },
    },
    organizationColumn(),
  ],
}
