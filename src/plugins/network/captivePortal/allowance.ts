import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { BYTES_PER_MB } from '@/lib/units'

import { onlineSql } from '../sessions/online'

/** What a customer's device has left: the portal's status page and the RFC 8908 answer. */
export type DeviceAllowance = {
  session: {
    id: string
    status: 'pending' | 'active' | 'expired' | 'terminated'
    deviceMac: string
    ip: string | null
    startedAt: Date
    expiresAt: Date | null
    endedAt: Date | null
    terminateCause: string | null
    organization: string
    location: string | null
    router: string | null
    user: string | null
    viaVoucher: boolean
  }
  plan: { name: string; dataCapMB: number | null; devicesAllowed: number } | null
  /** Octets the whole allowance (every device on the same voucher or plan period) has used. */
  usedBytes: number
  /** Devices of the allowance online now. */
  devicesOnline: number
  /** Seconds until the allowance ends, 0 once it has; null without an end. */
  secondsLeft: number | null
  /** Octets left of the plan's data cap, 0 once used up; null without a cap. */
  bytesLeft: number | null
  /** Whether the session is open now (pending or active, not past its end). */
  live: boolean
  /**
   * The customer's subscription continues past this allowance (an active plan of this
   * organization, paid beyond its end or without end, on an active account): signing in again at
   * the portal starts the next period. Never for vouchers.
   */
  renewable: boolean
}

type Row = {
  id: string
  status: DeviceAllowance['session']['status']
  device_mac: string
  last_ip: string | null
  started_at: Date | string
  expires_at: Date | string | null
  ended_at: Date | string | null
  terminate_cause: string | null
  organization_id: string
  location_id: string | null
  router_id: string | null
  user_id: string | null
  voucher_id: string | null
  plan_name: string | null
  data_cap_m_b: string | null
  devices_allowed: string | null
  used_bytes: string
  devices_online: string
  renewable: boolean
}

// The sessions of the same allowance as `s`: its voucher's, or its customer's plan period.
const SAME_ALLOWANCE = sql.raw(`(
  (s.voucher_id is not null and a.voucher_id = s.voucher_id)
  or (s.voucher_id is null and a.user_id = s.user_id and a.plan_id = s.plan_id and a.voucher_id is null and a.expires_at = s.expires_at))`)

function toAllowance(row: Row, now: Date): DeviceAllowance {
  const expiresAt = row.expires_at ? new Date(row.expires_at) : null
  const capMB = row.data_cap_m_b === null ? null : Number(row.data_cap_m_b)
  const usedBytes = Number(row.used_bytes)
  const open = row.status === 'pending' || row.status === 'active'
  return {
    session: {
      id: row.id,
      status: row.status,
      deviceMac: row.device_mac,
      ip: row.last_ip,
      startedAt: new Date(row.started_at),
      expiresAt,
      endedAt: row.ended_at ? new Date(row.ended_at) : null,
      terminateCause: row.terminate_cause,
      organization: row.organization_id,
      location: row.location_id,
      router: row.router_id,
      user: row.user_id,
      viaVoucher: Boolean(row.voucher_id),
    },
    plan: row.plan_name === null ? null : { name: row.plan_name, dataCapMB: capMB, devicesAllowed: Number(row.devices_allowed ?? 1) },
    usedBytes,
    devicesOnline: Number(row.devices_online),
    secondsLeft: expiresAt ? Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)) : null,
    bytesLeft: capMB === null ? null : Math.max(0, capMB * BYTES_PER_MB - usedBytes),
    live: open && (!expiresAt || expiresAt > now),
    renewable: row.renewable,
  }
}

async function allowanceWhere(payload: Payload, where: ReturnType<typeof sql>, now: Date): Promise<DeviceAllowance | null> {
  const db = await drizzleFor(payload)
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      select s.id, s.status, s.device_mac, s.usage_last_ip as last_ip, s.started_at, s.expires_at, s.ended_at, s.terminate_cause,
        s.organization_id, s.location_id, s.router_id, s.user_id, s.voucher_id,
        p.name as plan_name, p.data_cap_m_b, p.devices_allowed,
        (select coalesce(sum(a.usage_input_octets + a.usage_output_octets), 0)::text from sessions a where ${SAME_ALLOWANCE}) as used_bytes,
        (select count(*)::text from sessions a where ${SAME_ALLOWANCE} and ${onlineSql('a')}) as devices_online,
        (s.voucher_id is null and u.status = 'ACTIVE' and cp.id is not null
          and (u.customer_plan_expires_at is null or u.customer_plan_expires_at > s.expires_at)) as renewable
      from sessions s
      left join plans p on p.id = s.plan_id
      left join users u on u.id = s.user_id
      left join plans cp on cp.id = u.customer_plan_id and cp.organization_id = s.organization_id and cp.active
      where ${where}
      order by s.started_at desc
      limit 1`),
  )
  return row ? toAllowance(row, now) : null
}

/**
 * A customer's latest allowance in the organization (of any device, signed in from any browser),
 * for their status page when this browser holds no device of theirs.
 */
export const allowanceOfCustomer = (payload: Payload, { user, organization, now = new Date() }: { user: string; organization: string; now?: Date }) =>
  allowanceWhere(payload, sql`s.user_id = ${user} and s.organization_id = ${organization} and s.plan_id is not null`, now)

/** The allowance of one WiFi session of the organization (the one the portal's device cookie names). */
export const allowanceOfSession = (
  payload: Payload,
  { session, organization, now = new Date() }: { session: string; organization: string; now?: Date },
) => allowanceWhere(payload, sql`s.id = ${session} and s.organization_id = ${organization}`, now)

/**
 * The open session of the device with this address at this router (RFC 8908: the API finds the
 * asking device by its address), the newest if the router reused the address.
 */
export const allowanceAtRouter = (payload: Payload, { router, ip, now = new Date() }: { router: string; ip: string; now?: Date }) =>
  allowanceWhere(payload, sql`s.router_id = ${router} and s.usage_last_ip = ${ip} and s.status in ('pending', 'active')`, now)
