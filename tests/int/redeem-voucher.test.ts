/** Logging in with a voucher: first use, joining devices, and every reason to refuse. */
import { beforeAll, describe, expect, it } from 'vitest'

import { redeemVoucher, voucherLogins } from '@/plugins/network/vouchers/redeemVoucher'

import { loadNetwork, loadWorld, unique, type World } from '../helpers/fixtures'

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
})

const MINUTE = 60_000
const mac = (last: number) => `02:42:ac:11:00:${last.toString(16).padStart(2, '0')}`

/** A fresh AVAILABLE voucher of a plan, at Downtown unless told otherwise. */
async function voucher(plan: string, overrides: Record<string, unknown> = {}) {
  const created = await world.payload.create({
    collection: 'vouchers',
    data: { organization: world.organizations.demo, location: world.locations.downtown, plan, status: 'AVAILABLE', ...overrides } as never,
  })
  return created.code
}

describe('redeeming a voucher', () => {
  it("marks it USED by the organization's voucher guests and starts a pending session for the plan", async () => {
    const code = await voucher(network.plans.oneHour)
    const now = new Date()
    const result = await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: 'A4-5E-60-00-00-01', now })
    if (result.outcome !== 'accept') throw new Error(`rejected: ${result.message}`)
    expect(result.session).toMatchObject({ status: 'pending', deviceMac: 'A4:5E:60:00:00:01', location: world.locations.downtown })
    expect(new Date(result.session.expiresAt).getTime()).toBe(now.getTime() + 60 * MINUTE)
    expect(result.attributes).toMatchObject({ 'Mikrotik-Rate-Limit': '5M/10M', 'Session-Timeout': 3600 })
    expect(result.voucher).toMatchObject({ status: 'USED', usedAt: now.toISOString() })
    const guests = await world.payload.findByID({ collection: 'users', id: String(result.voucher.usedBy), depth: 0 })
    expect(guests).toMatchObject({ name: 'Voucher guests', status: 'ACTIVE' })
    expect(guests.memberships?.[0]).toMatchObject({ organization: world.organizations.demo, role: 'customer' })
    expect(String(result.session.user)).toBe(String(guests.id))
    // One account for every voucher bought over the counter, not a customer per voucher.
    const another = await redeemVoucher(world.payload, { router: network.routers.downtown, code: await voucher(network.plans.oneHour), deviceMac: 'A4-5E-60-00-00-02' })
    expect(another).toMatchObject({ outcome: 'accept', voucher: { usedBy: String(guests.id) } })
    const { totalDocs } = await world.payload.count({
      collection: 'users',
      where: { and: [{ name: { equals: 'Voucher guests' } }, { 'memberships.organization': { equals: world.organizations.demo } }] },
    })
    expect(totalDocs).toBe(1)
    // Beacon's own address: nobody may take it or change it, and the account cannot sign in.
    await expect(world.payload.update({ collection: 'users', id: String(guests.id), data: { email: 'me@example.com' } })).rejects.toThrow(/cannot change/)
    await expect(
      world.payload.create({
        collection: 'users',
        data: { email: `voucher-guests@${world.organizations.other}.beacon.invalid`, password: 'Passw0rd!long', name: 'Taker' } as never,
      }),
    ).rejects.toThrow(/Beacon's own/)
    await world.payload.update({ collection: 'users', id: String(guests.id), data: { status: 'ACTIVE' } }) // other fields stay editable
  })

  it('accepts the code in any case, with spaces or dashes', async () => {
    const code = await voucher(network.plans.oneHour)
    const typed = ` ${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `
    expect((await redeemVoucher(world.payload, { router: network.routers.downtown, code: typed, deviceMac: mac(2) })).outcome).toBe('accept')
  })

  it('continues the same session when the same device logs in again, with less time left', async () => {
    const code = await voucher(network.plans.oneHour)
    const start = new Date()
    const first = await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(3), now: start })
    const later = new Date(start.getTime() + 20 * MINUTE)
    const again = await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(3), now: later })
    if (first.outcome !== 'accept' || again.outcome !== 'accept') throw new Error('rejected')
    expect(again.session.id).toBe(first.session.id)
    expect(again.attributes['Session-Timeout']).toBe(40 * 60)
  })

  it('lets as many devices join as the plan allows, then refuses', async () => {
    const code = await voucher(network.plans.dayPass) // 2 devices
    const login = (last: number) => redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(last) })
    const [first, second, third] = [await login(10), await login(11), await login(12)]
    expect([first.outcome, second.outcome, third.outcome]).toEqual(['accept', 'accept', 'reject'])
    if (first.outcome !== 'accept' || second.outcome !== 'accept' || third.outcome !== 'reject') return
    expect(second.session.expiresAt).toBe(first.session.expiresAt)
    expect(String(second.session.user)).toBe(String(first.session.user))
    expect(third.reason).toBe('too-many-devices')
  })

  it('gives the last place to one of two devices racing for it', async () => {
    const code = await voucher(network.plans.oneHour)
    const results = await Promise.all(
      [20, 21].map((last) => redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(last) })),
    )
    expect(results.map((result) => result.outcome).sort()).toEqual(['accept', 'reject'])
    const { totalDocs } = await world.payload.count({ collection: 'vouchers', where: { and: [{ code: { equals: code } }, { status: { equals: 'USED' } }] } })
    expect(totalDocs).toBe(1)
  })

  it('decides logins that share one statement in turn, each answered in the order asked', async () => {
    const [shared, other] = [await voucher(network.plans.oneHour), await voucher(network.plans.dayPass)]
    const now = new Date()
    const router = network.routers.downtown
    // Two devices on a one-device voucher, a third login for another voucher, an unknown code.
    const decided = await voucherLogins(world.payload, [
      { router, code: shared, deviceMac: mac(40), now },
      { router, code: other, deviceMac: mac(41), now },
      { router, code: 'NOSUCHCODE', deviceMac: mac(42), now },
      { router, code: shared, deviceMac: mac(43), now },
    ])
    const results = decided.map((result) => {
      if (result instanceof Error) throw result
      return result
    })
    expect(results.map((result) => (result.outcome === 'accept' ? 'accept' : result.reason))).toEqual([
      'accept',
      'accept',
      'unknown-code',
      'too-many-devices',
    ])
    const sessions = await world.payload.find({ collection: 'sessions', where: { id: { in: results.flatMap((r) => (r.outcome === 'accept' ? [r.session.id] : [])) } }, depth: 0 })
    expect(sessions.docs.map((session) => session.deviceMac).sort()).toEqual([mac(40), mac(41)].map((m) => m.toUpperCase()).sort())
  })

  it.each([
    ['an unknown code', async () => ({ code: 'NOSUCHCODE', router: network.routers.downtown }), 'unknown-code'],
    ["a code of another organization's router", async () => ({ code: await voucher(network.plans.oneHour), router: network.routers.mainStreet }), 'unknown-code'],
    ['a withdrawn voucher', async () => ({ code: await voucher(network.plans.oneHour, { status: 'EXPIRED' }), router: network.routers.downtown }), 'voucher-expired'],
    [
      'a voucher past its valid-until date',
      async () => {
        const code = await voucher(network.plans.oneHour, { validUntil: new Date(Date.now() + MINUTE).toISOString() })
        return { code, router: network.routers.downtown, now: new Date(Date.now() + 2 * MINUTE) }
      },
      'voucher-expired',
    ],
    [
      "a voucher of another branch",
      async () => {
        const airportRouter = await world.payload.create({
          collection: 'routers',
          data: { organization: world.organizations.demo, location: world.locations.airport, name: unique('airport'), ipAddress: '10.99.0.7', secret: 's', status: 'PENDING' } as never,
        })
        return { code: await voucher(network.plans.oneHour), router: String(airportRouter.id) }
      },
      'wrong-branch',
    ],
  ] as const)('refuses %s', async (_, setup, reason) => {
    const { code, router, now } = { now: undefined as Date | undefined, ...(await setup()) }
    const result = await redeemVoucher(world.payload, { router, code, deviceMac: mac(30), now })
    expect(result).toMatchObject({ outcome: 'reject', reason })
    if (result.outcome === 'reject') expect(result.message).not.toContain(code)
  })

  it('refuses a voucher whose validity has run out', async () => {
    const code = await voucher(network.plans.oneHour)
    const start = new Date()
    await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(40), now: start })
    const result = await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(40), now: new Date(start.getTime() + 61 * MINUTE) })
    expect(result).toMatchObject({ outcome: 'reject', reason: 'voucher-used-up', message: 'This voucher has been used up.' })
  })

  it("refuses a voucher whose data cap is used up, counted across the voucher's devices", async () => {
    const code = await voucher(network.plans.dayPass) // 2000 MB
    const first = await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(50) })
    if (first.outcome !== 'accept') throw new Error('rejected')
    await world.payload.update({
      collection: 'sessions',
      id: first.session.id,
      data: { status: 'active', usage: { inputOctets: 500 * 1_048_576, outputOctets: 1_500 * 1_048_576 } },
    })
    const result = await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac(51) })
    expect(result).toMatchObject({ outcome: 'reject', reason: 'data-cap' })
  })

  it('refuses every voucher of a suspended organization', async () => {
    const { payload, organizations } = world
    const code = (await payload.find({ collection: 'vouchers', where: { batchId: { equals: 'DEMO-OTHER' } }, limit: 1, depth: 0 })).docs[0].code
    await payload.update({ collection: 'organizations', id: organizations.other, data: { status: 'SUSPENDED' } })
    try {
      const result = await redeemVoucher(payload, { router: network.routers.mainStreet, code, deviceMac: mac(60) })
      expect(result).toMatchObject({ outcome: 'reject', reason: 'organization-suspended' })
    } finally {
      await payload.update({ collection: 'organizations', id: organizations.other, data: { status: 'ACTIVE' } })
    }
  })
})
