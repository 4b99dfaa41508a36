import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeChangeHook } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

/**
 * `totalTimeSpent` belongs to the time-sessions: a save of the ticket writes back the total as
 * it stands under the ticket's row lock (the lock time is recorded under), not the one read
 * when the save began, which time recorded meanwhile would have made stale.
 */
export const keepTimeTotal: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc?.id) return data
  const db = await drizzleFor(req.payload, req)
  const [row] = rowsOf<{ total: number | string }>(
    await db.execute(sql`select total_time_spent as total from tickets where id = ${originalDoc.id} for no key update`),
  )
  return row ? { ...data, totalTimeSpent: Number(row.total) } : data
}
