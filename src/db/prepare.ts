import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'
import { seedDemoData } from '../seed'
import { loadPayload } from './loadPayload'

/**
 * When the demo data goes in: `always` (idempotent, adds what is missing), `if-empty` (only into
 * a database without any user yet), or `never`.
 */
export type DemoDataPolicy = 'always' | 'if-empty' | 'never'

/**
 * Brings the database to the current schema with the committed migrations and seeds the demo data
 * as the policy says. Needs DATABASE_URL and PAYLOAD_SECRET set.
 */
export async function prepareDatabase({ demoData }: { demoData: DemoDataPolicy }): Promise<{ payload: Payload; created: string[] }> {
  const payload = await loadPayload()
  // The generated index types each migration's arguments precisely; the adapter takes them loosely.
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  const seed =
    demoData === 'always' || (demoData === 'if-empty' && (await payload.count({ collection: 'users' })).totalDocs === 0)
  const { created } = seed ? await seedDemoData(payload) : { created: [] }
  return { payload, created }
}
