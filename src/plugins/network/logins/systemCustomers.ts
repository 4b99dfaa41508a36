import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

/**
 * A customer account nobody signs in to (a voucher's guest, the organization's unregistered
 * devices), written by the database function `beacon_system_customer` that voucher logins use
 * too: no password, so no sign-in is possible and no PBKDF2 hash (~0.2 s of CPU) is spent on
 * every voucher's first use. The fields are Beacon's own, so the collection's hooks have nothing
 * to check. Without an email, a unique guest address is made up.
 */
export async function createSystemCustomer(
  payload: Payload,
  req: PayloadRequest,
  { email = null, name, organization, location = null }: { email?: string | null; name: string; organization: string; location?: string | null },
): Promise<string> {
  const db = await drizzleFor(payload, req)
  const [created] = rowsOf<{ id: string }>(
    await db.execute(sql`select beacon_system_customer(${email}, ${name}, ${organization}, ${location}) as id`),
  )
  return created.id
}
