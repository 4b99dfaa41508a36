/**
 * A login whose router never sent its Accounting-Start costs its customer nothing: once the sweep
 * closes it (Never-Started), a voucher none of whose sessions started is AVAILABLE again and its
 * next login gets the plan's full time, a device that joined and went online keeps its period, and
 * a subscriber's next login starts a period of its own.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import type { RouterControl } from '@/plugins/network'
import { authorizeCustomer } from '@/plugins/network/logins/customers'
import { START_WAIT_MINUTES } from '@/plugins/network/sessions/online'
import { sweepSessions } from '@/plugins/network/sessions/sweep'
import { redeemVoucher } from '@/plugins/network/vouchers/redeemVoucher'

import { createOrganizationWithAdmin, unique } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

const MINUTE = 60_000
const control = { interimIntervalSeconds: 300, disconnect: async () => ({ outcome: 'skipped' }) } as unknown as RouterControl

let place: { organization: string; location: string; router: string; plan: string }

beforeAll(async () => {
  const payload = await testPayload()
  const organization = (await createOrganizationWithAdmin('unstarted')).id
  const location = String((await payload.create({ collection: 'locations', data: { organization, name: unique('Dock'), timeZone: 'UTC' } })).id)
  const router = String(
    (
      await payload.create({
        collection: 'routers',
        data: { organization, location, name: unique('dock'), ipAddress: `10.68.${Math.floor(Math.random() * 250)}.1`, secret: 's', status: 'ONLINE' } as never,
      })
    ).id,
  )
  const plan = String(
    (
      await payload.create({
        collection: 'plans',
        data: { organization, name: unique('Hour'), uploadMbps: 5, downloadMbps: 10, validityMinutes: 60, devicesAllowed: 2, price: 1 } as never,
      })
    ).id,
  )
  place = { organization, location, router, plan }
})

async function newVoucher(): Promise<{ id: string; code: string }> {
  const payload = await testPayload()
  const voucher = await payload.create({
    collection: 'vouchers',
    data: { organization: place.organization, location: place.location, plan: place.plan, status: 'AVAILABLE' } as never,
  })
  return { id: String(voucher.id), code: voucher.code }
}

async function voucherLogin(code: string, deviceMac: string, now: Date) {
  const result = await redeemVoucher(await testPayload(), { router: place.router, code, deviceMac, now })
  if (result.outcome !== 'accept') throw new Error(`rejected: ${result.message}`)
  return result
}

/** The router's sweep, `minutes` after `from`. */
const sweepAt = async (from: Date, minutes: number) =>
  sweepSessions(await testPayload(), { now: new Date(from.getTime() + minutes * MINUTE), control, router: place.router })

const after = (from: Date, minutes: number) => new Date(from.getTime() + minutes * MINUTE)

describe('a login its router never started', () => {
  it('gives its voucher back: the next login is the first, with the full hour', async () => {
    const payload = await testPayload()
    const voucher = await newVoucher()
    const tried = new Date(Date.now() - 30 * MINUTE)
    const first = await voucherLogin(voucher.code, '02:43:00:00:00:01', tried)
    expect(first.voucher).toMatchObject({ status: 'USED', usedAt: tried.toISOString() })

    expect(await sweepAt(tried, START_WAIT_MINUTES + 1)).toMatchObject({ neverStarted: 1 })
    const closed = await payload.findByID({ collection: 'sessions', id: first.session.id, depth: 0 })
    expect(closed).toMatchObject({ status: 'terminated', terminateCause: 'Never-Started', endedAt: tried.toISOString(), expiresAt: tried.toISOString() })
    expect(await payload.findByID({ collection: 'vouchers', id: voucher.id, depth: 0 })).toMatchObject({ status: 'AVAILABLE', usedAt: null, usedBy: null })

    const later = after(tried, START_WAIT_MINUTES + 2)
    const second = await voucherLogin(voucher.code, '02:43:00:00:00:02', later)
    expect(new Date(second.session.expiresAt).getTime()).toBe(later.getTime() + 60 * MINUTE)
    expect(second.attributes['Session-Timeout']).toBe(60 * 60)
    expect(second.voucher).toMatchObject({ status: 'USED', usedAt: later.toISOString() })
  })

  it('keeps a voucher whose other device went online, and its period', async () => {
    const payload = await testPayload()
    const voucher = await newVoucher()
    const tried = new Date(Date.now() - 30 * MINUTE)
    const unstarted = await voucherLogin(voucher.code, '02:43:00:00:01:01', tried)
    const joined = await voucherLogin(voucher.code, '02:43:00:00:01:02', after(tried, 1))
    // The second device's router reported it started.
    await payload.update({
      collection: 'sessions',
      id: joined.session.id,
      data: { status: 'active', acctSessionId: unique('acct'), lastAccountingAt: after(tried, 2).toISOString() } as never,
    })

    expect(await sweepAt(tried, START_WAIT_MINUTES + 1)).toMatchObject({ neverStarted: 1 })
    expect(await payload.findByID({ collection: 'sessions', id: unstarted.session.id, depth: 0 })).toMatchObject({ terminateCause: 'Never-Started' })
    expect(await payload.findByID({ collection: 'vouchers', id: voucher.id, depth: 0 })).toMatchObject({ status: 'USED', usedAt: tried.toISOString() })

    // The first device again: it joins the period the voucher is in, not one of its own.
    const again = await voucherLogin(voucher.code, '02:43:00:00:01:01', after(tried, START_WAIT_MINUTES + 3))
    expect(again.session.id).not.toBe(unstarted.session.id)
    expect(new Date(again.session.expiresAt).getTime()).toBe(tried.getTime() + 60 * MINUTE)
  })

  it("gives a subscriber's next login a period of its own", async () => {
    const payload = await testPayload()
    const customer = await payload.create({
      collection: 'users',
      data: {
        email: `${unique('sub')}@example.test`,
        password: 'a-long-password-1',
        name: 'Subscriber',
        status: 'ACTIVE',
        memberships: [{ organization: place.organization, role: 'customer' }],
        customer: { plan: place.plan },
      } as never,
    })
    const login = (deviceMac: string, now: Date) =>
      authorizeCustomer(payload, { router: place.router, customer: String(customer.id), deviceMac, method: 'account', now })
    const tried = new Date(Date.now() - 30 * MINUTE)
    const first = await login('02:43:00:00:02:01', tried)
    if (first.outcome !== 'accept') throw new Error('rejected')
    expect(new Date(first.session.expiresAt).getTime()).toBe(tried.getTime() + 60 * MINUTE)

    expect(await sweepAt(tried, START_WAIT_MINUTES + 1)).toMatchObject({ neverStarted: 1 })
    const later = after(tried, START_WAIT_MINUTES + 2)
    const second = await login('02:43:00:00:02:01', later)
    if (second.outcome !== 'accept') throw new Error('rejected')
    expect(second.session.id).not.toBe(first.session.id)
    expect(new Date(second.session.expiresAt).getTime()).toBe(later.getTime() + 60 * MINUTE)
    expect(second.attributes['Session-Timeout']).toBe(60 * 60)
  })
})
