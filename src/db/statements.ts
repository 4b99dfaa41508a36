import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

/**
 * One SQL statement with numbered parameters ($1, $2, …), named so PostgreSQL keeps it prepared
 * on each connection. The RADIUS hot paths run these on the adapter's pool with no ORM in between;
 * `toSql` runs the same statement through Drizzle inside a Payload transaction.
 */
export type Statement = { name: string; text: string; values: unknown[] }

/** The statement as Drizzle SQL, for `(await drizzleFor(payload, req)).execute(...)`. */
export function toSql({ text, values }: Statement) {
  const parts = text.split(/\$(\d+)/)
  return sql.join(
    // sql.param keeps an array one parameter (Drizzle would spread it into a list).
    parts.map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql.param(values[Number(part) - 1]))),
    sql.raw(''),
  )
}

type PoolClient = {
  query<Row>(query: string | Statement): Promise<{ rows: Row[] }>
  release(destroy?: boolean): void
}
type Pool = { query<Row>(query: Statement): Promise<{ rows: Row[] }>; connect(): Promise<PoolClient> }

/** node-postgres's pool under Payload's adapter. */
export const poolOf = (payload: Payload): Pool => (payload.db as unknown as { pool: Pool }).pool

/**
 * Runs one statement on its own: PostgreSQL commits it (or nothing of it) before this resolves,
 * so a caller may answer for what it wrote.
 */
export async function runStatement<Row>(payload: Payload, statement: Statement): Promise<Row[]> {
  return (await poolOf(payload).query<Row>(statement)).rows
}

/**
 * Runs `run` on the items sorted by `keyOf` and gives its results back in the items' own order.
 * Statements that lock rows one item after another take their locks in one order this way, so two
 * of them rarely wait for each other.
 */
export async function inKeyOrder<Item, Result>(
  items: Item[],
  keyOf: (item: Item) => string,
  run: (sorted: Item[]) => Promise<Result[]>,
): Promise<Result[]> {
  const keys = items.map(keyOf)
  const order = items.map((_, index) => index).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0))
  const decided = await run(order.map((index) => items[index]))
  const results: Result[] = new Array(items.length)
  order.forEach((index, position) => (results[index] = decided[position]))
  return results
}
