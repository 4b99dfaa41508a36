/**
 * Routers obey Beacon: force-logout, expiry, data caps and plan changes reach a fake MikroTik
 * (its `/radius incoming` CoA listener) through the jobs the RADIUS service runs.
 */
import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createLocalReq } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { drizzleFor } from '@/db/sql'
import { checkRoutersTask } from '@/plugins/network/jobs/checkRouters'
import { forceLogout } from '@/plugins/network/sessions/forceLogout'
import { sweepSessions } from '@/plugins/network/sessions/sweep'
import { redeemVoucher } from '@/plugins/network/vouchers/redeemVoucher'

import { createDemoCustomer, loadNetwork, loadWorld, unique, type World } from '../../../tests/helpers/fixtures'
import { type RadiusService, startRadiusService } from '../../src'
import { decodeAttributes, parseHeader, RADIUS_CODES } from '../../src/protocol/packet'
import { testConfig } from '../helpers/config'
import { FakeCoaRouter, type ReceivedCoa } from '../helpers/fakeRouter'
import { FakeRouterOs } from '../helpers/fakeRouterOs'
import { accessRequest, accountingRequest, exchange } from '../helpers/udp'

const ADDRESS = '127.0.0.46' // the fake router's address: its RADIUS packets come from here, CoA goes there
const SECRET = 'control-secret'
const MINUTE = 60_000
const MiB = 1_048_576

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>
let service: RadiusService
let fake: FakeCoaRouter
let routerOs: FakeRouterOs
let router: string

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
  fake = new FakeCoaRouter(SECRET)
  const coaPort = await fake.start(ADDRESS)
  routerOs = new FakeRouterOs()
  const apiPort = await routerOs.start({ host: ADDRESS })
  const created = await world.payload.create({
    collection: 'routers',
    data: {
      organization: world.organizations.demo,
      location: world.locations.downtown,
      name: unique('coa-router'),
      ipAddress: ADDRESS,
      secret: SECRET,
      coaPort,
      requireMessageAuthenticator: false,
      api: { port: apiPort, username: routerOs.username, password: routerOs.password },
    } as never,
  })
  router = String(created.id)
  service = await startRadiusService({
    payload: world.payload,
    config: testConfig({ runJobs: true }),
    jobIntervalMs: 200,
    coa: { timeoutMs: 150, attempts: 2 },
  })
})

afterAll(async () => {
  await service?.close()
  await fake?.stop()
  await routerOs?.stop()
})

const newMac = () => `02:46:${randomBytes(4).toString('hex').match(/../g)!.join(':')}`.toUpperCase()
const session = (id: string) => world.payload.findByID({ collection: 'sessions', id, depth: 0 })

