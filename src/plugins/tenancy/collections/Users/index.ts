import type { CollectionConfig, PayloadRequest, Where } from 'payload'

import {
  ALL_PERMISSIONS,
  PERMISSION_LABELS,
  anyOf,
  can,
  canCreate,
  getAccessContext,
  isStaffAnywhere,
  narrowedBy,
  type Role,
  ROLE_LABELS,
  ROLES,
  selfOnly,
  isSuperAdmin,
  superAdminField,
  type TenantPaths,
} from '@/access'
import { canonicalPhone } from '@/lib/phone'
import { secureCookies } from '@/lib/publicUrl'
import { optionsInWords } from '@/lib/words'

import { activeOrganizationFilter } from '../../activeOrganization'
import { macAddressField } from '../../fields/networkAddressFields'
import { organizationColumn } from '../../fields/organizationColumn'
import { recordDefaultOrganizationChange, tenantContextEndpoints } from './endpoints/tenantContext'
import { equalizeSignInTime } from './hooks/equalizeSignInTime'
import { guardPrivileges } from './hooks/guardPrivileges'
import { reserveBeaconAddresses } from './hooks/reserveBeaconAddresses'
import { refuseLockedLogin } from './hooks/refuseLockedLogin'
import { refuseSuperAdminGrant } from './hooks/refuseSuperAdminGrant'
import { uniqueLogins } from './hooks/uniqueLogins'
import { forgotPasswordEndpoint, resetEmailHtml } from './passwordReset'
import { validateMemberships } from './hooks/validateMemberships'

export const USERS_SLUG = 'users'

export const USER_STATUSES = ['ACTIVE', 'SUSPENDED', 'DELETED'] as const
export const CONNECTION_TYPES = ['PPPOE', 'HOTSPOT', 'DHCP', 'STATIC'] as const

/** A user belongs to organizations and branches through their memberships. */
export const USER_PATHS: TenantPaths = {
  organization: 'memberships.organization',
  location: 'memberships.locations',
  owner: 'id',
}

const NOT_SUPER_ADMIN: Where = { isSuperAdmin: { not_equals: true } }

/** The admin panel is for staff (in any of their organizations); customers use the captive portal. */
const staffOnly = async ({ req }: { req: PayloadRequest }) => isStaffAnywhere(await getAccessContext(req))

const permissionOptions = ALL_PERMISSIONS.map((permission) => ({ label: PERMISSION_LABELS[permission], value: permission }))

