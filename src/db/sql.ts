import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

type Drizzle = PostgresAdapter['drizzle']

/**
 * The Drizzle handle for raw SQL, inside the request's transaction when it has one, so a
 * statement commits or rolls back together with the Local API calls made with the same `req`.
 * For the few statements Payload cannot express: row locks, set-based moves, bulk inserts.
 */
export async function drizzleFor(payload: Payload, req?: Partial<PayloadRequest>): Promise<Drizzle> {
  const adapter = payload.db as unknown as PostgresAdapter
  const transactionID = req?.transactionID ? await req.transactionID : undefined
  if (transactionID === undefined) return adapter.drizzle
  const session = adapter.sessions?.[transactionID]
  // Falling back to the pool here would write outside a transaction that was already rolled back.
  if (!session) throw new Error(`Transaction ${transactionID} has ended; refusing to run outside it.`)
  return session.db as Drizzle
}

/** The rows of a raw query, whichever shape the driver returned them in. */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[]
  return ((result as { rows?: Row[] }).rows ?? []) as Row[]
}
