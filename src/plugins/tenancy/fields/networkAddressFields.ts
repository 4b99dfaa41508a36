import type { CollectionSlug, PayloadRequest, TextField } from 'payload'

import { canonicalIp } from '@/lib/ip'
import { canonicalMac } from '@/lib/mac'

type Overrides = Partial<Omit<TextField, 'type'>> & { name: string }

/** A device's hardware address, stored as `AA:BB:CC:DD:EE:FF` whatever form it arrives in. */
export function macAddressField({ name, ...overrides }: Overrides): TextField {
  return {
    name,
    type: 'text',
    validate: (value: unknown, { required }: { required?: boolean }) => {
      if (value == null || value === '') return required ? 'A MAC address is required.' : true
      return typeof value === 'string' && canonicalMac(value) ? true : 'Not a MAC address (e.g. AA:BB:CC:DD:EE:FF).'
    },
    hooks: {
      beforeValidate: [({ value }) => (typeof value === 'string' ? (canonicalMac(value) ?? value) : value)],
    },
    admin: { placeholder: 'AA:BB:CC:DD:EE:FF' },
    ...overrides,
  } as TextField
}

/**
 * An IPv4 or IPv6 address, stored in one spelling (`canonicalIp`) so equal addresses compare equal.
 * With `unique`, an address already used is refused on the field itself, with `taken` as its
 * message, before the database's unique index would refuse it with a bare "invalid".
 */
export function ipAddressField({ name, taken, ...overrides }: Overrides & { taken?: string }): TextField {
  return {
    name,
    type: 'text',
    validate: async (value: unknown, { required, req, id, collectionSlug }: { required?: boolean; req?: PayloadRequest; id?: number | string; collectionSlug?: string }) => {
      if (value == null || value === '') return required ? 'An IP address is required.' : true
      if (typeof value !== 'string' || !canonicalIp(value)) return 'Not an IP address (e.g. 192.0.2.10 or 2001:db8::1).'
      if (overrides.unique && req && collectionSlug) {
        const { totalDocs } = await req.payload.count({
          collection: collectionSlug as CollectionSlug,
          where: { and: [{ [name]: { equals: canonicalIp(value) } }, ...(id ? [{ id: { not_equals: id } }] : [])] },
          overrideAccess: true,
          req,
        })
        if (totalDocs > 0) return taken ?? 'This address is already used.'
      }
      return true
    },
    hooks: {
      beforeValidate: [({ value }) => (typeof value === 'string' ? (canonicalIp(value) ?? value) : value)],
    },
    ...overrides,
  } as TextField
}
