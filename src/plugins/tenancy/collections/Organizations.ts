import type { CollectionConfig, FieldAccess } from 'payload'

import {
  can,
  getAccessContext,
  grantsWith,
  isSuperAdmin,
  relationId,
  superAdminField,
  type TenantPaths,
} from '@/access'
import { DATE_FORMAT_LABELS, DATE_FORMATS, DEFAULT_LOCALE, isLocale } from '@/lib/dates'
import { isCurrency, isTimeZone } from '@/lib/intl'
import { optionsInWords } from '@/lib/words'

import { secretField } from '../fields/secretField'

export const ORGANIZATIONS_SLUG = 'organizations'

export const ORGANIZATION_STATUSES = ['TRIAL', 'ACTIVE', 'SUSPENDED', 'EXPIRED'] as const

const paths: TenantPaths = { organization: 'id' }

/**
 * Gateway configuration is for those who may change the organization, not every member. The
 * admin panel's form asks with the document's `id` and `data` rather than `doc`: reading only
 * `doc` left its settings out of an org-admin's form (no values, Payload's plain inputs).
 */
const canManageSettings: FieldAccess = async ({ req, doc, data, id }) => {
  const context = await getAccessContext(req)
  const organization = relationId(doc?.id ?? id ?? data?.id)
  return (
    context.isSuperAdmin ||
    grantsWith(context, 'organizations.update').some((grant) => grant.organization === organization)
  )
}

export const Organizations: CollectionConfig = {
  slug: ORGANIZATIONS_SLUG,
  labels: { singular: 'Organization', plural: 'Organizations' },
  admin: {
    group: 'Tenancy',
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'status', 'timeZone', 'currency'],
    description: 'The tenants: internet providers and businesses that sell WiFi.',
  },
  access: {
    create: isSuperAdmin,
    read: can('organizations.read', paths),
    update: can('organizations.update', paths),
    delete: isSuperAdmin,
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      admin: { description: 'Lower-case letters, digits and dashes; used in portal addresses.' },
      validate: (value: unknown) =>
        typeof value === 'string' && /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(value)
          ? true
          : 'Use 1 to 64 lower-case letters, digits and dashes, not starting or ending with a dash.',
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'TRIAL',
      index: true,
      options: optionsInWords(ORGANIZATION_STATUSES),
      // Suspending a tenant locks every member out; only the platform owner decides that.
      access: { create: superAdminField, update: superAdminField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'timeZone',
      type: 'text',
      required: true,
      defaultValue: 'UTC',
      admin: { description: 'The time zone as Region/City, e.g. Africa/Nairobi.' },
      validate: (value: unknown) => (typeof value === 'string' && isTimeZone(value) ? true : 'Unknown time zone: write it as Region/City, such as Africa/Nairobi or Asia/Kolkata.'),
    },
    {
      name: 'currency',
      type: 'text',
      required: true,
      defaultValue: 'USD',
      admin: { description: 'The three-letter currency code, e.g. KES, USD, EUR.' },
      validate: (value: unknown) =>
        typeof value === 'string' && isCurrency(value) ? true : 'Unknown currency: write its three-letter code, such as USD or KES.',
    },
    {
      type: 'row',
      fields: [
        {
          name: 'locale',
          type: 'text',
          defaultValue: DEFAULT_LOCALE,
          admin: { description: `How this organization writes dates: a language tag such as en-KE, en-US or fr-FR (${DEFAULT_LOCALE} when empty).` },
          validate: (value: unknown) =>
            value == null || value === '' || isLocale(value) ? true : 'Use a language tag such as en-KE, en-US or fr-FR.',
        },
        {
          name: 'dateFormat',
          type: 'select',
          options: DATE_FORMATS.map((value) => ({ label: DATE_FORMAT_LABELS[value], value })),
          admin: {
            description: "One date format for every page, list, form and picker of this organization. Empty: as its locale writes dates.",
          },
        },
      ],
    },
    {
      name: 'contact',
      type: 'group',
      fields: [
        { name: 'name', type: 'text' },
        { name: 'email', type: 'email' },
        { name: 'phone', type: 'text' },
      ],
    },
    {
      name: 'branding',
      type: 'group',
      admin: { description: 'How the captive portal and receipts present this organization.' },
      fields: [
        { name: 'displayName', type: 'text' },
        {
          name: 'color',
          type: 'text',
          defaultValue: '#0f766e',
          validate: (value: unknown) =>
            value == null || value === '' || (typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value))
              ? true
              : 'Use a hex colour such as #0f766e.',
        },
      ],
    },
    {
      name: 'settings',
      type: 'group',
      access: { read: canManageSettings },
      fields: [
        {
          name: 'gateways',
          type: 'group',
          admin: { description: 'Payment and SMS gateways. Credentials are write-only.' },
          fields: [
            {
              name: 'mpesa',
              label: 'M-Pesa',
              type: 'group',
              fields: [
                { name: 'shortCode', type: 'text' },
                ...secretField({ name: 'consumerKey', label: 'Consumer key' }),
                ...secretField({ name: 'consumerSecret', label: 'Consumer secret' }),
                ...secretField({ name: 'passkey', label: 'Passkey' }),
              ],
            },
            {
              name: 'sms',
              label: 'SMS',
              type: 'group',
              fields: [
                { name: 'provider', type: 'text' },
                { name: 'senderId', type: 'text' },
                ...secretField({ name: 'apiKey', label: 'API key' }),
              ],
            },
          ],
        },
      ],
    },
  ],
}
