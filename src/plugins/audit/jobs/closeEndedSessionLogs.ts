import { sql } from '@payloadcms/db-postgres'
import type { Payload, TaskConfig } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

export const CLOSE_ENDED_SESSION_LOGS_TASK = 'close-ended-session-logs'

/**
 * Closes the logs of login sessions that ended without a logout: the session lapsed (expired),
 * or it left the user's sessions some other way before lapsing, such as a password change,
 * which ends every other session (revoked). A lapsed session is closed at the time it lapsed.
 */
export async function closeEndedSessionLogs(payload: Payload, now = new Date()): Promise<number> {
  const db = await drizzleFor(payload)
  const at = now.toISOString()
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      update session_logs as log
         set logout_at = case when log.expires_at <= ${at}::timestamptz then log.expires_at else ${at}::timestamptz end,
             end_reason = case when log.expires_at <= ${at}::timestamptz
                               or exists (select 1 from users_sessions s where s.id = log.session_id and s.expires_at <= ${at}::timestamptz)
                               then 'expired' else 'revoked' end::enum_session_logs_end_reason,
             updated_at = ${at}::timestamptz
       where log.outcome = 'success' and log.logout_at is null and log.session_id is not null
         and not exists (
           select 1 from users_sessions s
            where s.id = log.session_id and s._parent_id = log.user_id and s.expires_at > ${at}::timestamptz)
      returning log.id`),
  )
  return rows.length
}

/** Every 10 minutes, in the web app: no session log stays open after its session ended. */
export const closeEndedSessionLogsTask: TaskConfig<{ input: object; output: { closed: number } }> = {
  slug: CLOSE_ENDED_SESSION_LOGS_TASK,
  label: 'Close the logs of ended login sessions',
  schedule: [{ cron: '0 */10 * * * *', queue: 'maintenance' }],
  retries: 2,
  handler: async ({ req }) => ({ output: { closed: await closeEndedSessionLogs(req.payload) } }),
}