export const Users: CollectionConfig = {
  slug: USERS_SLUG,
  labels: { singular: 'User', plural: 'Users' },
  admin: {
    group: 'Tenancy',
    useAsTitle: 'name',
    defaultColumns: ['name', 'organizationName', 'email', 'roles', 'status'],
    description: 'Staff and customers. Deleting a user means setting their status to DELETED.',
    baseFilter: activeOrganizationFilter('memberships.organization'),
  },
  auth: {
    tokenExpiration: 60 * 60 * 8,
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    useSessions: true,
    forgotPassword: { generateEmailSubject: () => 'Reset your Beacon password', generateEmailHTML: resetEmailHtml },
    // Secure cookies need HTTPS; a public URL on https turns them on.
    cookies: { sameSite: 'Lax', secure: secureCookies() },
  },
  access: {
    admin: staffOnly,
    create: canCreate('users.create'),
    read: anyOf(selfOnly, can('users.read', USER_PATHS)),
    // A super-admin's account is changed by super-admins only, whatever memberships it has.
    update: anyOf(selfOnly, narrowedBy(can('users.update', USER_PATHS), NOT_SUPER_ADMIN)),
    // Hard deletion is for the platform owner (erasure requests); everyone else sets DELETED.
    delete: narrowedBy(can('users.delete', USER_PATHS), NOT_SUPER_ADMIN),
    // Unlocking skips the lockout for any account by email, so it is the platform owner's call;
    // locks lapse by themselves after `lockTime`.
    unlock: isSuperAdmin,
  },
  hooks: {
    beforeOperation: [refuseSuperAdminGrant, equalizeSignInTime],
    beforeChange: [reserveBeaconAddresses, guardPrivileges, validateMemberships, uniqueLogins],
    beforeLogin: [refuseLockedLogin],
    afterChange: [recordDefaultOrganizationChange],
  },
  // Before Payload's own endpoints, so its forgot-password is replaced.
  endpoints: [...tenantContextEndpoints, forgotPasswordEndpoint],
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'phone',
      type: 'text',
      index: true,
      admin: { description: "With its country code; customers can sign in to the captive portal with it, so it is one customer's within an organization." },
      hooks: {
        // One spelling per number (+ and digits), so sign-in by phone finds it whatever was typed.
        beforeValidate: [({ value }) => (typeof value === 'string' ? (canonicalPhone(value) ?? value.trim()) || null : value)],
      },
      // A number stored before this rule that it cannot read is kept until someone changes it.
      validate: (value: unknown, { previousValue }: { previousValue?: unknown }) =>
        value == null || value === '' || value === previousValue || (typeof value === 'string' && canonicalPhone(value) === value)
          ? true
          : 'Use a phone number of 7 to 15 digits, with its country code, such as +254 700 000 001.',
    },
    {
      name: 'username',
      type: 'text',
      index: true,
      admin: { description: "Customers' PPPoE or hotspot login; unique within each organization (and unlike any customer's email or phone number there)." },
      validate: (value: unknown) =>
        value == null || value === '' || (typeof value === 'string' && /^[A-Za-z0-9._@-]{3,64}$/.test(value.trim()))
          ? true
          : 'Use 3 to 64 letters, digits, dots, dashes, underscores or @.',
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'ACTIVE',
      index: true,
      options: optionsInWords(USER_STATUSES),
      admin: { position: 'sidebar' },
    },
    {
      name: 'isSuperAdmin',
      label: 'Super-admin (platform owner)',
      type: 'checkbox',
      defaultValue: false,
      access: { create: superAdminField, update: superAdminField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'roles',
      type: 'text',
      virtual: true,
      admin: { readOnly: true, position: 'sidebar', description: 'Summary of the memberships below.' },
      hooks: {
        afterRead: [
          ({ siblingData }) => {
            const labels = new Set<string>()
            if (siblingData?.isSuperAdmin) labels.add('Super-admin')
            for (const row of (siblingData?.memberships ?? []) as { role?: Role }[]) {
              if (row.role && row.role in ROLE_LABELS) labels.add(ROLE_LABELS[row.role])
            }
            return [...labels].join(', ') || 'No membership'
          },
        ],
      },
    },
    {
      name: 'defaultOrganization',
      type: 'relationship',
      relationTo: 'organizations',
      admin: { position: 'sidebar', description: 'The organization this user starts in after signing in.' },
    },
    {
      name: 'memberships',
      type: 'array',
      admin: { description: 'Organizations this user belongs to, with a role in each.' },
      fields: [
        { name: 'organization', type: 'relationship', relationTo: 'organizations', required: true, index: true },
        {
          name: 'role',
          type: 'select',
          required: true,
          options: ROLES.map((value) => ({ label: ROLE_LABELS[value], value })),
        },
        {
          name: 'locations',
          label: 'Branches',
          type: 'relationship',
          relationTo: 'locations',
          hasMany: true,
          // No filterOptions: Payload would check them with the editor's own read access, which
          // fails a customer saving their profile. validateMemberships checks the branches instead.
          admin: { description: 'Required for branch managers; narrows other staff to these branches.' },
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Permission overrides',
      admin: { initCollapsed: true },
      fields: [
        {
          name: 'addedPermissions',
          type: 'select',
          hasMany: true,
          options: permissionOptions,
          admin: { description: "Granted on top of the role's defaults." },
        },
        {
          name: 'removedPermissions',
          type: 'select',
          hasMany: true,
          options: permissionOptions,
          admin: { description: "Taken away from the role's defaults." },
        },
      ],
    },
    {
      name: 'customer',
      type: 'group',
      admin: {
        condition: (data) =>
          Array.isArray(data?.memberships) && data.memberships.some((row: { role?: string }) => row?.role === 'customer'),
      },
      fields: [
        {
          name: 'connectionType',
          type: 'select',
          defaultValue: 'HOTSPOT',
          options: optionsInWords(CONNECTION_TYPES, { PPPOE: 'PPPoE', DHCP: 'DHCP', STATIC: 'Static IP' }),
        },
        {
          name: 'walletBalance',
          type: 'number',
          defaultValue: 0,
          // Money moves through the billing ledger, not by editing a number.
          access: { create: superAdminField, update: superAdminField },
          admin: { readOnly: true, description: "Prepaid balance in the organization's currency." },
        },
        {
          name: 'macAddresses',
          label: 'Registered MAC addresses',
          type: 'array',
          fields: [
            macAddressField({ name: 'mac', required: true, index: true }),
          ],
        },
      ],
    },
    organizationColumn('memberships.organization'),
  ],
}
