import type { Payload } from 'payload'

import { LOCKED_ORGANIZATION_STATUSES } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { inKeyOrder, runStatement, type Statement, toSql } from '@/db/statements'
import { inSystemTransaction } from '@/db/transaction'
import { canonicalMac } from '@/lib/mac'
import { BYTES_PER_MB } from '@/lib/units'
import type { Plan, Session } from '@/payload-types'

import { type MikrotikReplyAttributes, type PlanLimits, planReplyAttributes } from '../plans/replyAttributes'
import { normalizeVoucherCode } from './codes'

export type VoucherRejection =
  | 'unknown-code'
  | 'voucher-expired'
  | 'voucher-used-up'
  | 'data-cap'
  | 'too-many-devices'
  | 'wrong-branch'
  | 'organization-suspended'
  | 'account-suspended'

/** What the customer reads on the login page (Reply-Message): why, never which part was wrong. */
export const VOUCHER_REJECTION_MESSAGES: Record<VoucherRejection, string> = {
  'unknown-code': 'This voucher code is not valid.',
  'voucher-expired': 'This voucher has expired.',
  'voucher-used-up': 'This voucher has been used up.',
  'data-cap': 'The data allowance of this voucher has been used up.',
  'too-many-devices': 'This voucher is already in use on as many devices as its plan allows.',
  'wrong-branch': 'This voucher is not valid at this location.',
  'organization-suspended': 'This WiFi service is suspended. Please contact the provider.',
  'account-suspended': 'This account is suspended. Please contact the provider.',
}

export type VoucherRedemption =
  | {
      outcome: 'accept'
      session: Session
      plan: Plan
      /** The voucher as this login left it. */
      voucher: { id: string; code: string; status: 'USED'; usedBy: string | null; usedAt: string | null }
      attributes: MikrotikReplyAttributes
    }
  | { outcome: 'reject'; reason: VoucherRejection; message: string }

/** What the RADIUS service needs of a voucher login for its Access-Accept: the session and the reply. */
export type VoucherLogin =
  | { outcome: 'accept'; session: { id: string }; attributes: MikrotikReplyAttributes }
  | { outcome: 'reject'; reason: VoucherRejection; message: string }

export type RedeemVoucherInput = {
  /** The router the Access-Request came from. */
  router: string
  /** What the customer typed: any case, spaces and dashes allowed. */
  code: string
  /** The device's MAC (Calling-Station-Id) in any common form. */
  deviceMac: string
  now?: Date
}

const reject = (reason: VoucherRejection) => ({ outcome: 'reject' as const, reason, message: VOUCHER_REJECTION_MESSAGES[reason] })

type Row = {
  /** Which of the statement's logins (1-based) the row answers. */
  ord: string
  outcome: 'accept' | VoucherRejection
  session_id: string | null
  // Dates arrive as Date from the pool, as strings through Payload's Drizzle.
  expires_at: Date | string | null
  used_bytes: string | null
  voucher_id: string | null
  voucher_code: string | null
  used_by: string | null
  used_at: Date | string | null
  plan_id: string | null
  download_mbps: string | null
  upload_mbps: string | null
  burst_download_mbps: string | null
  burst_upload_mbps: string | null
  burst_threshold_download_mbps: string | null
  burst_threshold_upload_mbps: string | null
  burst_time_seconds: string | null
  data_cap_m_b: string | null
}

/** A login with the clock it is decided by. */
export type VoucherLoginInput = RedeemVoucherInput & { now: Date }

/**
 * Voucher logins decided in one statement, in order (`beacon_voucher_login`, in the migrations,
 * once per login): a device logs in with a voucher. The first use marks the voucher USED by the
 * organization's Voucher guests account and starts a pending session that lasts the plan's
 * validity; later logins (another device, or the same one again) join that allowance until it
 * expires, within the plan's devices at once and data cap. The voucher's row is locked for the
 * whole decision, so two devices racing with one code cannot both take its last place.
 */
