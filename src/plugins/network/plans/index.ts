import { type CollectionBeforeChangeHook, type CollectionConfig, type NumberField, ValidationError } from 'payload'

import { can, canCreate, type TenantPaths } from '@/access'
import { isCurrency } from '@/lib/intl'

import {
  activeOrganizationFilter,
  enforceTenantScope,
  inheritFromOrganization,
  organizationColumn,
  organizationField,
  refuseDeleteWhileReferenced,
} from '../../tenancy'

import { inUnits } from '../../admin'
import { applySpeedChangesToLiveSessions } from './liveChanges'

export const PLANS_SLUG = 'plans'
export const PLAN_TYPES = ['HOTSPOT', 'PPPOE'] as const
export const PLAN_PATHS: TenantPaths = { organization: 'organization' }

const positive = (label: string, { integer = false, optional = false } = {}) => (value: unknown) => {
  if (value == null) return optional ? true : `${label} is required.`
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return `${label} must be greater than 0.`
  if (integer && !Number.isInteger(value)) return `${label} must be a whole number.`
  return true
}

const speedField = (name: string, label: string, optional = false): NumberField => ({
  name,
  label,
  type: 'number',
  required: !optional,
  validate: positive(label, { optional }),
  admin: { step: 0.5 },
})

type Burst = {
  downloadMbps?: number | null
  uploadMbps?: number | null
  thresholdDownloadMbps?: number | null
  thresholdUploadMbps?: number | null
  timeSeconds?: number | null
}

/**
 * RouterOS bursts only make sense complete: a burst rate above the normal rate, a threshold below
 * it, and a burst time. A half-filled burst is refused rather than silently ignored.
 */
