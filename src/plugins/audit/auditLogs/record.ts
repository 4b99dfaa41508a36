import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import { chainHash, GENESIS_HASH } from './chain'

export type AuditEntry = {
  organization: string | null
  actor: string | null
  actorName: string | null
  action: string
  targetType: string
  targetId: string
  changes: Record<string, unknown>
}

/**
 * Appends one row to its organization's chain, in `req`'s transaction: it commits with the change
 * it records, or neither does. Writers of one chain take turns on an advisory lock held to the
 * end of their transaction, so sequence numbers run without gaps and each row points at the row
 * committed before it.
 */
export async function appendAuditEntry(req: PayloadRequest, entry: AuditEntry): Promise<void> {
  const db = await drizzleFor(req.payload, req)
  const chain = entry.organization ?? 'platform'
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:audit-chain'), hashtext(${chain}))`)
  const [last] = rowsOf<{ sequence: string | number; hash: string }>(
    await db.execute(sql`
      select sequence, hash from audit_logs
      where organization_id is not distinct from ${entry.organization}::uuid
      order by sequence desc limit 1`),
  )
  const sequence = last ? Number(last.sequence) + 1 : 1
  const previousHash = last?.hash ?? GENESIS_HASH
  const createdAt = new Date().toISOString()
  const hash = chainHash({ ...entry, sequence, previousHash, createdAt })
  await db.execute(sql`
    insert into audit_logs
      (organization_id, actor_id, actor_name, action, target_type, target_id, changes, sequence, previous_hash, hash, created_at, updated_at)
    values
      (${entry.organization}::uuid, ${entry.actor}::uuid, ${entry.actorName}, ${entry.action}, ${entry.targetType}, ${entry.targetId},
       ${JSON.stringify(entry.changes)}::jsonb, ${sequence}, ${previousHash}, ${hash}, ${createdAt}::timestamptz, ${createdAt}::timestamptz)`)
}