export function voucherLoginStatement(logins: VoucherLoginInput[]): Statement {
  const deviceMacs = logins.map((login) => {
    const deviceMac = canonicalMac(login.deviceMac)
    if (!deviceMac) throw new RangeError(`Not a MAC address: ${JSON.stringify(login.deviceMac)}`)
    return deviceMac
  })
  return {
    name: 'beacon_voucher_logins',
    text: `select i.ord, l.* from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) with ordinality as i(router, code, mac, at, ord)
      cross join lateral beacon_voucher_login(i.router, i.code, i.mac, i.at, $5, $6) as l`,
    values: [
      logins.map((login) => login.router),
      logins.map((login) => normalizeVoucherCode(login.code)),
      deviceMacs,
      logins.map((login) => login.now.toISOString()),
      LOCKED_ORGANIZATION_STATUSES,
      BYTES_PER_MB,
    ],
  }
}

const number = (value: string | null) => (value === null ? null : Number(value))

/**
 * The logins the statement's rows describe, in the order given, with the reply attributes for
 * what is left of each allowance. A login whose attributes cannot be made (a plan the database
 * holds with impossible values) is an Error of its own, the others still answered.
 */
export function voucherLoginsOf(rows: Row[], logins: VoucherLoginInput[]): (VoucherLogin | Error)[] {
  const byOrder = new Map(rows.map((row) => [Number(row.ord), row]))
  return logins.map((login, index) => {
    const row = byOrder.get(index + 1)
    if (!row) return new Error(`beacon_voucher_login returned no row for login ${index + 1}`)
    if (row.outcome !== 'accept') return reject(row.outcome)
    const plan: PlanLimits = {
      downloadMbps: Number(row.download_mbps),
      uploadMbps: Number(row.upload_mbps),
      burst: {
        downloadMbps: number(row.burst_download_mbps),
        uploadMbps: number(row.burst_upload_mbps),
        thresholdDownloadMbps: number(row.burst_threshold_download_mbps),
        thresholdUploadMbps: number(row.burst_threshold_upload_mbps),
        timeSeconds: number(row.burst_time_seconds),
      },
      dataCapMB: number(row.data_cap_m_b),
    }
    // numeric arrives as a string; whole octet counts fit a bigint exactly.
    const usedBytes = BigInt((row.used_bytes ?? '0').split('.')[0])
    try {
      const attributes = planReplyAttributes(plan, { now: login.now, expiresAt: new Date(row.expires_at!), usedBytes })
      return { outcome: 'accept' as const, session: { id: row.session_id! }, attributes }
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  })
}

/**
 * Voucher logins in one statement committed on its own, for the RADIUS service's Access-Requests
 * (several at once when it batches them), each answered or an Error of its own.
 */
export async function voucherLogins(payload: Payload, logins: VoucherLoginInput[]): Promise<(VoucherLogin | Error)[]> {
  // Vouchers locked in one order (by code) by every statement, so two rarely wait for each other;
  // when they do, PostgreSQL's deadlock detection fails one, and the caller runs its logins alone.
  return inKeyOrder(
    logins,
    (login) => `${normalizeVoucherCode(login.code)} ${login.router}`,
    async (sorted) => voucherLoginsOf(await runStatement<Row>(payload, voucherLoginStatement(sorted)), sorted),
  )
}

/** A voucher login with the session, plan and voucher it leaves, for the portal and staff tools. */
export async function redeemVoucher(payload: Payload, input: RedeemVoucherInput): Promise<VoucherRedemption> {
  const login = { ...input, now: input.now ?? new Date() }
  return inSystemTransaction(payload, async (req) => {
    const rows = rowsOf<Row>(await (await drizzleFor(payload, req)).execute(toSql(voucherLoginStatement([login]))))
    const [decided] = voucherLoginsOf(rows, [login])
    // Thrown inside the transaction, so nothing of this login is written.
    if (decided instanceof Error) throw decided
    if (decided.outcome === 'reject') return decided
    const [row] = rows
    const system = { depth: 0, overrideAccess: true, req } as const
    return {
      ...decided,
      session: await payload.findByID({ collection: 'sessions', id: decided.session.id, ...system }),
      plan: await payload.findByID({ collection: 'plans', id: row.plan_id!, ...system }),
      voucher: {
        id: row.voucher_id!,
        code: row.voucher_code!,
        status: 'USED',
        usedBy: row.used_by,
        usedAt: row.used_at ? new Date(row.used_at).toISOString() : null,
      },
    }
  })
}
