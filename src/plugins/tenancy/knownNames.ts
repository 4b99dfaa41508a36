import type { PayloadRequest } from 'payload'

import { RESERVED_EMAIL_SUFFIX } from '@/lib/reservedEmails'

/**
 * Names of people a page mentions whom the person may not read as users: colleagues (staff of
 * the same organization, whom Payload's access rules keep out of an agent's user list but whose
 * names every colleague knows) and the organization's own accounts (Voucher guests,
 * Unregistered devices). Read as the system, names only; customers the person may not read stay
 * unnamed.
 */
export async function namesKnownToStaff(req: PayloadRequest, organization: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter(Boolean)
  if (wanted.length === 0) return new Map()
  const { docs } = await req.payload.find({
    collection: 'users',
    where: {
      and: [
        { id: { in: wanted } },
        {
          or: [
            { and: [{ 'memberships.organization': { equals: organization } }, { 'memberships.role': { not_equals: 'customer' } }] },
            // The organization's own accounts: `<kind>@<organization>.beacon.invalid`.
            { email: { like: `@${organization}${RESERVED_EMAIL_SUFFIX}` } },
          ],
        },
      ],
    },
    depth: 0,
    limit: wanted.length,
    pagination: false,
    overrideAccess: true,
    req,
    select: { name: true },
  })
  return new Map(docs.map((user) => [String(user.id), String(user.name)]))
}
