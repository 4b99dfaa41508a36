import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

export const DEFAULT_ARCHIVE_AFTER_DAYS = 90

/** Sessions that ended before this moment are archived: `BEACON_SESSION_ARCHIVE_DAYS` ago (90). */
export function archiveCutoff(now = new Date(), days = process.env.BEACON_SESSION_ARCHIVE_DAYS): Date {
  const parsed = days === undefined || days === '' ? DEFAULT_ARCHIVE_AFTER_DAYS : Number(days)
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`BEACON_SESSION_ARCHIVE_DAYS must be a whole number of days, 1 or more (got "${days}")`)
  }
  return new Date(now.getTime() - parsed * 86_400_000)
}

// Both tables come from the same field definitions; the enums differ only in their type names.
const COLUMNS = `id, user_id, organization_id, location_id, device_mac, usage_data_m_b, usage_last_ip,
  usage_input_octets, usage_output_octets, started_at, expires_at, ended_at, router_id, acct_session_id,
  plan_id, voucher_id, last_accounting_at, updated_at, created_at, user_name, control_error_cause, control_at`
const SELECT_COLUMNS = `${COLUMNS}, status::text::enum_archived_sessions_status,
  terminate_cause::text::enum_archived_sessions_terminate_cause, auth_method::text::enum_archived_sessions_auth_method,
  control_action::text::enum_archived_sessions_control_action, control_outcome::text::enum_archived_sessions_control_outcome`

/**
 * Moves sessions that ended before `endedBefore` into `archived-sessions`, keeping their ids, in
 * batches (in no particular order: an ordered batch would sort the whole backlog each time). Each batch is one statement (delete … returning, then insert), so a row is in exactly
 * one of the two tables at every moment and a crash loses nothing. Returns how many moved.
 */
export async function archiveEndedSessions(
  payload: Payload,
  { endedBefore, batchSize = 5_000 }: { endedBefore: Date; batchSize?: number },
): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a whole number, 1 or more')
  const db = await drizzleFor(payload)
  let moved = 0
  for (;;) {
    const result = await db.execute(sql`
      with moved as (
        delete from sessions
        where id in (
          select id from sessions
          where status in ('expired', 'terminated') and ended_at < ${endedBefore.toISOString()}::timestamptz
          limit ${batchSize}
          for update skip locked
        )
        returning *
      )
      insert into archived_sessions (${sql.raw(COLUMNS)}, status, terminate_cause, auth_method, control_action, control_outcome)
      select ${sql.raw(SELECT_COLUMNS)} from moved
      returning id`)
    const count = rowsOf(result).length
    moved += count
    if (count < batchSize) break
  }
  if (moved > 0) payload.logger.info({ moved, endedBefore: endedBefore.toISOString() }, 'Archived ended WiFi sessions')
  return moved
}
