import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import { chainHash, GENESIS_HASH } from './chain'
import { chainKey } from './retention'

type Row = {
  id: string
  organization_id: string | null
  actor_id: string | null
  action: string
  target_type: string
  target_id: string
  changes: unknown
  sequence: string | number
  previous_hash: string
  hash: string
  created_at: string | Date
}

export type ChainReport = {
  organization: string | null
  checked: number
  intact: boolean
  /** The first row from which the chain no longer holds, and why. */
  firstBroken?: { id: string; sequence: number; createdAt: string; problem: string }
}

const BATCH = 1_000

/**
 * Walks an organization's audit chain in order (from the anchor the retention left, if any) and reports the first row whose content no longer
 * matches its hash, that does not point at the row before it, or that follows a gap in the
 * sequence (a row removed). Rows are read in batches, so a long history needs little memory.
 */
export async function verifyAuditChain(payload: Payload, organization: string | null): Promise<ChainReport> {
  const db = await drizzleFor(payload)
  let checked = 0
  // Entries older than the retention were removed; the last of them is where the rest starts.
  const [anchor] = rowsOf<{ sequence: string | number; hash: string }>(
    await db.execute(sql`select sequence, hash from audit_log_anchors where chain = ${chainKey(organization)}`),
  )
  let previous = anchor ? { sequence: Number(anchor.sequence), hash: anchor.hash } : (null as { sequence: number; hash: string } | null)
  for (;;) {
    const rows: Row[] = rowsOf<Row>(
      await db.execute(sql`
        select id, organization_id, actor_id, action, target_type, target_id, changes, sequence, previous_hash, hash, created_at
        from audit_logs
        where organization_id is not distinct from ${organization}::uuid and sequence > ${previous?.sequence ?? 0}
        order by sequence
        limit ${BATCH}`),
    )
    for (const row of rows) {
      const sequence: number = Number(row.sequence)
      const createdAt = new Date(row.created_at).toISOString()
      const broken = (problem: string): ChainReport => ({
        organization,
        checked,
        intact: false,
        firstBroken: { id: row.id, sequence, createdAt, problem },
      })
      const expectedSequence: number = previous ? previous.sequence + 1 : 1
      if (sequence !== expectedSequence) return broken(`sequence ${sequence} follows ${expectedSequence - 1}: a row is missing`)
      if (row.previous_hash !== (previous?.hash ?? GENESIS_HASH)) return broken('it does not point at the row before it')
      const hash = chainHash({
        organization: row.organization_id,
        sequence,
        previousHash: row.previous_hash,
        createdAt,
        actor: row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        changes: row.changes,
      })
      if (hash !== row.hash) return broken('its content does not match its hash: it was changed')
      checked++
      previous = { sequence, hash: row.hash }
    }
    if (rows.length < BATCH) return { organization, checked, intact: true }
  }
}
