import { sql } from '@payloadcms/db-postgres'
import type { Field, Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'

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

/** The chain key of an organization (or of the platform's entries without one). */
export const chainKey = (organization: string | null) => organization ?? 'platform'

/**
 * Removes each organization's entries older than its retention, oldest first, and keeps the last
 * removed entry's sequence and hash as the chain's anchor (`audit_log_anchors`), so verification
 * of what remains starts from there. Runs under the chain's lock, with the one session setting
 * the append-only trigger lets through. Returns how many entries were removed.
 */
export async function pruneAuditLogs(payload: Payload, { now = new Date() } = {}): Promise<number> {
  const { docs: organizations } = await payload.find({
    collection: 'organizations',
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { auditRetentionDays: true },
  })
  const chains: { organization: string | null; days: number }[] = [
    ...organizations.map((organization) => ({
      organization: String(organization.id),
      days: organization.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
    })),
    { organization: null, days: DEFAULT_AUDIT_RETENTION_DAYS },
  ]
  let removed = 0
  for (const { organization, days } of chains) {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString()
    const count = await inSystemTransaction(payload, async (req) => {
      const db = await drizzleFor(payload, req)
      await db.execute(sql`select pg_advisory_xact_lock(hashtext('beacon:audit-chain'), hashtext(${chainKey(organization)}))`)
      await db.execute(sql`select set_config('beacon.audit_prune', 'on', true)`)
      // A prefix of the chain: everything up to the newest entry older than the cutoff. The last
      // entry removed becomes the anchor the rest is verified from.
      const [result] = rowsOf<{ removed: string | number }>(
        await db.execute(sql`
          with doomed as (
            delete from audit_logs
            where organization_id is not distinct from ${organization}::uuid
              and sequence <= (
                select max(sequence) from audit_logs
                where organization_id is not distinct from ${organization}::uuid and created_at < ${cutoff}::timestamptz
              )
            returning sequence, hash
          ), newest as (
            select sequence, hash from doomed order by sequence desc limit 1
          ), anchored as (
            insert into audit_log_anchors (chain, sequence, hash, pruned_at)
            select ${chainKey(organization)}, sequence, hash, now() from newest
            on conflict (chain) do update set sequence = excluded.sequence, hash = excluded.hash, pruned_at = excluded.pruned_at
            returning 1
          )
          select (select count(*) from doomed) + 0 * (select count(*) from anchored) as removed`),
      )
      return Number(result?.removed ?? 0)
    })
    removed += count
    if (count > 0) payload.logger.info({ organization, cutoff, removed: count }, 'Pruned the audit log')
  }
  return removed
}
