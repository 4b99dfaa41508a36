import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { relationId } from '@/access'
import { drizzleFor } from '@/db/sql'

/**
 * Sets a ticket's `totalTimeSpent` to the sum of its completed entries and corrections, in the
 * transaction that recorded the change, so the total is right whenever it is read and never
 * needs adding up on a read. The ticket's row is locked first and the sum read in a statement of
 * its own: two agents recording time on one ticket at once then add up in turn, the second
 * seeing the first's entry, instead of both summing from the same snapshot.
 */
export async function refreshTicketTotal(req: PayloadRequest, ticketId: string): Promise<void> {
  const db = await drizzleFor(req.payload, req)
  // NO KEY UPDATE, not UPDATE: every entry being written holds KEY SHARE on its ticket (the
  // foreign key), which UPDATE would wait on from both sides at once.
  await db.execute(sql`select 1 from tickets where id = ${ticketId} for no key update`)
  await db.execute(sql`
    update tickets set total_time_spent = (
      select coalesce(sum(duration_minutes), 0) from time_sessions
      where ticket_id = ${ticketId} and duration_minutes is not null
    )
    where id = ${ticketId}`)
}

/**
 * After an entry is recorded, stopped or corrected, its ticket's total follows. Starting a timer
 * changes no total, and takes no lock on the ticket.
 */
export const keepTicketTotal: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const changed =
    operation === 'create'
      ? doc.durationMinutes != null
      : doc.durationMinutes !== previousDoc?.durationMinutes || relationId(doc.ticket) !== relationId(previousDoc?.ticket)
  if (!changed) return doc
  const tickets = new Set([relationId(doc.ticket), relationId(previousDoc?.ticket)].filter((id): id is string => id !== null))
  for (const ticket of tickets) await refreshTicketTotal(req, ticket)
  return doc
}
