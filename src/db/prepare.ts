import { sql } from '@payloadcms/db-postgres'
import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'
import { seedDemoData } from '../seed'
import { loadPayload } from './loadPayload'
import { drizzleFor, rowsOf } from './sql'

/**
 * When the demo data goes in: `always` (idempotent, adds what is missing), `if-empty` (only into
 * a database without any user yet), or `never`.
 */
export type DemoDataPolicy = 'always' | 'if-empty' | 'never'

/** How many migrations the database has applied (none before the first one made Payload's table). */
async function appliedMigrations(payload: Payload): Promise<number> {
  const db = await drizzleFor(payload)
  const [{ exists }] = rowsOf<{ exists: boolean }>(await db.execute(sql`select to_regclass('payload_migrations') is not null as exists`))
  if (!exists) return 0
  const [{ count }] = rowsOf<{ count: number }>(await db.execute(sql`select count(*)::int as count from payload_migrations`))
  return count
}

/**
 * Brings the database to the current schema with the committed migrations and seeds the demo data
 * as the policy says. Needs DATABASE_URL and PAYLOAD_SECRET set.
 */
export async function prepareDatabase({ demoData }: { demoData: DemoDataPolicy }): Promise<{ payload: Payload; created: string[] }> {
  const payload = await loadPayload()
  const before = await appliedMigrations(payload)
  // The generated index types each migration's arguments precisely; the adapter takes them loosely.
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  const migrated = (await appliedMigrations(payload)) > before
  const seed = demoData === 'always' || (demoData === 'if-empty' && (await payload.count({ collection: 'users' })).totalDocs === 0)
  const { created } = seed ? await seedDemoData(payload) : { created: [] }
  // New tables, and tables a migration or the demo data just filled, have no statistics (or an
  // empty table's) until autovacuum gets to them, and are planned as such meanwhile.
  if (migrated || created.length > 0) await (await drizzleFor(payload)).execute(sql`analyze`)
  return { payload, created }
}