/** Waits until the fake router has received a request for this Acct-Session-Id (of this kind). */
async function received(acctSessionId: string, kind: 'Disconnect' | 'CoA', timeoutMs = 10_000): Promise<ReceivedCoa> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const found = fake.received.find((request) => request.kind === kind && request.attributes['Acct-Session-Id'] === acctSessionId)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no ${kind}-Request for ${acctSessionId} within ${timeoutMs} ms`)
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Accounting from the fake router's address, as RouterOS sends it. */
async function account(attributes: Array<[string, string | number | Buffer | Date]>) {
  const [reply] = await exchange([accountingRequest(attributes, SECRET, Math.floor(Math.random() * 256))], { port: service.accountingPort, from: ADDRESS })
  expect(reply && parseHeader(reply).code).toBe(RADIUS_CODES['Accounting-Response'])
}

/** A voucher login on the fake router, started by accounting: an active session. */
async function liveVoucherSession(plan = network.plans.oneHour, code?: string) {
  const voucherCode =
    code ??
    (
      await world.payload.create({
        collection: 'vouchers',
        data: { organization: world.organizations.demo, location: world.locations.downtown, plan, status: 'AVAILABLE' } as never,
      })
    ).code
  const mac = newMac()
  const redemption = await redeemVoucher(world.payload, { router, code: voucherCode, deviceMac: mac })
  if (redemption.outcome !== 'accept') throw new Error(redemption.message)
  const acctSessionId = unique('acct')
  await account([
    ['Acct-Status-Type', 'Start'],
    ['Acct-Session-Id', acctSessionId],
    ['User-Name', voucherCode],
    ['Class', Buffer.from(`beacon:${redemption.session.id}`)],
    ['Calling-Station-Id', mac],
    ['Framed-IP-Address', '10.5.50.77'],
  ])
  return { id: String(redemption.session.id), acctSessionId, code: voucherCode, mac }
}

describe('force-logout', () => {
  it('reaches the router as a Disconnect-Request identifying the session, and the ACK is recorded', async () => {
    fake.answer = 'ack'
    const live = await liveVoucherSession()
    const req = await createLocalReq({ user: world.actors.manager }, world.payload)
    await forceLogout(req, live.id)
    const request = await received(live.acctSessionId, 'Disconnect')
    expect(request.attributes).toMatchObject({
      'User-Name': live.code,
      'Acct-Session-Id': live.acctSessionId,
      'Framed-IP-Address': '10.5.50.77',
      'NAS-IP-Address': ADDRESS,
    })
    expect(request.attributes['Event-Timestamp']).toBeInstanceOf(Date)
    const ended = await until(() => session(live.id), (value) => value.control?.outcome === 'acknowledged')
    expect(ended).toMatchObject({ status: 'terminated', terminateCause: 'Admin-Reset', control: { action: 'disconnect', outcome: 'acknowledged' } })
  })

  it("repeats the router's own octets of User-Name and Acct-Session-Id, a NUL and octets that are not UTF-8 included", async () => {
    fake.answer = 'ack'
    const mac = newMac()
    const acctSessionId = Buffer.concat([Buffer.from(unique('octets')), Buffer.from([0x00, 0xff])])
    const userName = Buffer.from([0x67, 0x75, 0x65, 0x73, 0x74, 0x00, 0xc3])
    await account([['Acct-Status-Type', 'Start'], ['Acct-Session-Id', acctSessionId], ['User-Name', userName], ['Calling-Station-Id', mac]])
    const stored = `${acctSessionId.subarray(0, -2).toString()}\\x00\\xFF`
    const [live] = (await world.payload.find({ collection: 'sessions', where: { acctSessionId: { equals: stored } }, depth: 0 })).docs
    expect(live.userName).toBe('guest\\x00\\xC3')

    await forceLogout(await createLocalReq({ user: world.actors.manager }, world.payload), String(live.id))
    const request = await received(stored, 'Disconnect')
    const sent = (type: number) => decodeAttributes(request.datagram).raw.find(([rawType]) => rawType === type)?.[1]
    expect(sent(1)).toEqual(userName)
    expect(sent(44)).toEqual(acctSessionId)
  })

  it('records a router that answers nothing (CoA nor API) as failed, after retrying', async () => {
    fake.answer = 'silent'
    routerOs.mode = 'silent'
    try {
      const live = await liveVoucherSession()
      const before = fake.received.length
      await forceLogout(await createLocalReq({ user: world.actors.manager }, world.payload), live.id)
      const ended = await until(() => session(live.id), (value) => value.control?.outcome === 'failed')
      expect(ended.control).toMatchObject({ action: 'disconnect', outcome: 'failed' })
      // Two sends (first try and one retransmission), and the job tries again after that.
      expect(fake.received.slice(before).filter((request) => request.attributes['Acct-Session-Id'] === live.acctSessionId).length).toBeGreaterThanOrEqual(2)
    } finally {
      fake.answer = 'ack'
      routerOs.mode = 'answer'
    }
  })
})

describe('a device Beacon ended that the router still reports', () => {
  it('gets another Disconnect when its next Interim-Update arrives', async () => {
    fake.answer = 'ack'
    const live = await liveVoucherSession()
    // As after force-logout whose Disconnect the router never answered, all retries spent.
    await world.payload.update({
      collection: 'sessions',
      id: live.id,
      data: { status: 'terminated', terminateCause: 'Admin-Reset', control: { action: 'disconnect', outcome: 'failed' } } as never,
    })
    const before = fake.received.filter((request) => request.attributes['Acct-Session-Id'] === live.acctSessionId).length
    await account([['Acct-Status-Type', 'Interim-Update'], ['Acct-Session-Id', live.acctSessionId], ['Acct-Output-Octets', 5_000], ['Acct-Session-Time', 300]])
    await received(live.acctSessionId, 'Disconnect')
    expect(fake.received.filter((request) => request.attributes['Acct-Session-Id'] === live.acctSessionId).length).toBe(before + 1)
    expect(await until(() => session(live.id), (value) => value.control?.outcome === 'acknowledged')).toMatchObject({
      status: 'terminated',
      usage: { outputOctets: 5_000 },
      control: { action: 'disconnect', outcome: 'acknowledged' },
    })
  })
})

describe('expiry', () => {
  it('disconnects a live session once its time is up (clock driven by the test) and ends it expired', async () => {
    const live = await liveVoucherSession()
    const stored = await session(live.id)
    const expiresAt = new Date(stored.expiresAt)
    // The router kept reporting until near the end (as of the test's clock).
    await world.payload.update({ collection: 'sessions', id: live.id, data: { lastAccountingAt: new Date(expiresAt.getTime() - 2 * MINUTE).toISOString() } })
    // A minute before: nothing happens.
    await sweepSessions(world.payload, { now: new Date(expiresAt.getTime() - MINUTE), control: service.control, router })
    expect((await session(live.id)).status).toBe('active')
    // Within a minute after: disconnected and expired.
    const result = await sweepSessions(world.payload, { now: new Date(expiresAt.getTime() + 30_000), control: service.control, router })
    expect(result.expired).toBeGreaterThanOrEqual(1)
    await received(live.acctSessionId, 'Disconnect')
    const ended = await session(live.id)
    expect(ended).toMatchObject({ status: 'expired', terminateCause: 'Session-Timeout', control: { outcome: 'acknowledged' } })
    expect(new Date(ended.endedAt!).getTime()).toBeLessThanOrEqual(expiresAt.getTime())
  })

  it('closes sessions the router stopped reporting on after three interim intervals, freeing the device’s place', async () => {
    const live = await liveVoucherSession()
    await sweepSessions(world.payload, { now: new Date(Date.now() + 14 * MINUTE), control: service.control, router })
    expect((await session(live.id)).status).toBe('active')
    await sweepSessions(world.payload, { now: new Date(Date.now() + 16 * MINUTE), control: service.control, router })
    expect(await session(live.id)).toMatchObject({ status: 'terminated', terminateCause: 'Stale' })
    // The 1 Hour plan allows one device: another device can now use the voucher.
    const next = await redeemVoucher(world.payload, { router, code: live.code, deviceMac: newMac() })
    expect(next.outcome).toBe('accept')
  })
})

describe('data cap', () => {
  it('disconnects every device of an allowance when their Interim-Updates together reach the cap, and refuses the next login', async () => {
    const first = await liveVoucherSession(network.plans.dayPass) // 2000 MB, 2 devices
    const second = await liveVoucherSession(network.plans.dayPass, first.code)
    const interim = (acctSessionId: string, bytes: number) =>
      account([
        ['Acct-Status-Type', 'Interim-Update'],
        ['Acct-Session-Id', acctSessionId],
        ['Acct-Output-Octets', bytes % 2 ** 32],
        ['Acct-Output-Gigawords', Math.floor(bytes / 2 ** 32)],
        ['Acct-Session-Time', 600],
      ])
    await interim(first.acctSessionId, 1200 * MiB)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect((await session(first.id)).status).toBe('active') // 1200 of 2000 MB: nothing yet
    await interim(second.acctSessionId, 900 * MiB) // 2100 MB across the two devices
    await received(first.acctSessionId, 'Disconnect')
    await received(second.acctSessionId, 'Disconnect')
    for (const id of [first.id, second.id]) {
      expect(await until(() => session(id), (value) => value.status !== 'active')).toMatchObject({ status: 'terminated', terminateCause: 'Data-Cap' })
    }
    const [reply] = await exchange([accessRequest(first.code, first.code, SECRET, [['Calling-Station-Id', newMac()]])], { port: service.authPort, from: ADDRESS })
    expect(reply && parseHeader(reply).code).toBe(RADIUS_CODES['Access-Reject'])
    expect(decodeAttributes(reply!).attributes['Reply-Message']).toBe('The data allowance of this voucher has been used up.')
  })
})

describe('plan changes', () => {
  async function ownPlan() {
    const plan = await world.payload.create({
      collection: 'plans',
      data: { organization: world.organizations.demo, name: unique('CoA plan'), uploadMbps: 5, downloadMbps: 10, validityMinutes: 60, devicesAllowed: 1, price: 1 } as never,
    })
    return String(plan.id)
  }

  it('sends a CoA-Request with the new Mikrotik-Rate-Limit when a plan’s speeds change', async () => {
    fake.answer = 'ack'
    const plan = await ownPlan()
    const live = await liveVoucherSession(plan)
    await world.payload.update({ collection: 'plans', id: plan, data: { downloadMbps: 50 } })
    const request = await received(live.acctSessionId, 'CoA')
    expect(request.attributes).toMatchObject({ 'Mikrotik-Rate-Limit': '5M/50M', 'Acct-Session-Id': live.acctSessionId, 'User-Name': live.code })
    expect(await until(() => session(live.id), (value) => value.control?.outcome === 'acknowledged')).toMatchObject({
      status: 'active',
      control: { action: 'coa', outcome: 'acknowledged' },
    })
  })

  it('disconnects the device when the router refuses the CoA, so it logs in again under the new plan', async () => {
    fake.answer = (request) => (request.kind === 'CoA' ? 'nak' : 'ack')
    try {
      const plan = await ownPlan()
      const live = await liveVoucherSession(plan)
      await world.payload.update({ collection: 'plans', id: plan, data: { uploadMbps: 2 } })
      await received(live.acctSessionId, 'CoA')
      await received(live.acctSessionId, 'Disconnect')
      expect(await until(() => session(live.id), (value) => value.status !== 'active')).toMatchObject({
        status: 'terminated',
        terminateCause: 'Admin-Reset',
      })
    } finally {
      fake.answer = 'ack'
    }
  })

  it('moves a customer’s live plan sessions to their new plan and applies its rate', async () => {
    fake.answer = 'ack'
    const [oldPlan, newPlan] = [await ownPlan(), await ownPlan()]
    await world.payload.update({ collection: 'plans', id: newPlan, data: { downloadMbps: 30, uploadMbps: 6 } })
    const { id: customerId, username, password } = await createDemoCustomer({ customer: { plan: oldPlan } })
    const mac = newMac()
    const [accept] = await exchange([accessRequest(username, password, SECRET, [['Calling-Station-Id', mac]])], {
      port: service.authPort,
      from: ADDRESS,
    })
    expect(accept && parseHeader(accept).code).toBe(RADIUS_CODES['Access-Accept'])
    const classValue = decodeAttributes(accept!).attributes.Class as Buffer
    const acctSessionId = unique('acct')
    await account([['Acct-Status-Type', 'Start'], ['Acct-Session-Id', acctSessionId], ['User-Name', username], ['Class', classValue]])

    await world.payload.update({ collection: 'users', id: customerId, data: { customer: { plan: newPlan } } as never })
    const request = await received(acctSessionId, 'CoA')
    expect(request.attributes['Mikrotik-Rate-Limit']).toBe('6M/30M')
    const id = classValue.toString().replace('beacon:', '')
    expect(await session(id)).toMatchObject({ plan: newPlan, status: 'active' })
  })
})

describe('the RouterOS API', () => {
  it('removes the device from /ip/hotspot/active when the router refuses the Disconnect', async () => {
    fake.answer = 'nak'
    try {
      const live = await liveVoucherSession()
      routerOs.hotspotActive.push({ '.id': '*2B', 'mac-address': live.mac, user: live.code, address: '10.5.50.77' })
      await forceLogout(await createLocalReq({ user: world.actors.manager }, world.payload), live.id)
      const ended = await until(() => session(live.id), (value) => value.control?.outcome === 'api-fallback')
      expect(ended.control).toMatchObject({ action: 'disconnect', outcome: 'api-fallback', errorCause: 'Session-Context-Not-Found' })
      expect(routerOs.hotspotActive.find((entry) => entry['mac-address'] === live.mac)).toBeUndefined()
    } finally {
      fake.answer = 'ack'
    }
  })

  it('keeps working when the API drops its socket mid-command: the router’s refusal is what gets recorded', async () => {
    fake.answer = 'nak'
    routerOs.mode = 'drop'
    try {
      const live = await liveVoucherSession()
      const commands = routerOs.commands.length
      await forceLogout(await createLocalReq({ user: world.actors.manager }, world.payload), live.id)
      const ended = await until(() => session(live.id), (value) => value.control?.outcome === 'refused')
      expect(ended.control).toMatchObject({ outcome: 'refused', errorCause: 'Session-Context-Not-Found' })
      // The fallback did ask, and lost its socket on the way.
      expect(routerOs.commands.slice(commands).some(([command]) => command === '/ip/hotspot/active/print')).toBe(true)
    } finally {
      fake.answer = 'ack'
      routerOs.mode = 'answer'
    }
  })

  it('judges routers without an API login by their RADIUS traffic', async () => {
    const quiet = await world.payload.create({
      collection: 'routers',
      data: { organization: world.organizations.demo, location: world.locations.downtown, name: unique('quiet'), ipAddress: `127.0.0.${100 + Math.floor(Math.random() * 100)}`, secret: 's' } as never,
    })
    const db = await drizzleFor(world.payload)
    const check = () => (checkRoutersTask.handler as (args: unknown) => Promise<unknown>)({ req: { payload: world.payload } })
    await db.execute(sql`update routers set last_seen_at = now() - interval '1 hour' where id = ${quiet.id}`)
    await check()
    expect((await world.payload.findByID({ collection: 'routers', id: String(quiet.id), depth: 0 })).status).toBe('OFFLINE')
    await db.execute(sql`update routers set last_seen_at = now() where id = ${quiet.id}`)
    await check()
    expect((await world.payload.findByID({ collection: 'routers', id: String(quiet.id), depth: 0 })).status).toBe('ONLINE')
  })

  it('marks a router ONLINE with its version and identity, and OFFLINE when its API answers nothing', async () => {
    expect(await service.control.checkHealth(router)).toBe('ONLINE')
    expect(await world.payload.findByID({ collection: 'routers', id: router, depth: 0 })).toMatchObject({
      status: 'ONLINE',
      routerOsVersion: '7.18.2 (stable)',
      identity: 'Downtown-hAP',
    })
    routerOs.mode = 'silent'
    try {
      expect(await service.control.checkHealth(router)).toBe('OFFLINE')
      expect((await world.payload.findByID({ collection: 'routers', id: router, depth: 0 })).status).toBe('OFFLINE')
    } finally {
      routerOs.mode = 'answer'
    }
  }, 20_000)
})
