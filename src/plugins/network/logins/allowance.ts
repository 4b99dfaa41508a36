import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import type { Plan, Session } from '@/payload-types'

import { AllowanceExhaustedError, type MikrotikReplyAttributes, planReplyAttributes } from '../plans/replyAttributes'
import { type AuthMethod, OPEN_SESSION_STATUSES, type SessionStatus } from '../sessions/fields'

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

const usedBytesOf = (sessions: AllowanceSession[]) => sessions.reduce((total, session) => total + session.usedBytes, 0n)

export type DeviceGrant =
  /** `session`: the device's own open session to continue, or null to open one. */
  | { outcome: 'grant'; attributes: MikrotikReplyAttributes; session: string | null }
  | { outcome: 'exhausted'; reason: 'expired' | 'data-cap' }
  | { outcome: 'full' }

/**
 * What an allowance gives one more device login: the plan's reply attributes with the time and
 * data left, and the device's own open session if it has one; nothing when time or data are
 * used up, or when as many other devices as the plan allows are online.
 */
export function grantDevice(
  plan: Plan,
  { sessions, expiresAt, deviceMac, now }: { sessions: AllowanceSession[]; expiresAt: Date; deviceMac: string; now: Date },
): DeviceGrant {
  let attributes: MikrotikReplyAttributes
  try {
    attributes = planReplyAttributes(plan, { now, expiresAt, usedBytes: usedBytesOf(sessions) })
  } catch (error) {
    if (error instanceof AllowanceExhaustedError) return { outcome: 'exhausted', reason: error.reason }
    throw error
  }
  const open = sessions.filter((session) => OPEN_SESSION_STATUSES.includes(session.status))
  const sameDevice = open.find((session) => session.deviceMac === deviceMac)
  if (sameDevice) return { outcome: 'grant', attributes, session: sameDevice.id }
  if (new Set(open.map((session) => session.deviceMac)).size >= plan.devicesAllowed) return { outcome: 'full' }
  return { outcome: 'grant', attributes, session: null }
}

export type PendingSession = {
  user: string
  organization: string
  location: string
  router: string
  plan: string
  voucher: string | null
  deviceMac: string
  authMethod: AuthMethod
  startedAt: Date
  expiresAt: Date
}

/** A device's accepted login, waiting for the router's Accounting-Start; written in the request's transaction. */
export async function openPendingSession(payload: Payload, req: PayloadRequest, session: PendingSession): Promise<string> {
  const db = await drizzleFor(payload, req)
  const [inserted] = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into sessions (user_id, organization_id, location_id, router_id, plan_id, voucher_id, device_mac, auth_method,
        status, usage_data_m_b, usage_input_octets, usage_output_octets, started_at, expires_at)
      values (${session.user}, ${session.organization}, ${session.location}, ${session.router}, ${session.plan}, ${session.voucher},
        ${session.deviceMac}, ${session.authMethod}, 'pending', 0, 0, 0,
        ${session.startedAt.toISOString()}::timestamptz, ${session.expiresAt.toISOString()}::timestamptz)
      returning id`),
  )
  return inserted.id
}

/** A session as the Local API returns it, read in the request's transaction. */
export const readSession = (payload: Payload, req: PayloadRequest, id: string): Promise<Session> =>
  payload.findByID({ collection: 'sessions', id, depth: 0, overrideAccess: true, req })
