import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import { chainHash, chainKey, chainStateMac, GENESIS_HASH } from './chain'

export type AuditEntry = {
  organization: string | null
  actor: string | null
  actorName: string | null
  action: string
  targetType: string
  targetId: string
  changes: Record<string, unknown>
}

type StateRow = { head_sequence: string | number; head_hash: string; anchor_sequence: string | number; anchor_hash: string }

async function appendNow(req: PayloadRequest, entry: AuditEntry, at: Date): Promise<void> {
  const db = await drizzleFor(req.payload, req)
  const chain = chainKey(entry.organization)
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:audit-chain'), hashtext(${chain}))`)
  const [state] = rowsOf<StateRow>(
    await db.execute(sql`select head_sequence, head_hash, anchor_sequence, anchor_hash from audit_log_chains where chain = ${chain}`),
  )
  const sequence = state ? Number(state.head_sequence) + 1 : 1
  const previousHash = state?.head_hash ?? GENESIS_HASH
  const createdAt = at.toISOString()
  const hash = chainHash({ ...entry, sequence, previousHash, createdAt })
  await db.execute(sql`
    insert into audit_logs
      (organization_id, actor_id, actor_name, action, target_type, target_id, changes, sequence, previous_hash, hash, created_at, updated_at)
    values
      (${entry.organization}::uuid, ${entry.actor}::uuid, ${entry.actorName}, ${entry.action}, ${entry.targetType}, ${entry.targetId},
       ${JSON.stringify(entry.changes)}::jsonb, ${sequence}, ${previousHash}, ${hash}, ${createdAt}::timestamptz, ${createdAt}::timestamptz)`)
  const anchorSequence = state ? Number(state.anchor_sequence) : 0
  const anchorHash = state?.anchor_hash ?? GENESIS_HASH
  const mac = chainStateMac({ chain, headSequence: sequence, headHash: hash, anchorSequence, anchorHash })
  await db.execute(sql`
    insert into audit_log_chains (chain, head_sequence, head_hash, anchor_sequence, anchor_hash, mac)
    values (${chain}, ${sequence}, ${hash}, ${anchorSequence}, ${anchorHash}, ${mac})
    on conflict (chain) do update set head_sequence = excluded.head_sequence, head_hash = excluded.head_hash, mac = excluded.mac`)
}

// Payload runs the documents of one bulk operation in parallel on one transaction, where the
// advisory lock (already held by that transaction) does not make them wait: appends of one
// transaction go one after another instead.
const appending = new Map<unknown, Promise<void>>()

/**
 * Appends one row to its organization's chain, in `req`'s transaction: it commits with the change
 * it records, or neither does. Writers of one chain take turns on an advisory lock held to the
 * end of their transaction, so sequence numbers run without gaps and each row points at the row
 * committed before it.
 */
export async function appendAuditEntry(req: PayloadRequest, entry: AuditEntry, at = new Date()): Promise<void> {
  const transaction = (await req.transactionID) ?? null
  if (transaction === null) return appendNow(req, entry, at)
  const next = (appending.get(transaction) ?? Promise.resolve()).catch(() => undefined).then(() => appendNow(req, entry, at))
  appending.set(transaction, next)
  try {
    await next
  } finally {
    if (appending.get(transaction) === next) appending.delete(transaction)
  }
}
