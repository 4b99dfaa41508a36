import type { TextField } from 'payload'

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

/** An IPv4 or IPv6 address, stored in one spelling (`canonicalIp`) so equal addresses compare equal. */
export function ipAddressField({ name, ...overrides }: Overrides): TextField {
  return {
    name,
    type: 'text',
    validate: (value: unknown, { required }: { required?: boolean }) => {
      if (value == null || value === '') return required ? 'An IP address is required.' : true
      return typeof value === 'string' && canonicalIp(value) ? true : 'Not an IP address (e.g. 192.0.2.10 or 2001:db8::1).'
    },
    hooks: {
      beforeValidate: [({ value }) => (typeof value === 'string' ? (canonicalIp(value) ?? value) : value)],
    },
    ...overrides,
  } as TextField
}
