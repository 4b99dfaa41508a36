import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { LOCKED_ORGANIZATION_STATUSES, relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'
import { canonicalMac } from '@/lib/mac'
import type { Plan, Session, Voucher } from '@/payload-types'

import { createSystemCustomer } from '../logins/systemCustomers'
import { AllowanceExhaustedError, type MikrotikReplyAttributes, planReplyAttributes } from '../plans/replyAttributes'
import { OPEN_SESSION_STATUSES } from '../sessions/fields'
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
  | { outcome: 'accept'; session: Session; plan: Plan; voucher: Voucher; attributes: MikrotikReplyAttributes }
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

async function decide(payload: Payload, req: PayloadRequest, input: RedeemVoucherInput, now: Date): Promise<VoucherRedemption> {
  const system = { depth: 0, overrideAccess: true, req } as const
  const router = await payload.findByID({ collection: 'routers', id: input.router, disableErrors: true, ...system })
  if (!router) throw new Error(`No router ${input.router}`)
  const organizationId = relationId(router.organization)!
  const locationId = relationId(router.location)!
  const organization = await payload.findByID({ collection: 'organizations', id: organizationId, ...system })
  if ((LOCKED_ORGANIZATION_STATUSES as readonly string[]).includes(organization.status)) return reject('organization-suspended')

  const db = await drizzleFor(payload, req)
  const [locked] = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from vouchers where organization_id = ${organizationId} and code = ${normalizeVoucherCode(input.code)} for update`),
  )
  if (!locked) return reject('unknown-code')
  const voucher = await payload.findByID({ collection: 'vouchers', id: locked.id, ...system })
  if (voucher.status === 'EXPIRED' || (voucher.validUntil && new Date(voucher.validUntil) <= now)) return reject('voucher-expired')
  const voucherLocation = relationId(voucher.location)
  if (voucherLocation && voucherLocation !== locationId) return reject('wrong-branch')
  const plan = await payload.findByID({ collection: 'plans', id: relationId(voucher.plan)!, ...system })

  const { docs: sessions } = await payload.find({
    collection: 'sessions',
    where: { voucher: { equals: voucher.id } },
    sort: 'startedAt',
    pagination: false,
    ...system,
  })
  const firstUse = voucher.status === 'AVAILABLE' && sessions.length === 0
  if (!firstUse && voucher.usedBy) {
    // Staff can stop a voucher's customer (a guest included) by suspending the account.
    const holder = await payload.findByID({ collection: 'users', id: relationId(voucher.usedBy)!, disableErrors: true, ...system })
    if (holder && holder.status !== 'ACTIVE') return reject('account-suspended')
  }
  const expiresAt = firstUse ? new Date(now.getTime() + plan.validityMinutes * 60_000) : new Date(sessions[0]?.expiresAt ?? 0)
  if (!firstUse && expiresAt <= now) return reject('voucher-used-up')

  const usedBytes = sessions.reduce((total, session) => total + session.usage.inputOctets + session.usage.outputOctets, 0)
  let attributes: MikrotikReplyAttributes
  try {
    attributes = planReplyAttributes(plan, { now, expiresAt, usedBytes })
  } catch (error) {
    if (error instanceof AllowanceExhaustedError) return reject(error.reason === 'data-cap' ? 'data-cap' : 'voucher-used-up')
    throw error
  }

  const open = sessions.filter((session) => OPEN_SESSION_STATUSES.includes(session.status))
  const sameDevice = open.find((session) => session.deviceMac === input.deviceMac)
  if (sameDevice) return { outcome: 'accept', session: sameDevice, plan, voucher, attributes }
  const devicesOnline = new Set(open.map((session) => session.deviceMac)).size
  if (devicesOnline >= plan.devicesAllowed) return reject('too-many-devices')

  const customer = firstUse ? await createGuestCustomer(payload, req, voucher, locationId) : relationId(voucher.usedBy)!
  const session = await payload.create({
    collection: 'sessions',
    data: {
      user: customer,
      organization: organizationId,
      location: locationId,
      router: String(router.id),
      plan: String(plan.id),
      voucher: String(voucher.id),
      deviceMac: input.deviceMac,
      authMethod: 'voucher',
      status: 'pending',
      usage: { dataMB: 0, inputOctets: 0, outputOctets: 0 },
      startedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    },
    ...system,
  })
  const used = firstUse
    ? await payload.update({
        collection: 'vouchers',
        id: voucher.id,
        data: { status: 'USED', usedBy: customer, usedAt: now.toISOString() },
        ...system,
      })
    : voucher
  return { outcome: 'accept', session, plan, voucher: used, attributes }
}

/** A voucher bought over the counter has no account behind it: it gets a guest customer of its own. */
function createGuestCustomer(payload: Payload, req: PayloadRequest, voucher: Voucher, location: string): Promise<string> {
  return createSystemCustomer(payload, req, { name: `Voucher ${voucher.code}`, organization: relationId(voucher.organization)!, location })
}
