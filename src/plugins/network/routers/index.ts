import type { CollectionConfig } from 'payload'

import { can, canCreate, type TenantPaths } from '@/access'
import { canonicalIp } from '@/lib/ip'
import { optionsInWords } from '@/lib/words'

import { hotspotLoginEndpoint, isHostName } from './hotspotLogin'

import {
  activeOrganizationFilter,
  enforceTenantScope,
  ipAddressField,
  locationField,
  organizationColumn,
  organizationField,
  refuseDeleteWhileReferenced,
  requireSameOrganization,
  secretField,
} from '../../tenancy'

export const ROUTERS_SLUG = 'routers'
export const ROUTER_STATUSES = ['ONLINE', 'OFFLINE', 'PENDING'] as const
export const ROUTER_STATUS_LABELS: Record<(typeof ROUTER_STATUSES)[number], string> = { ONLINE: 'Online', OFFLINE: 'Offline', PENDING: 'Not heard from yet' }
export const DEFAULT_COA_PORT = 3799
export const DEFAULT_ROUTEROS_API_PORT = 8728
export const DEFAULT_ROUTEROS_API_TLS_PORT = 8729

export const ROUTER_PATHS: TenantPaths = { organization: 'organization', location: 'location' }

const portField = (name: string, label: string, defaultValue?: number) => ({
  name,
  label,
  type: 'number' as const,
  defaultValue,
  min: 1,
  max: 65535,
  validate: (value: unknown) =>
    value == null || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535)
      ? true
      : `${label} must be a whole number from 1 to 65535.`,
})

/**
 * A MikroTik router (RADIUS NAS). The RADIUS service recognises it by the source address of its
 * packets, so the address is unique across all organizations. Its shared secret and RouterOS API
 * password are write-only; the RADIUS service reads them through `routerCredentials`.
 */
export const Routers: CollectionConfig = {
  slug: ROUTERS_SLUG,
  labels: { singular: 'Router', plural: 'Routers' },
  admin: {
    group: 'Network',
    useAsTitle: 'name',
    defaultColumns: ['name', 'organizationName', 'location', 'ipAddress', 'status', 'lastSeenAt'],
    description: 'MikroTik routers (NAS) that send RADIUS requests to Beacon.',
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    create: canCreate('routers.create'),
    read: can('routers.read', ROUTER_PATHS),
    update: can('routers.update', ROUTER_PATHS),
    delete: can('routers.delete', ROUTER_PATHS),
  },
  endpoints: [hotspotLoginEndpoint],
  indexes: [{ fields: ['organization', 'status'] }],
  hooks: {
    beforeChange: [
      requireSameOrganization({ location: { collection: 'locations', label: 'branch' } }),
      enforceTenantScope({ permissionCollection: 'routers', paths: ROUTER_PATHS }),
    ],
    // Ended sessions keep their history without the router; open ones still need it for CoA.
    beforeDelete: [
      refuseDeleteWhileReferenced(
        'router',
        [{ collection: 'sessions', field: 'router', label: 'open WiFi sessions', where: { status: { in: ['pending', 'active'] } } }],
        'wait until they end, or force-logout them first.',
      ),
    ],
  },
  fields: [
    organizationField(),
    locationField(),
    { name: 'name', type: 'text', required: true },
    {
      name: 'hotspotLogin',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/plugins/network/routers/components/HotspotLoginLink#HotspotLoginLink' } },
    },
    {
      name: 'hotspotAddress',
      label: 'Hotspot address',
      type: 'text',
      admin: {
        description:
          "Where devices reach the hotspot's login page: its DNS name (IP → Hotspot → Server Profiles → DNS Name) or address (10.5.50.1). When set, the portal hands sign-ins at this branch only to it; otherwise to any private address.",
      },
      hooks: {
        beforeValidate: [
          ({ value }) => {
            if (typeof value !== 'string') return value
            const trimmed = value.trim().toLowerCase().replace(/\.$/, '')
            return canonicalIp(trimmed) ?? (trimmed || null)
          },
        ],
      },
      validate: (value: unknown) =>
        value == null || value === '' || (typeof value === 'string' && (canonicalIp(value) !== null || isHostName(value)))
          ? true
          : 'Use a host name such as hotspot.example.com, or an IP address such as 10.5.50.1.',
    },
    {
      name: 'nasIdentifier',
      label: 'NAS-Identifier',
      type: 'text',
      admin: { description: "The router's identity as it sends it in NAS-Identifier (System → Identity)." },
    },
    ipAddressField({
      name: 'ipAddress',
      label: 'IP address',
      required: true,
      unique: true,
      taken: 'Another router already uses this address. Beacon tells routers apart by the address their RADIUS packets come from, so each needs its own.',
      admin: { description: 'The source address of its RADIUS packets, as Beacon sees it (its VPN address when it connects over VPN).' },
    }),
    ...secretField({
      name: 'secret',
      label: 'RADIUS shared secret',
      required: true,
      description: 'The secret set in the router under RADIUS. Write-only: stored encrypted and never shown again.',
    }),
    portField('coaPort', 'CoA port', DEFAULT_COA_PORT),
    {
      name: 'requireMessageAuthenticator',
      label: 'Require Message-Authenticator',
      type: 'checkbox',
      defaultValue: true,
      admin: {
        description:
          'Drop Access-Requests without a Message-Authenticator (protects against BlastRADIUS). RouterOS 7.15+ sends it; turn off only for older routers or test tools.',
      },
    },
    {
      name: 'api',
      label: 'RouterOS API',
      type: 'group',
      admin: { description: 'Used when a router does not answer CoA, and for health checks.' },
      fields: [
        { name: 'host', type: 'text', admin: { description: 'Leave empty to use the IP address.' } },
        portField('port', 'API port'),
        { name: 'tls', label: 'Use TLS (api-ssl)', type: 'checkbox', defaultValue: false },
        { name: 'username', type: 'text' },
        ...secretField({ name: 'password', label: 'API password' }),
      ],
    },
    ipAddressField({ name: 'vpnIp', label: 'VPN IP', admin: { description: 'WireGuard address, if the router connects over VPN.' } }),
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'PENDING',
      options: optionsInWords(ROUTER_STATUSES, ROUTER_STATUS_LABELS),
      index: true,
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, description: 'Set by the health check.' },
    },
    {
      name: 'lastSeenAt',
      label: 'Last seen',
      type: 'date',
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'routerOsVersion',
      label: 'RouterOS version',
      type: 'text',
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'identity',
      label: 'RouterOS identity',
      type: 'text',
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, description: 'From the health check over the RouterOS API.' },
    },
    organizationColumn(),
  ],
}
