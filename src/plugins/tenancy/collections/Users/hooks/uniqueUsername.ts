import type { CollectionBeforeChangeHook } from 'payload'

import { conflict } from '@/access'

import { normalizeMemberships } from '../memberships'

/** Usernames (customers' PPPoE and hotspot logins) are unique within each organization. */
export const uniqueUsername: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const username = typeof data.username === 'string' ? data.username.trim() : ''
  if (!username) return data
  const organizations = normalizeMemberships(data.memberships ?? originalDoc?.memberships).map((row) => row.organization)
  if (organizations.length === 0) return { ...data, username }

  const { docs } = await req.payload.find({
    collection: 'users',
    where: {
      and: [
        { username: { equals: username } },
        { 'memberships.organization': { in: organizations } },
        ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []),
      ],
    },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    select: { email: true },
  })
  if (docs.length > 0) {
    throw conflict(`The username "${username}" is already taken in this organization.`)
  }
  return { ...data, username }
}
