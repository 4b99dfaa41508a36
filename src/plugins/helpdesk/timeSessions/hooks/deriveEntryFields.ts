import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@/access'

import { durationMinutes } from '../rules'

/**
 * What an entry derives from itself: the agent's name as it was when the time was recorded
 * (seed 002 keeps it denormalized for display), and a timed entry's duration once it has an end.
 * A correction's minutes are its own.
 */
export const deriveEntryFields: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data }
  const agent = relationId(merged.agent)
  const result = { ...data }
  if (agent && (!merged.agentName || relationId(originalDoc?.agent) !== agent)) {
    const user = await req.payload.findByID({
      collection: 'users',
      id: agent,
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
      select: { name: true },
    })
    result.agentName = user?.name ?? ''
  }
  if (merged.kind !== 'adjustment') {
    result.durationMinutes = merged.endTime ? durationMinutes(merged.startTime, merged.endTime) : null
  }
  return result
}