const validateBurst: CollectionBeforeChangeHook = ({ collection, data, originalDoc, req }) => {
  const burst: Burst = { ...originalDoc?.burst, ...data.burst }
  const download = data.downloadMbps ?? originalDoc?.downloadMbps
  const upload = data.uploadMbps ?? originalDoc?.uploadMbps
  const given = Object.values(burst).filter((value) => value != null)
  if (given.length === 0) return data
  const errors: { path: string; message: string }[] = []
  const need = (key: keyof Burst, label: string) => {
    if (burst[key] == null) errors.push({ path: `burst.${key}`, message: `${label} is needed for a burst (or clear all burst fields).` })
  }
  need('downloadMbps', 'Burst download')
  need('uploadMbps', 'Burst upload')
  need('thresholdDownloadMbps', 'Download threshold')
  need('thresholdUploadMbps', 'Upload threshold')
  need('timeSeconds', 'Burst time')
  if (burst.downloadMbps != null && burst.downloadMbps <= download) {
    errors.push({ path: 'burst.downloadMbps', message: 'Burst download must be above the download speed.' })
  }
  if (burst.uploadMbps != null && burst.uploadMbps <= upload) {
    errors.push({ path: 'burst.uploadMbps', message: 'Burst upload must be above the upload speed.' })
  }
  if (burst.thresholdDownloadMbps != null && burst.thresholdDownloadMbps >= download) {
    errors.push({ path: 'burst.thresholdDownloadMbps', message: 'Download threshold must be below the download speed.' })
  }
  if (burst.thresholdUploadMbps != null && burst.thresholdUploadMbps >= upload) {
    errors.push({ path: 'burst.thresholdUploadMbps', message: 'Upload threshold must be below the upload speed.' })
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
  return data
}

/** An internet package: speeds, how long it lasts, how much data, and what it costs. */
export const Plans: CollectionConfig = {
  slug: PLANS_SLUG,
  labels: { singular: 'Plan', plural: 'Plans' },
  admin: {
    group: 'Network',
    useAsTitle: 'name',
    defaultColumns: ['name', 'organizationName', 'type', 'downloadMbps', 'uploadMbps', 'validityMinutes', 'price', 'active'],
    description: 'Internet packages sold as vouchers or subscriptions.',
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    create: canCreate('plans.create'),
    read: can('plans.read', PLAN_PATHS),
    update: can('plans.update', PLAN_PATHS),
    delete: can('plans.delete', PLAN_PATHS),
  },
  indexes: [{ fields: ['organization', 'name'], unique: true }],
  hooks: {
    beforeChange: [
      enforceTenantScope({ permissionCollection: 'plans', paths: PLAN_PATHS }),
      validateBurst,
      inheritFromOrganization('currency'),
    ],
    afterChange: [applySpeedChangesToLiveSessions],
    beforeDelete: [
      refuseDeleteWhileReferenced(
        'plan',
        [
          { collection: 'vouchers', field: 'plan', label: 'vouchers' },
          { collection: 'sessions', field: 'plan', label: 'WiFi sessions' },
          { collection: 'archived-sessions', field: 'plan', label: 'archived sessions' },
          { collection: 'users', field: 'customer.plan', label: 'customers subscribed to it' },
        ],
        'turn off "active" to stop selling it instead.',
      ),
    ],
  },
  fields: [
    organizationField(),
    { name: 'name', type: 'text', required: true },
    {
      name: 'type',
      type: 'select',
      required: true,
      defaultValue: 'HOTSPOT',
      options: PLAN_TYPES.map((value) => ({ label: value === 'PPPOE' ? 'PPPoE' : 'Hotspot', value })),
    },
    {
      type: 'row',
      fields: [speedField('downloadMbps', 'Download (Mbps)'), speedField('uploadMbps', 'Upload (Mbps)')],
    },
    {
      name: 'burst',
      type: 'group',
      admin: {
        description:
          'Optional RouterOS burst: the customer gets the burst rate while their average stays under the threshold for the burst time.',
      },
      fields: [
        {
          type: 'row',
          fields: [
            speedField('downloadMbps', 'Burst download (Mbps)', true),
            speedField('uploadMbps', 'Burst upload (Mbps)', true),
            speedField('thresholdDownloadMbps', 'Download threshold (Mbps)', true),
            speedField('thresholdUploadMbps', 'Upload threshold (Mbps)', true),
            {
              name: 'timeSeconds',
              label: 'Burst time (s)',
              type: 'number',
              validate: positive('Burst time', { integer: true, optional: true }),
            },
          ],
        },
      ],
    },
    {
      name: 'validityMinutes',
      label: 'Validity',
      type: 'number',
      required: true,
      validate: positive('Validity', { integer: true }),
      admin: { ...inUnits.minutes, description: 'In minutes: how long a session on this plan lasts from its first login (60 = 1 hour, 1440 = 1 day).' },
    },
    {
      name: 'dataCapMB',
      label: 'Data limit',
      type: 'number',
      validate: positive('Data limit', { integer: true, optional: true }),
      admin: { ...inUnits.megabytes, description: 'In MB, upload and download together: 1 MB = 1,048,576 bytes (as RouterOS counts). Empty for unlimited.' },
    },
    {
      name: 'devicesAllowed',
      label: 'Devices at once',
      type: 'number',
      required: true,
      defaultValue: 1,
      validate: positive('Devices at once', { integer: true }),
    },
    {
      type: 'row',
      fields: [
        {
          name: 'price',
          type: 'number',
          required: true,
          admin: { description: 'In the currency beside it, e.g. 100 or 99.50.', components: { Cell: '/plugins/admin/components/Money#MoneyCell' } },
          validate: (value: unknown) =>
            typeof value === 'number' && Number.isFinite(value) && value >= 0 ? true : 'Price must be 0 or more.',
        },
        {
          name: 'currency',
          type: 'text',
          admin: { description: "The three-letter currency code; empty for the organization's." },
          validate: (value: unknown) =>
            value == null || value === '' || (typeof value === 'string' && isCurrency(value)) ? true : 'Unknown currency code.',
        },
      ],
    },
    { name: 'active', type: 'checkbox', defaultValue: true, index: true, admin: { position: 'sidebar' } },
    organizationColumn(),
  ],
}
