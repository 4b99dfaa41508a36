import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionConfig } from 'payload'

import { can, canCreate, type TenantPaths } from '@/access'
import { badRequest, conflict } from '@/http/errors'
import { optionsInWords } from '@/lib/words'

import {
  activeOrganizationFilter,
  enforceTenantScope,
  locationField,
  organizationColumn,
  organizationField,
  requireSameOrganization,
} from '../../tenancy'
import { VOUCHER_CODE_LENGTH, generateVoucherCode } from './codes'
import { voucherBatchCsvEndpoint, voucherBatchSheetEndpoint } from './endpoints/batch'
import { generateVouchersEndpoint } from './endpoints/generate'

export const VOUCHERS_SLUG = 'vouchers'
export const VOUCHER_STATUSES = ['AVAILABLE', 'USED', 'EXPIRED'] as const
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number]

/** Vouchers without a branch are sold organization-wide; branch managers see their branches'. */
export const VOUCHER_PATHS: TenantPaths = { organization: 'organization', location: 'location' }

const systemOnly = { create: () => false, update: () => false }

/** A voucher made one at a time still gets a random code: people never choose codes. */
const assignCode: CollectionBeforeChangeHook = ({ data, operation }) => {
  if (operation !== 'create' || data.code) return data
  return { ...data, code: generateVoucherCode({ length: VOUCHER_CODE_LENGTH.default, prefix: '' }) }
}

/**
 * People may withdraw an unused voucher (AVAILABLE → EXPIRED) or put it back; using a voucher
 * and its expiry are recorded by the system.
 */
const guardStatusChange: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  if (!req.user) return data
  const from = (originalDoc?.status ?? 'AVAILABLE') as VoucherStatus
  const to = (data.status ?? from) as VoucherStatus
  if (operation === 'create' && to !== 'AVAILABLE') throw badRequest('A new voucher is AVAILABLE.')
  if (operation === 'update' && from !== to && (from === 'USED' || to === 'USED')) {
    throw badRequest('Only the system marks a voucher USED; a used voucher stays used.')
  }
  return data
}

/** A used voucher is part of a customer's history and of the books: it is never deleted. */
const keepUsedVouchers: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const voucher = await req.payload.findByID({ collection: 'vouchers', id, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (voucher?.status === 'USED') throw conflict('A used voucher cannot be deleted; it is part of the sales history.')
}

/** Prepaid access codes for hotspots, generated in batches and sold on paper or by SMS. */
export const Vouchers: CollectionConfig = {
  slug: VOUCHERS_SLUG,
  labels: { singular: 'Voucher', plural: 'Vouchers' },
  admin: {
    group: 'Network',
    useAsTitle: 'code',
    defaultColumns: ['code', 'organizationName', 'plan', 'status', 'batchId', 'location', 'validUntil', 'usedAt'],
    description: 'Prepaid access codes, generated in batches to print and sell (here or in the dashboard).',
    components: { beforeListTable: ['/plugins/network/vouchers/components/GenerateBatch#GenerateBatch'] },
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    create: canCreate('vouchers.create'),
    read: can('vouchers.read', VOUCHER_PATHS),
    update: can('vouchers.update', VOUCHER_PATHS),
    delete: can('vouchers.delete', VOUCHER_PATHS),
  },
  indexes: [
    { fields: ['organization', 'code'], unique: true },
    { fields: ['organization', 'status'] },
  ],
  endpoints: [generateVouchersEndpoint, voucherBatchSheetEndpoint, voucherBatchCsvEndpoint],
  hooks: {
    beforeChange: [
      requireSameOrganization({
        location: { collection: 'locations', label: 'branch' },
        plan: { collection: 'plans', label: 'plan' },
      }),
      enforceTenantScope({ permissionCollection: 'vouchers', paths: VOUCHER_PATHS }),
      guardStatusChange,
      assignCode,
    ],
    beforeDelete: [keepUsedVouchers],
  },
  fields: [
    organizationField(),
    locationField({
      required: false,
      admin: { position: 'sidebar', description: 'Empty: valid at every branch of the organization.' },
    }),
    { name: 'plan', type: 'relationship', relationTo: 'plans', required: true, index: true },
    {
      name: 'code',
      type: 'text',
      required: true,
      access: systemOnly,
      admin: { readOnly: true, description: 'Random, from an alphabet without look-alike characters.' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'AVAILABLE',
      options: optionsInWords(VOUCHER_STATUSES),
    },
    { name: 'batchId', label: 'Batch', type: 'text', index: true, access: systemOnly, admin: { readOnly: true } },
    {
      name: 'validUntil',
      type: 'date',
      admin: { description: 'Last day it can be redeemed; empty for no limit.', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'usedBy', type: 'relationship', relationTo: 'users', access: systemOnly, admin: { readOnly: true } },
        {
          name: 'usedAt',
          type: 'date',
          access: systemOnly,
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    organizationColumn(),
  ],
}
