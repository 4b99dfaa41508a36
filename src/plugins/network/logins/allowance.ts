import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

import { OPEN_SESSION_STATUSES, type SessionStatus } from '../sessions/fields'

/**
 * An allowance is what one purchase buys: a plan's time (until `expiresAt`), data cap and number
 * of devices at once, shared by every device session that joins it. A voucher's sessions share
 * the voucher; a customer's plan sessions share customer, plan and `expiresAt`, which every
 * joining session copies from the first.
 */
export type AllowanceKey = { voucher: string } | { user: string; plan: string; expiresAt: Date }

export type AllowanceSession = {
  id: string
  deviceMac: string
  status: SessionStatus
  plan: string
  voucher: string | null
  expiresAt: Date
  usedBytes: bigint
}

type Row = {
  id: string
  device_mac: string
  status: SessionStatus
  plan_id: string
  voucher_id: string | null
  expires_at: Date | string
  used_bytes: string
}

const fromRow = (row: Row): AllowanceSession => ({
  id: row.id,
  deviceMac: row.device_mac,
  status: row.status,
  plan: row.plan_id,
  voucher: row.voucher_id,
  expiresAt: new Date(row.expires_at),
  // numeric columns arrive as strings; whole octet counts fit a bigint exactly.
  usedBytes: BigInt(row.used_bytes.split('.')[0]),
})

const COLUMNS = sql.raw(
  `id, device_mac, status, plan_id, voucher_id, expires_at, (usage_input_octets + usage_output_octets)::text as used_bytes`,
)

export function allowanceKeyOf(session: { voucher: string | null; user: string; plan: string; expiresAt: Date }): AllowanceKey {
  return session.voucher ? { voucher: session.voucher } : { user: session.user, plan: session.plan, expiresAt: session.expiresAt }
}

/** Every session (open or ended) of one allowance, in the request's transaction. */
export async function allowanceSessions(payload: Payload, req: PayloadRequest, key: AllowanceKey): Promise<AllowanceSession[]> {
  const db = await drizzleFor(payload, req)
  const where =
    'voucher' in key
      ? sql`voucher_id = ${key.voucher}`
      : sql`user_id = ${key.user} and plan_id = ${key.plan} and voucher_id is null and expires_at = ${key.expiresAt.toISOString()}::timestamptz`
  return rowsOf<Row>(await db.execute(sql`select ${COLUMNS} from sessions where ${where} order by started_at`)).map(fromRow)
}

/**
 * The customer's running allowance in an organization, if any: the one of their sessions (with a
 * plan) that lasts longest, whichever way it began.
 */
export async function liveAllowanceOf(
  payload: Payload,
  req: PayloadRequest,
  { user, organization, now }: { user: string; organization: string; now: Date },
): Promise<AllowanceKey | null> {
  const db = await drizzleFor(payload, req)
  const [latest] = rowsOf<Row>(
    await db.execute(sql`
      select ${COLUMNS} from sessions
      where user_id = ${user} and organization_id = ${organization} and plan_id is not null
        and expires_at > ${now.toISOString()}::timestamptz
      order by expires_at desc limit 1`),
  ).map(fromRow)
  if (!latest) return null
  return allowanceKeyOf({ ...latest, user })
}

export const usedBytesOf = (sessions: AllowanceSession[]) => sessions.reduce((total, session) => total + session.usedBytes, 0n)

export const openSessionsOf = (sessions: AllowanceSession[]) => sessions.filter((session) => OPEN_SESSION_STATUSES.includes(session.status))
