import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import type { RouterControl } from '../control'
import { START_WAIT_MINUTES } from './online'

export type SweepResult = { expired: number; stale: number; neverStarted: number }

/** Sessions a router has not reported on for this many interim intervals are over. */
export const STALE_AFTER_INTERVALS = 3

/**
 * Runs out what ran out, as of `now`: open sessions past `expiresAt` are disconnected at their
 * router and end `expired` (sessions Beacon never authorized have no allowance to run out);
 * accepted logins whose router sent no Accounting-Start within START_WAIT_MINUTES end
 * `terminated` / `Never-Started` (they were never online); sessions without accounting for three
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

  // Never online, so over where it began: no time online, and no place in any count of devices.
  const acceptedBefore = new Date(now.getTime() - START_WAIT_MINUTES * 60_000).toISOString()
  const neverStarted = rowsOf(
    await db.execute(sql`
      update sessions set status = 'terminated', terminate_cause = 'Never-Started', ended_at = started_at, updated_at = now()
      where status = 'pending' and acct_session_id is null and last_accounting_at is null
        and started_at < ${acceptedBefore}::timestamptz ${atRouter}
      returning id`),
  ).length

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
