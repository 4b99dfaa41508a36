import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'
import { canonicalMac } from '@/lib/mac'
import type { Plan, Session, Voucher } from '@/payload-types'

import { allowanceSessions, grantDevice, openPendingSession, readSession } from '../logins/allowance'
import { createSystemCustomer } from '../logins/systemCustomers'
import type { MikrotikReplyAttributes } from '../plans/replyAttributes'
import { routerPlace } from '../routers/place'
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

export type RedeemVoucherInput = {
  /** The router the Access-Request came from. */
  router: string
  /** What the customer typed: any case, spaces and dashes allowed. */
  code: string
  /** The device's MAC (Calling-Station-Id) in any common form. */
  deviceMac: string
  now?: Date
}

const reject = (reason: VoucherRejection): VoucherRedemption => ({ outcome: 'reject', reason, message: VOUCHER_REJECTION_MESSAGES[reason] })

/**
 * A device logs in with a voucher. The first use marks the voucher USED, gives it a guest
 * customer and starts a pending session that lasts the plan's validity; later logins (another
 * device, or the same one again) join that allowance until it expires, within the plan's devices
 * at once and data cap. The voucher's row is locked for the whole decision, so two devices racing
 * with one code cannot both take its last place.
 */
export async function redeemVoucher(payload: Payload, input: RedeemVoucherInput): Promise<VoucherRedemption> {
  const now = input.now ?? new Date()
  const deviceMac = canonicalMac(input.deviceMac)
  if (!deviceMac) throw new RangeError(`Not a MAC address: ${JSON.stringify(input.deviceMac)}`)
  return inSystemTransaction(payload, (req) => decide(payload, req, { ...input, deviceMac }, now))
}

type LockedVoucher = {
  id: string
  code: string
  status: Voucher['status']
  valid_until: Date | string | null
  location_id: string | null
  plan_id: string
  used_by_id: string | null
  used_at: Date | string | null
}

/**
 * The decision in plain SQL but for the plan (its reply attributes) and the session it returns:
 * this runs on every voucher login, and each Local API call costs more CPU than the query it makes.
 */
async function decide(payload: Payload, req: PayloadRequest, input: RedeemVoucherInput, now: Date): Promise<VoucherRedemption> {
  const system = { depth: 0, overrideAccess: true, req } as const
  const db = await drizzleFor(payload, req)
  const router = await routerPlace(payload, req, input.router)
  const { organization: organizationId, location: locationId } = router
  if (router.organizationLocked) return reject('organization-suspended')

  const [voucher] = rowsOf<LockedVoucher>(
    await db.execute(sql`
      select id, code, status, valid_until, location_id, plan_id, used_by_id, used_at from vouchers
      where organization_id = ${organizationId} and code = ${normalizeVoucherCode(input.code)} for update`),
  )
  if (!voucher) return reject('unknown-code')
  if (voucher.status === 'EXPIRED' || (voucher.valid_until && new Date(voucher.valid_until) <= now)) return reject('voucher-expired')
  if (voucher.location_id && voucher.location_id !== locationId) return reject('wrong-branch')

  const sessions = await allowanceSessions(payload, req, { voucher: voucher.id })
  const firstUse = voucher.status === 'AVAILABLE' && sessions.length === 0
  if (!firstUse && voucher.used_by_id) {
    // Staff can stop a voucher's customer (a guest included) by suspending the account.
    const [holder] = rowsOf<{ status: string }>(await db.execute(sql`select status from users where id = ${voucher.used_by_id}`))
    if (holder && holder.status !== 'ACTIVE') return reject('account-suspended')
  }
  const plan = await payload.findByID({ collection: 'plans', id: voucher.plan_id, ...system })
  const expiresAt = firstUse ? new Date(now.getTime() + plan.validityMinutes * 60_000) : (sessions[0]?.expiresAt ?? new Date(0))
  if (!firstUse && expiresAt <= now) return reject('voucher-used-up')

  const grant = grantDevice(plan, { sessions, expiresAt, deviceMac: input.deviceMac, now })
  if (grant.outcome === 'full') return reject('too-many-devices')
  if (grant.outcome === 'exhausted') return reject(grant.reason === 'data-cap' ? 'data-cap' : 'voucher-used-up')

  const summary = (usedBy: string | null, usedAt: string | null) => ({ id: voucher.id, code: voucher.code, status: 'USED' as const, usedBy, usedAt })
  const previousUse = () => summary(voucher.used_by_id, voucher.used_at ? new Date(voucher.used_at).toISOString() : null)
  if (grant.session) {
    return { outcome: 'accept', session: await readSession(payload, req, grant.session), plan, voucher: previousUse(), attributes: grant.attributes }
  }

  const customer = firstUse ? await createGuestCustomer(payload, req, voucher.code, organizationId, locationId) : voucher.used_by_id!
  const id = await openPendingSession(payload, req, {
    user: customer,
    organization: organizationId,
    location: locationId,
    router: router.id,
    plan: String(plan.id),
    voucher: voucher.id,
    deviceMac: input.deviceMac,
    authMethod: 'voucher',
    startedAt: now,
    expiresAt,
  })
  if (firstUse) {
    await db.execute(sql`
      update vouchers set status = 'USED', used_by_id = ${customer}, used_at = ${now.toISOString()}::timestamptz, updated_at = now()
      where id = ${voucher.id}`)
  }
  return {
    outcome: 'accept',
    session: await readSession(payload, req, id),
    plan,
    voucher: firstUse ? summary(customer, now.toISOString()) : previousUse(),
    attributes: grant.attributes,
  }
}

/** A voucher bought over the counter has no account behind it: it gets a guest customer of its own. */
function createGuestCustomer(payload: Payload, req: PayloadRequest, code: string, organization: string, location: string): Promise<string> {
  return createSystemCustomer(payload, req, { name: `Voucher ${code}`, organization, location })
}
