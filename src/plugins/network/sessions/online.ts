import { sql } from '@payloadcms/db-postgres'
import type { Where } from 'payload'

import type { SessionStatus } from './fields'

/**
 * What "online" means wherever Beacon counts or lists devices (the dashboard's overview, live
 * sessions, usage and routers, the portal's devices): the router reported the session started
 * (its Accounting-Start, or any accounting) and has not reported it over. A login Beacon accepted
 * is `pending` until then, and is neither counted nor listed; if no Start comes within
 * START_WAIT_MINUTES the sweep closes it as `Never-Started`.
 */
export const ONLINE_STATUS: SessionStatus = 'active'

/** How long an accepted login waits for its router's Accounting-Start before it is closed. */
export const START_WAIT_MINUTES = 5

/** Sessions online now, for the Local API. */
export const onlineWhere: Where = { status: { equals: ONLINE_STATUS } }

/** The column `name` of `table` (a constant alias in Beacon's own statements, never input). */
const column = (table: string | undefined, name: string) => sql.raw(table ? `${table}.${name}` : name)

/** Sessions online now, in SQL over `sessions` (or its alias `table`). */
export const onlineSql = (table?: string) => sql`${column(table, 'status')} = ${ONLINE_STATUS}`

/**
 * Sessions that were online at some time: the router reported them, so they hold an
 * Acct-Session-Id (an accepted login takes the router's in the write that makes it active).
 * Logins that never started, ended before a Start (a reboot, a force-logout, the wait), are not.
 */
export const wentOnlineSql = (table?: string) => sql`${column(table, 'acct_session_id')} is not null`

/** When a session's time online ends: when it ended, or now while it is online. */
export const onlineUntilSql = (table?: string) => sql`coalesce(${column(table, 'ended_at')}, now())`
