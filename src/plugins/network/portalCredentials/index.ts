import type { CollectionConfig } from 'payload'

import { nobody } from '@/access'

import { macAddressField } from '../../tenancy'

export const PORTAL_CREDENTIALS_SLUG = 'portal-credentials'

/**
 * One-time RADIUS credentials the captive portal hands to a device's browser, which posts them
 * to the router's login page; the router then checks them with Beacon over RADIUS (PAP or CHAP).
 * Only server code touches them: no API reads or writes them, for anyone. The password is kept
 * encrypted because CHAP needs it in clear to check the router's hash.
 */
export const PortalCredentials: CollectionConfig = {
  slug: PORTAL_CREDENTIALS_SLUG,
  labels: { singular: 'Portal credential', plural: 'Portal credentials' },
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  timestamps: true,
  fields: [
    { name: 'username', type: 'text', required: true, unique: true },
    { name: 'passwordEncrypted', type: 'text', required: true, hidden: true },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', required: true },
    { name: 'session', type: 'relationship', relationTo: 'sessions', required: true, index: true },
    macAddressField({ name: 'deviceMac', label: 'Device MAC', required: true }),
    { name: 'expiresAt', type: 'date', required: true, index: true },
    { name: 'usedAt', type: 'date' },
  ],
}
