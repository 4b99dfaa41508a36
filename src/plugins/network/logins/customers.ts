import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { LOCKED_ORGANIZATION_STATUSES, relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'
import { canonicalMac } from '@/lib/mac'
import type { Plan, Session } from '@/payload-types'

import { AllowanceExhaustedError, type MikrotikReplyAttributes, planReplyAttributes } from '../plans/replyAttributes'
import type { AuthMethod } from '../sessions/fields'
import {
  type AllowanceKey,
  type AllowanceSession,
  allowanceSessions,
  liveAllowanceOf,
  openSessionsOf,
  usedBytesOf,
} from './allowance'
import { type Rejected, rejectLogin } from './rejections'

export type LoginDecision = { outcome: 'accept'; session: Session; plan: Plan; attributes: MikrotikReplyAttributes } | Rejected

export type AuthorizeCustomerInput = {
  /** The router the Access-Request came from. */
  router: string
  customer: string
  /** Calling-Station-Id, any common form. */
  deviceMac: string
  method: Extract<AuthMethod, 'account' | 'mac'>
  now?: Date
}

/**
 * A signed-in customer's device gets online: it joins the customer's running allowance (a
 * voucher they redeemed, or their plan's current period) within its devices at once and data cap,
 * or, with none running, starts a new period of their subscription plan (until it is paid, at
 * most the plan's validity). The customer's row is locked for the decision, so two of their
 * devices racing cannot both take the last place.
 */
export async function authorizeCustomer(payload: Payload, input: AuthorizeCustomerInput): Promise<LoginDecision> {
  const now = input.now ?? new Date()
  const deviceMac = canonicalMac(input.deviceMac)
  if (!deviceMac) throw new RangeError(`Not a MAC address: ${JSON.stringify(input.deviceMac)}`)
  return inSystemTransaction(payload, async (req) => {
    const system = { depth: 0, overrideAccess: true, req } as const
    const router = await payload.findByID({ collection: 'routers', id: input.router, disableErrors: true, ...system })
    if (!router) throw new Error(`No router ${input.router}`)
    const organizationId = relationId(router.organization)!
    const organization = await payload.findByID({ collection: 'organizations', id: organizationId, ...system })
    if ((LOCKED_ORGANIZATION_STATUSES as readonly string[]).includes(organization.status)) return rejectLogin('organization-suspended')

    const db = await drizzleFor(payload, req)
    await db.execute(sql`select id from users where id = ${input.customer} for update`)
    const customer = await payload.findByID({ collection: 'users', id: input.customer, disableErrors: true, ...system })
    const isCustomerHere = customer?.memberships?.some(
      (row) => row.role === 'customer' && relationId(row.organization) === organizationId,
    )
    if (!customer || !isCustomerHere) return rejectLogin(input.method === 'mac' ? 'unknown-device' : 'wrong-credentials')
    if (customer.status !== 'ACTIVE') return rejectLogin('account-suspended')

    const live = await liveAllowanceOf(payload, req, { user: String(customer.id), organization: organizationId, now })
    let key: AllowanceKey
    let plan: Plan
    let expiresAt: Date
    let sessions: AllowanceSession[] = []
    if (live) {
      key = live
      if ('voucher' in key) {
        // A voucher's allowance keeps the voucher's own rules, whoever's device joins it.
        const voucher = await payload.findByID({ collection: 'vouchers', id: key.voucher, ...system })
        if (voucher.status === 'EXPIRED') return rejectLogin('voucher-expired')
        const branch = relationId(voucher.location)
        if (branch && branch !== relationId(router.location)) return rejectLogin('wrong-branch')
      }
      sessions = await allowanceSessions(payload, req, key)
      plan = await payload.findByID({ collection: 'plans', id: sessions[0].plan, ...system })
      expiresAt = sessions[0].expiresAt
    } else {
      const subscribed = relationId(customer.customer?.plan)
      const paidUntil = customer.customer?.planExpiresAt ? new Date(customer.customer.planExpiresAt) : null
      if (!subscribed || (paidUntil && paidUntil <= now)) return rejectLogin('no-plan')
      plan = await payload.findByID({ collection: 'plans', id: subscribed, ...system })
      if (plan.active === false || relationId(plan.organization) !== organizationId) return rejectLogin('no-plan')
      const periodEnd = new Date(now.getTime() + plan.validityMinutes * 60_000)
      expiresAt = paidUntil && paidUntil < periodEnd ? paidUntil : periodEnd
      key = { user: String(customer.id), plan: String(plan.id), expiresAt }
    }

    let attributes: MikrotikReplyAttributes
    try {
      attributes = planReplyAttributes(plan, { now, expiresAt, usedBytes: usedBytesOf(sessions) })
    } catch (error) {
      if (error instanceof AllowanceExhaustedError) return rejectLogin(error.reason === 'data-cap' ? 'data-cap' : 'no-plan')
      throw error
    }

    const open = openSessionsOf(sessions)
    const sameDevice = open.find((session) => session.deviceMac === deviceMac)
    if (sameDevice) {
      const session = await payload.findByID({ collection: 'sessions', id: sameDevice.id, ...system })
      return { outcome: 'accept', session, plan, attributes }
    }
    if (new Set(open.map((session) => session.deviceMac)).size >= plan.devicesAllowed) return rejectLogin('too-many-devices')

    const session = await payload.create({
      collection: 'sessions',
      data: {
        user: String(customer.id),
        organization: organizationId,
        location: relationId(router.location)!,
        router: String(router.id),
        plan: String(plan.id),
        voucher: 'voucher' in key ? key.voucher : null,
        deviceMac,
        authMethod: input.method,
        status: 'pending',
        usage: { dataMB: 0, inputOctets: 0, outputOctets: 0 },
        startedAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      },
      ...system,
    })
    return { outcome: 'accept', session, plan, attributes }
  })
}

/**
 * The customer of the router's organization who registered this MAC address, if exactly one did
 * (a MAC two customers registered identifies neither). Inside a transaction, pass its `req`.
 */
export async function findCustomerByMac(
  payload: Payload,
  { organization, mac }: { organization: string; mac: string },
  req?: PayloadRequest,
): Promise<string | null> {
  const canonical = canonicalMac(mac)
  if (!canonical) return null
  const db = await drizzleFor(payload, req)
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select distinct u.id from users_customer_mac_addresses a
      join users u on u.id = a._parent_id
      join users_memberships m on m._parent_id = u.id and m.organization_id = ${organization} and m.role = 'customer'
      where a.mac = ${canonical}
      limit 2`),
  )
  return rows.length === 1 ? rows[0].id : null
}

