import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'
import { seedDemoData } from '../seed'
import { loadPayload } from './loadPayload'

/**
 * Brings the database to the current schema with the committed migrations and, unless told not
 * to, makes sure the demo data is there. Needs DATABASE_URL and PAYLOAD_SECRET set.
 */
export async function prepareDatabase({ seed = true }: { seed?: boolean } = {}): Promise<{ payload: Payload; created: string[] }> {
  const payload = await loadPayload()
  // The generated index types each migration's arguments precisely; the adapter takes them loosely.
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  const { created } = seed ? await seedDemoData(payload) : { created: [] }
  return { payload, created }
}
