import { sql } from '@payloadcms/db-postgres'
import type { Field, Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'

import { chainKey, chainStateMac } from './chain'

export const DEFAULT_AUDIT_RETENTION_DAYS = 365

/** The organization setting: how long its audit log is kept. */
export const auditRetentionField: Field = {
  name: 'auditRetentionDays',
  label: 'Keep the audit log for (days)',
  type: 'number',
  min: 30,
  max: 3_650,
  admin: {
    position: 'sidebar',
    step: 1,
    placeholder: String(DEFAULT_AUDIT_RETENTION_DAYS),
    description: `Empty: ${DEFAULT_AUDIT_RETENTION_DAYS}. Older entries are removed nightly; the rest still verifies.`,
  },
  validate: (value: unknown) =>
    value == null || (Number.isInteger(value) && (value as number) >= 30 && (value as number) <= 3_650)
      ? true
      : 'A whole number of days from 30 to 3650.',
}

/**
 * Removes each chain's entries older than its organization's retention (365 days for the
 * platform's chain and for organizations since deleted), oldest first, and records the last one
 * removed as the chain's anchor, so verification of what remains starts from there. Runs under
 * the chain's lock, with the session setting the append-only trigger lets through for entries
 * older than 30 days. Returns how many entries were removed.
 */
export async function pruneAuditLogs(payload: Payload, { now = new Date() } = {}): Promise<number> {
  const db = await drizzleFor(payload)
  const chains = rowsOf<{ chain: string; days: string | number | null }>(
    await db.execute(sql`
      select c.chain, o.audit_retention_days as days
      from audit_log_chains c left join organizations o on o.id::text = c.chain`),
  )
  let removed = 0
  for (const { chain, days } of chains) {
    const organization = chain === chainKey(null) ? null : chain
    const cutoff = new Date(now.getTime() - Number(days ?? DEFAULT_AUDIT_RETENTION_DAYS) * 86_400_000).toISOString()
    const count = await inSystemTransaction(payload, async (req) => {
      const tx = await drizzleFor(payload, req)
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:audit-chain'), hashtext(${chain}))`)
      await tx.execute(sql`select set_config('beacon.audit_prune', 'on', true)`)
      const ownRows = organization === null ? sql`organization_id is null` : sql`organization_id = ${organization}::uuid`
      // A prefix of the chain: everything up to the newest entry older than the cutoff.
      const doomed = rowsOf<{ sequence: string | number; hash: string }>(
        await tx.execute(sql`
          delete from audit_logs
          where ${ownRows} and sequence <= (select max(sequence) from audit_logs where ${ownRows} and created_at < ${cutoff}::timestamptz)
          returning sequence, hash`),
      )
      if (doomed.length === 0) return 0
      const anchor = doomed.reduce((newest, row) => (Number(row.sequence) > Number(newest.sequence) ? row : newest))
      const [state] = rowsOf<{ head_sequence: string | number; head_hash: string }>(
        await tx.execute(sql`select head_sequence, head_hash from audit_log_chains where chain = ${chain} for update`),
      )
      const next = {
        chain,
        headSequence: Number(state.head_sequence),
        headHash: state.head_hash,
        anchorSequence: Number(anchor.sequence),
        anchorHash: anchor.hash,
      }
      await tx.execute(sql`
        update audit_log_chains set anchor_sequence = ${next.anchorSequence}, anchor_hash = ${next.anchorHash}, mac = ${chainStateMac(next)}
        where chain = ${chain}`)
      return doomed.length
    })
    removed += count
    if (count > 0) payload.logger.info({ chain, cutoff, removed: count }, 'Pruned the audit log')
  }
  return removed
}
