import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { isUuid } from '@/lib/ids'

/**
 * A new ticket gets the next number of its organization (#1, #2, …). Creators of the same
 * organization take turns on a transaction-scoped advisory lock, so the number is read and
 * used in one step: no two tickets share a number, and since a failed creation rolls back with
 * its number and tickets are never deleted, no number is skipped. The unique index on
 * (organization, number) backs this up.
 */
export const assignTicketNumber: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const organization = relationId(data.organization)
  // Anything but an id is left to field validation, which answers 400.
  if (!isUuid(organization)) return data
  const db = await drizzleFor(req.payload, req)
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:ticket-number'), hashtext(${organization}))`)
  const [row] = rowsOf<{ next: number | string }>(
    await db.execute(sql`select coalesce(max(number), 0) + 1 as next from tickets where organization_id = ${organization}`),
  )
  return { ...data, number: Number(row.next) }
}
