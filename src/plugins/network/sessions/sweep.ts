import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'

import type { RouterControl } from '../control'
import { START_WAIT_MINUTES } from './online'

export type SweepResult = { expired: number; stale: number; neverStarted: number }

/** Sessions a router has not reported on for this many interim intervals are over. */
export const STALE_AFTER_INTERVALS = 3

/**
 * Runs out what ran out, as of `now`: open sessions past `expiresAt` are disconnected at their
 * router and end `expired` (sessions Beacon never authorized have no allowance to run out);
 * accepted logins whose router sent no Accounting-Start within START_WAIT_MINUTES end
 * `terminated` / `Never-Started` (they were never online, and cost nothing: see closeNeverStarted); sessions without accounting for three
 * interim intervals end `terminated` / `Stale`. Neither holds a device's place at the next login.
 */
export async function sweepSessions(
  payload: Payload,
  {
    now = new Date(),
    control,
    batchSize = 500,
    router,
  }: { now?: Date; control: RouterControl; batchSize?: number; /** Only this router's sessions. */ router?: string },
): Promise<SweepResult> {
  const db = await drizzleFor(payload)
  const atRouter = router ? sql`and router_id = ${router}` : sql``
  const due = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from sessions
      where status in ('pending', 'active') and expires_at <= ${now.toISOString()}::timestamptz
        and auth_method is distinct from 'accounting' ${atRouter}
      order by expires_at limit ${batchSize}`),
  )
  // A few at a time: each waits for its router's answer (or its retries). One failure does not
  // stop the others; a session its router did not let go stays open and is tried again next time.
  for (let start = 0; start < due.length; start += 10) {
    const results = await Promise.allSettled(due.slice(start, start + 10).map(({ id }) => control.disconnect(id, 'Session-Timeout')))
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') payload.logger.error({ session: due[start + index].id, err: result.reason }, 'Expiring a WiFi session failed')
    }
  }

  const neverStarted = await closeNeverStarted(payload, new Date(now.getTime() - START_WAIT_MINUTES * 60_000), atRouter)

  const silentSince = new Date(now.getTime() - STALE_AFTER_INTERVALS * control.interimIntervalSeconds * 1000).toISOString()
  const stale = rowsOf(
    await db.execute(sql`
      update sessions set status = 'terminated', terminate_cause = 'Stale',
        ended_at = coalesce(last_accounting_at, started_at), updated_at = now()
      where status in ('pending', 'active') and coalesce(last_accounting_at, started_at) < ${silentSince}::timestamptz ${atRouter}
      returning id`),
  ).length
  if (due.length > 0 || stale > 0 || neverStarted > 0) payload.logger.info({ expired: due.length, stale, neverStarted }, 'WiFi sessions swept')
  return { expired: due.length, stale, neverStarted }
}

/**
 * Accepted logins whose router sent no Accounting-Start by `acceptedBefore` end `Never-Started`
 * where they began, and cost nothing: their time ends at once (their expiry is their start, so no
 * later login joins a period that never ran), and a voucher none of whose other sessions started
 * is AVAILABLE again, its next login the first, with the plan's full time. (A device that joined
 * the voucher and went online keeps the period it joined: beacon_voucher_login counts only the
 * sessions that started.) The vouchers are locked first, as a voucher login locks its voucher
 * before it reads its sessions, so no login is decided on a voucher half given back.
 */
async function closeNeverStarted(payload: Payload, acceptedBefore: Date, atRouter: ReturnType<typeof sql>): Promise<number> {
  const unstarted = sql`status = 'pending' and acct_session_id is null and last_accounting_at is null
    and started_at < ${acceptedBefore.toISOString()}::timestamptz ${atRouter}`
  return inSystemTransaction(payload, async (req) => {
    const db = await drizzleFor(payload, req)
    await db.execute(sql`
      select id from vouchers where id in (select voucher_id from sessions where ${unstarted} and voucher_id is not null)
      order by id for update`)
    const closed = rowsOf<{ id: string; voucher_id: string | null }>(
      await db.execute(sql`
        update sessions set status = 'terminated', terminate_cause = 'Never-Started', ended_at = started_at,
          expires_at = started_at, updated_at = now()
        where ${unstarted}
        returning id, voucher_id`),
    )
    const vouchers = [...new Set(closed.flatMap((row) => (row.voucher_id ? [row.voucher_id] : [])))]
    if (vouchers.length > 0) {
      // A later statement sees the sessions just closed, and every login committed meanwhile.
      await db.execute(sql`
        update vouchers v set status = 'AVAILABLE', used_by_id = null, used_at = null, updated_at = now()
        where v.id in (${sql.join(vouchers.map((id) => sql`${id}::uuid`), sql`, `)}) and v.status = 'USED'
          and not exists (
            select 1 from sessions s where s.voucher_id = v.id and s.terminate_cause::text is distinct from 'Never-Started')`)
    }
    return closed.length
  })
}
