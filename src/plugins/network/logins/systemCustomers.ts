import { randomUUID } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

/**
 * A customer account nobody signs in to (a voucher's guest, the organization's unregistered
 * devices), written by the database adapter: no password, so no sign-in is possible and no
 * PBKDF2 hash (~0.2 s of CPU) is spent on every voucher's first use. The fields are Beacon's own,
 * so the collection's validation hooks have nothing to check.
 */
export async function createSystemCustomer(
  payload: Payload,
  req: PayloadRequest,
  { email = `guest-${randomUUID()}@vouchers.beacon.invalid`, name, organization, location }: { email?: string; name: string; organization: string; location?: string },
): Promise<string> {
  const created = await payload.db.create({
    collection: 'users',
    data: {
      email,
      name,
      status: 'ACTIVE',
      isSuperAdmin: false,
      memberships: [{ id: randomUUID().replace(/-/g, '').slice(0, 24), organization, role: 'customer', locations: location ? [location] : [] }],
      customer: { connectionType: 'HOTSPOT', walletBalance: 0 },
      loginAttempts: 0,
    },
    req,
  })
  return String(created.id)
}
