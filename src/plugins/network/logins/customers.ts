import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'
import { canonicalMac } from '@/lib/mac'
import { isReservedEmail } from '@/lib/reservedEmails'
import type { Plan, Session } from '@/payload-types'

import type { MikrotikReplyAttributes } from '../plans/replyAttributes'
import { routerPlace } from '../routers/place'
import type { AuthMethod } from '../sessions/fields'
import {
  type AllowanceKey,
  type AllowanceSession,
  allowanceSessions,
  grantDevice,
  liveAllowanceOf,
  openPendingSession,
  readSession,
} from './allowance'
import { type Rejected, rejectLogin, rejectTooManyDevices } from './rejections'

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
    const router = await routerPlace(payload, req, input.router)
    const organizationId = router.organization
    if (router.organizationLocked) return rejectLogin('organization-suspended')

    const db = await drizzleFor(payload, req)
    await db.execute(sql`select id from users where id = ${input.customer} for update`)
    const customer = await payload.findByID({ collection: 'users', id: input.customer, disableErrors: true, ...system })
    const isCustomerHere = customer?.memberships?.some(
      (row) => row.role === 'customer' && relationId(row.organization) === organizationId,
    )
    // Beacon's own accounts (Voucher guests, Unregistered devices) own many people's sessions:
    // a device registered on one, or a password given to it, must not join their allowances.
    if (!customer || !isCustomerHere || isReservedEmail(customer.email)) {
      return rejectLogin(input.method === 'mac' ? 'unknown-device' : 'wrong-credentials')
    }
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
        if (branch && branch !== router.location) return rejectLogin('wrong-branch')
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

    const grant = grantDevice(plan, { sessions, expiresAt, deviceMac, now })
    // Whoever's allowance it is (a voucher the customer redeemed too), they signed in with their account.
    if (grant.outcome === 'full') return rejectTooManyDevices('account', plan.devicesAllowed)
    if (grant.outcome === 'exhausted') return rejectLogin(grant.reason === 'data-cap' ? 'data-cap' : 'no-plan')
    const id =
      grant.session ??
      (await openPendingSession(payload, req, {
        user: String(customer.id),
        organization: organizationId,
        location: router.location,
        router: router.id,
        plan: String(plan.id),
        voucher: 'voucher' in key ? key.voucher : null,
        deviceMac,
        authMethod: input.method,
        startedAt: now,
        expiresAt,
      }))
    return { outcome: 'accept', session: await readSession(payload, req, id), plan, attributes: grant.attributes }
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

