import type { CollectionConfig } from 'payload'

import { can, nobody } from '@/access'

import { activeOrganizationFilter, organizationColumn } from '../../tenancy'
import { auditLogEndpoints } from './endpoints'

export const AUDIT_LOGS_SLUG = 'audit-logs'

const readOnly = { readOnly: true } as const
const COMPONENTS = '/plugins/audit/components'

/**
 * What staff changed: one row per create, update and delete, with the fields before and after
 * (credentials redacted). Rows are written by the audit hooks in the same transaction as the
 * change, never over the API, and the database refuses to change or delete them (see the audit
 * migration). Each row's hash chains it to the one before in its organization;
 * `GET /api/audit-logs/verify` walks the chain.
 */
export const AuditLogs: CollectionConfig = {
  slug: AUDIT_LOGS_SLUG,
  labels: { singular: 'Audit log entry', plural: 'Audit log' },
  admin: {
    group: 'Audit',
    useAsTitle: 'action',
    defaultColumns: ['createdAt', 'organizationName', 'action', 'actorName', 'targetType', 'targetId'],
    description: 'Every change staff made. Append-only: entries cannot be changed or removed, and each is sealed to the one before.',
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: { read: can('auditLogs.read', { organization: 'organization' }), create: nobody, update: nobody, delete: nobody },
  defaultSort: '-createdAt',
  indexes: [
    { fields: ['organization', 'sequence'], unique: true },
    { fields: ['organization', 'createdAt'] },
  ],
  endpoints: auditLogEndpoints,
  fields: [
    { name: 'organization', type: 'relationship', relationTo: 'organizations', admin: { ...readOnly, position: 'sidebar' } },
    {
      name: 'action',
      type: 'text',
      required: true,
      index: true,
      admin: {
        ...readOnly,
        components: { Cell: `${COMPONENTS}/AuditActionCell#AuditActionCell`, afterInput: [`${COMPONENTS}/AuditActionCell#AuditActionInWords`] },
      },
    },
    {
      type: 'row',
      fields: [
        { name: 'actor', type: 'relationship', relationTo: 'users', index: true, admin: readOnly },
        { name: 'actorName', label: 'By', type: 'text', admin: { ...readOnly, description: 'As it was at the time.' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'targetType',
          label: 'Record type',
          type: 'text',
          required: true,
          index: true,
          admin: { ...readOnly, components: { Cell: `${COMPONENTS}/RecordTypeCell#RecordTypeCell` } },
        },
        { name: 'targetId', label: 'Record id', type: 'text', required: true, index: true, admin: readOnly },
      ],
    },
    {
      name: 'changes',
      type: 'json',
      admin: {
        ...readOnly,
        description: 'Each field before and after; credentials redacted.',
        components: { Field: '/plugins/audit/components/ChangesTable#ChangesTable' },
      },
    },
    {
      type: 'collapsible',
      label: 'Chain',
      admin: { initCollapsed: true },
      fields: [
        { name: 'sequence', type: 'number', required: true, admin: readOnly },
        { name: 'previousHash', type: 'text', required: true, admin: readOnly },
        { name: 'hash', type: 'text', required: true, admin: readOnly },
      ],
    },
    organizationColumn(),
  ],
}
