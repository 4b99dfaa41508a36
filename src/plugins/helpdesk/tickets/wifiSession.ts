import type { PayloadRequest } from 'payload'

import { relationId } from '@/access'

export type WifiSessionRef = { id: string; organization: string | null; user: string | null; archived: boolean }

/**
 * A WiFi session by id, wherever it is now: ended sessions move to `archived-sessions` after a
 * while, keeping their ids, which is why a ticket keeps the id rather than a relationship that the
 * move would clear.
 */
export async function findWifiSession(req: PayloadRequest, id: string): Promise<WifiSessionRef | null> {
  for (const collection of ['sessions', 'archived-sessions'] as const) {
    const { docs } = await req.payload.find({
      collection,
      where: { id: { equals: id } },
      depth: 0,
      limit: 1,
      overrideAccess: true,
      req,
      select: { organization: true, user: true },
    })
    const session = docs[0]
    if (session) {
      return {
        id,
        organization: relationId(session.organization),
        user: relationId(session.user),
        archived: collection === 'archived-sessions',
      }
    }
  }
  return null
}
