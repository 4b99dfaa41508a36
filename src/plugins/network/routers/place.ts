import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { LOCKED_ORGANIZATION_STATUSES } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'

/** Where a router is, as every login decision needs it: one query, in the request's transaction. */
export type RouterPlace = { id: string; organization: string; location: string; organizationLocked: boolean }

export async function routerPlace(payload: Payload, req: PayloadRequest, routerId: string): Promise<RouterPlace> {
  const db = await drizzleFor(payload, req)
  const [row] = rowsOf<{ id: string; organization_id: string; location_id: string; organization_status: string }>(
    await db.execute(sql`
      select r.id, r.organization_id, r.location_id, o.status as organization_status
      from routers r join organizations o on o.id = r.organization_id where r.id = ${routerId}`),
  )
  if (!row) throw new Error(`No router ${routerId}`)
  return {
    id: row.id,
    organization: row.organization_id,
    location: row.location_id,
    organizationLocked: (LOCKED_ORGANIZATION_STATUSES as readonly string[]).includes(row.organization_status),
  }
}
