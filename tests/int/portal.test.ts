/**
 * The captive portal's decisions against PostgreSQL: the branch from its address, vouchers and
 * accounts turned into one-time credentials for one device, customer sign-in and sign-up, what
 * a device has left, and the RFC 8908 API over Payload's REST handler.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { drizzleFor } from '@/db/sql'
import { allowanceAtRouter, allowanceOfCustomer, allowanceOfSession } from '@/plugins/network/captivePortal/allowance'
import { DEVICE_COOKIE, signDeviceTicket } from '@/plugins/network/captivePortal/deviceTicket'
import { connectCustomer, connectWithVoucher } from '@/portal/connect'
import { findCustomerByLogin, registerCustomer, signInCustomer } from '@/portal/customers'
import { resetCustomerPassword, sendPasswordResetLink } from '@/portal/passwordReset'
import type { Hotspot } from '@/portal/hotspot'
import { findPortalPlace, type PortalPlace } from '@/portal/place'

import { createDemoCustomer, CUSTOMER_PASSWORD, loadNetwork, loadWorld, unique, type World } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>
let downtown: PortalPlace

const macOf = (last: number) => `02:43:ac:11:00:${last.toString(16).padStart(2, '0')}`.toUpperCase()
const hotspotFor = (mac: string): Hotspot => ({
  mac,
  ip: '10.5.50.20',
  loginUrl: 'http://10.5.50.1/login',
  logoutUrl: 'http://10.5.50.1/logout',
  originalUrl: null,
  chap: { id: Buffer.of(7), challenge: Buffer.alloc(16, 1) },
})

async function voucher(plan: string, overrides: Record<string, unknown> = {}) {
  const created = await world.payload.create({
    collection: 'vouchers',
    data: { organization: world.organizations.demo, location: world.locations.downtown, plan, status: 'AVAILABLE', ...overrides } as never,
  })
  return created.code
}

const headers = (ip = '198.51.100.20') =>
  new Headers({ 'x-beacon-client-ip': ip, 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)' })

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
  downtown = (await findPortalPlace(world.payload, 'demo-isp', world.locations.downtown))!
})

describe('the branch a portal address names', () => {
  it('is found with its branding and a router', async () => {
    expect(downtown).toMatchObject({
      organization: {
        id: world.organizations.demo,
        slug: 'demo-isp',
        name: 'Demo ISP WiFi',
        color: '#0f766e',
        locked: false,
        timeZone: 'Africa/Nairobi',
      },
      location: { id: world.locations.downtown, name: 'Downtown', timeZone: 'Africa/Nairobi' },
    })
    // One of Downtown's routers (other tests may add some beside the demo one).
    const router = await world.payload.findByID({ collection: 'routers', id: downtown.router!, depth: 0 })
    expect(router.location).toBe(world.locations.downtown)
  })

  it('is not found for another organization’s branch, a switched-off branch or a malformed address', async () => {
    expect(await findPortalPlace(world.payload, 'demo-isp', world.locations.mainStreet)).toBeNull()
    expect(await findPortalPlace(world.payload, 'other-isp', world.locations.downtown)).toBeNull()
    expect(await findPortalPlace(world.payload, 'demo-isp', 'not-a-uuid')).toBeNull()
    expect(await findPortalPlace(world.payload, "demo-isp' or 1=1 --", world.locations.downtown)).toBeNull()
    const branch = await world.payload.create({
      collection: 'locations',
      data: { organization: world.organizations.demo, name: unique('Closed'), active: false },
    })
    expect(await findPortalPlace(world.payload, 'demo-isp', String(branch.id))).toBeNull()
    // A branch without a router is found, with no router to sign devices in through.
    const bare = await world.payload.create({
      collection: 'locations',
      data: { organization: world.organizations.demo, name: unique('No router') },
    })
    expect(await findPortalPlace(world.payload, 'demo-isp', String(bare.id))).toMatchObject({ router: null, hotspotAddresses: [] })
  })
})

describe('putting a device online', () => {
  it('turns a voucher into one-time credentials for that device and a pending session', async () => {
    const code = await voucher(network.plans.oneHour)
    const connection = await connectWithVoucher(world.payload, { place: downtown, hotspot: hotspotFor(macOf(1)), code })
    if (connection.outcome !== 'connect') throw new Error(connection.message)
    expect(connection.credentials.username).toMatch(/^portal-[0-9a-f]{20}$/)
    const session = await world.payload.findByID({ collection: 'sessions', id: connection.session.id, depth: 0 })
    expect(session).toMatchObject({ status: 'pending', deviceMac: macOf(1), location: world.locations.downtown, authMethod: 'voucher' })
    const stored = await world.payload.find({
      collection: 'portal-credentials',
      where: { username: { equals: connection.credentials.username } },
      depth: 0,
    })
    expect(stored.docs[0]).toMatchObject({ session: connection.session.id, deviceMac: macOf(1) })
    // Kept encrypted: the password is nowhere in the row.
    expect(JSON.stringify(stored.docs[0])).not.toContain(connection.credentials.password)
  })

  it('refuses with the reason, and changes nothing for a code that does not exist', async () => {
    const before = await world.payload.count({ collection: 'sessions' })
    for (const code of ['NOSUCHCODE1', '!!', '']) {
      expect(await connectWithVoucher(world.payload, { place: downtown, hotspot: hotspotFor(macOf(2)), code })).toMatchObject({
        outcome: 'refused',
        reason: 'unknown-code',
        message: 'This voucher code is not valid.',
      })
    }
    expect((await world.payload.count({ collection: 'sessions' })).totalDocs).toBe(before.totalDocs)

    const dayPass = await voucher(network.plans.dayPass)
    const results = []
    for (const last of [3, 4, 5])
      results.push(await connectWithVoucher(world.payload, { place: downtown, hotspot: hotspotFor(macOf(last)), code: dayPass }))
    expect(results.map((result) => (result.outcome === 'connect' ? 'connect' : result.reason))).toEqual([
      'connect',
      'connect',
      'too-many-devices',
    ])

    // A voucher of another branch, which has no router yet (other tests may give Airport one).
    const bare = await world.payload.create({
      collection: 'locations',
      data: { organization: world.organizations.demo, name: unique('No router') },
    })
    const elsewhere = await voucher(network.plans.oneHour, { location: String(bare.id) })
    expect(await connectWithVoucher(world.payload, { place: downtown, hotspot: hotspotFor(macOf(6)), code: elsewhere })).toMatchObject({
      reason: 'wrong-branch',
    })
    const barePlace = (await findPortalPlace(world.payload, 'demo-isp', String(bare.id)))!
    expect(await connectWithVoucher(world.payload, { place: barePlace, hotspot: hotspotFor(macOf(6)), code: elsewhere })).toMatchObject({
      reason: 'no-router',
    })
    expect(
      await connectWithVoucher(world.payload, {
        place: { ...downtown, organization: { ...downtown.organization, locked: true } },
        hotspot: hotspotFor(macOf(6)),
        code: elsewhere,
      }),
    ).toMatchObject({
      reason: 'organization-suspended',
    })
    // None of these used the Airport voucher.
    const stillThere = await world.payload.find({ collection: 'vouchers', where: { code: { equals: elsewhere } }, depth: 0 })
    expect(stillThere.docs[0].status).toBe('AVAILABLE')
  })

  it("puts a customer's device online on their plan, and says so when the plan is full or missing", async () => {
    const subscribed = await createDemoCustomer({ customer: { plan: network.plans.oneHour } })
    const first = await connectCustomer(world.payload, { place: downtown, hotspot: hotspotFor(macOf(10)), customer: subscribed.id })
    expect(first.outcome).toBe('connect')
    expect(
      await connectCustomer(world.payload, { place: downtown, hotspot: hotspotFor(macOf(11)), customer: subscribed.id }),
    ).toMatchObject({
      outcome: 'refused',
      reason: 'plan-devices',
      message: 'Your account is already in use on as many devices as your plan allows. Sign out on another device first.',
    })
    const planless = await createDemoCustomer()
    expect(await connectCustomer(world.payload, { place: downtown, hotspot: hotspotFor(macOf(12)), customer: planless.id })).toMatchObject({
      reason: 'no-plan',
    })
  })
})

describe('customer accounts on the portal', () => {
  it('signs a customer in by email, username or phone, with Payload’s session and sign-in log', async () => {
    const phone = `+25471${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const customer = await createDemoCustomer({ phone: phone.replace(/^(\+254)(\d{3})/, '$1 $2 ') })
    const email = `${customer.username}@example.test`
    for (const login of [email.toUpperCase(), customer.username, phone, ` ${phone.slice(0, 4)}-${phone.slice(4)} `]) {
      const result = await signInCustomer(world.payload, {
        organization: world.organizations.demo,
        login,
        password: CUSTOMER_PASSWORD,
        headers: headers(),
      })
      expect(result.outcome, login).toBe('signed-in')
      if (result.outcome !== 'signed-in') continue
      expect(result.cookie).toMatch(/^payload-token=[^;]+;.*HttpOnly/)
    }
    const logs = await world.payload.find({ collection: 'session-logs', where: { user: { equals: customer.id } }, depth: 0, limit: 10 })
    expect(logs.totalDocs).toBe(4)
    expect(logs.docs[0]).toMatchObject({ outcome: 'success', ipAddress: '198.51.100.20', deviceType: 'mobile' })
  })

  it('stores phone numbers in one spelling, refuses what is not one, and keeps an older unreadable one editable', async () => {
    const customer = await createDemoCustomer({ phone: ' +254 (733) 000-111 ' })
    expect((await world.payload.findByID({ collection: 'users', id: customer.id, depth: 0 })).phone).toBe('+254733000111')
    await expect(world.payload.update({ collection: 'users', id: customer.id, data: { phone: 'call me' } })).rejects.toMatchObject({
      data: { errors: [{ path: 'phone', message: expect.stringContaining('7 to 15 digits') }] },
    })
    const db = await drizzleFor(world.payload)
    await db.execute(sql`update users set phone = 'ext. 5' where id = ${customer.id}`)
    const renamed = await world.payload.update({ collection: 'users', id: customer.id, data: { name: 'Renamed' } })
    expect(renamed).toMatchObject({ name: 'Renamed', phone: 'ext. 5' })
  })

  it('refuses a wrong password, another organization and a suspended account in words that say nothing more', async () => {
    const customer = await createDemoCustomer()
    const signIn = (login: string, password = CUSTOMER_PASSWORD, organization = world.organizations.demo) =>
      signInCustomer(world.payload, { organization, login, password, headers: headers() })
    expect(await signIn(customer.username, 'wrong')).toEqual({ outcome: 'refused', reason: 'wrong-sign-in' })
    expect(await signIn('nobody-here')).toEqual({ outcome: 'refused', reason: 'wrong-sign-in' })
    expect(await signIn(customer.username, CUSTOMER_PASSWORD, world.organizations.other)).toEqual({
      outcome: 'refused',
      reason: 'wrong-sign-in',
    })
    // Staff are not customers: the portal does not sign them in.
    expect(await signIn('manager@demo-isp.test', 'beacon-manager-1')).toEqual({ outcome: 'refused', reason: 'wrong-sign-in' })
    // Locked out after 5: answered like a wrong password, so nobody learns the account exists.
    for (let attempt = 0; attempt < 4; attempt++) await signIn(customer.username, 'wrong')
    expect(await signIn(customer.username)).toEqual({ outcome: 'refused', reason: 'wrong-sign-in' })
    const locked = await world.payload.findByID({ collection: 'users', id: customer.id, depth: 0, showHiddenFields: true })
    expect(new Date(String(locked.lockUntil)).getTime()).toBeGreaterThan(Date.now())

    const suspended = await createDemoCustomer({ status: 'SUSPENDED' })
    expect(await signIn(suspended.username)).toEqual({ outcome: 'refused', reason: 'account-suspended' })
  })

  it('makes an account with an email or a phone number, and refuses bad or taken ones without writing anything', async () => {
    const organization = world.organizations.demo
    const before = (await world.payload.count({ collection: 'users' })).totalDocs
    const register = (name: string, contact: string, password = 'long-enough-1') =>
      registerCustomer(world.payload, organization, { name, contact, password })
    expect(await register('P', 'pat@example.test')).toEqual({ outcome: 'refused', problem: 'signup-name' })
    expect(await register('Pat', 'not an address')).toEqual({ outcome: 'refused', problem: 'signup-contact' })
    expect(await register('Pat', '+12')).toEqual({ outcome: 'refused', problem: 'signup-contact' })
    expect(await register('Pat', 'pat@example.test', 'short')).toEqual({ outcome: 'refused', problem: 'signup-password' })
    // Beacon's own (.invalid) addresses, and what Payload's address check refuses.
    expect(await register('Pat', 'voucher-guests@x.beacon.invalid')).toEqual({ outcome: 'refused', problem: 'signup-contact' })
    expect(await register('Pat', 'phone-1-aa@customers.invalid')).toEqual({ outcome: 'refused', problem: 'signup-contact' })
    expect(await register('Pat', 'a..b@example.test')).toEqual({ outcome: 'refused', problem: 'signup-contact' })
    expect(await register('Pat', 'ALICE@demo-isp.test')).toEqual({ outcome: 'refused', problem: 'signup-taken' })
    // Staff addresses are taken too (one account per address in Beacon).
    expect(await register('Pat', 'manager@demo-isp.test')).toEqual({ outcome: 'refused', problem: 'signup-taken' })
    expect((await world.payload.count({ collection: 'users' })).totalDocs).toBe(before)

    const email = `${unique('pat')}@example.test`
    const byEmail = await register('  Pat   Email ', email)
    expect(byEmail).toMatchObject({ outcome: 'registered', email })
    const phone = `+25472${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const byPhone = await register('Pat Phone', phone.replace(/(\d{3})(\d{3})$/, ' $1 $2'))
    if (byPhone.outcome !== 'registered') throw new Error(byPhone.problem)
    expect(byPhone.email).toMatch(/^phone-\d+-[0-9a-f]{8}@customers\.invalid$/)
    const user = await world.payload.findByID({ collection: 'users', id: byPhone.customer, depth: 0 })
    expect(user).toMatchObject({
      name: 'Pat Phone',
      phone,
      status: 'ACTIVE',
      defaultOrganization: organization,
      memberships: [{ organization, role: 'customer' }],
    })
    expect(await register('Pat Again', phone)).toEqual({ outcome: 'refused', problem: 'signup-taken' })
    expect(await findCustomerByLogin(world.payload, organization, phone)).toEqual({ id: byPhone.customer, email: byPhone.email })
    // The same number in another organization is another account.
    expect(await findCustomerByLogin(world.payload, world.organizations.other, phone)).toBeNull()
  })
})

describe('a Beacon account of another organization', () => {
  it('is not signed in or signed up here by its email, and nothing about it changes', async () => {
    const email = `${unique('roamer')}@example.test`
    const created = await world.payload.create({
      collection: 'users',
      data: {
        email,
        password: CUSTOMER_PASSWORD,
        name: 'Rita Roamer',
        status: 'ACTIVE',
        memberships: [{ organization: world.organizations.other, role: 'customer' }],
      },
    })
    const organization = world.organizations.demo
    expect(await signInCustomer(world.payload, { organization, login: email, password: CUSTOMER_PASSWORD, headers: headers() })).toEqual({
      outcome: 'refused',
      reason: 'wrong-sign-in',
    })
    // The same answer as for an address a customer here has: nothing tells where it is used.
    expect(await registerCustomer(world.payload, organization, { name: 'Rita', contact: email, password: 'long-enough-1' })).toEqual({
      outcome: 'refused',
      problem: 'signup-taken',
    })
    const after = await world.payload.findByID({ collection: 'users', id: created.id, depth: 0 })
    expect(after.memberships).toMatchObject([{ organization: world.organizations.other, role: 'customer' }])
    expect(after.memberships).toHaveLength(1)
  })
})

describe('what a device has left', () => {
  it('counts every device of the allowance, and only within the organization', async () => {
    const code = await voucher(network.plans.dayPass)
    const connections = []
    for (const last of [30, 31])
      connections.push(await connectWithVoucher(world.payload, { place: downtown, hotspot: hotspotFor(macOf(last)), code }))
    const [first, second] = connections
    if (first.outcome !== 'connect' || second.outcome !== 'connect') throw new Error('refused')
    const db = await drizzleFor(world.payload)
    await db.execute(sql`update sessions set status = 'active', usage_input_octets = 100000000, usage_output_octets = 4857600, usage_last_ip = '10.5.50.31'
      where id = ${first.session.id}`)
    await db.execute(
      sql`update sessions set status = 'active', usage_input_octets = 1000000, usage_output_octets = 0 where id = ${second.session.id}`,
    )

    const now = new Date()
    const allowance = await allowanceOfSession(world.payload, { session: first.session.id, organization: world.organizations.demo, now })
    expect(allowance).toMatchObject({
      plan: { name: 'Day Pass', dataCapMB: 2000, devicesAllowed: 2 },
      usedBytes: 105_857_600,
      devicesOnline: 2,
      bytesLeft: 2000 * 1_048_576 - 105_857_600,
      live: true,
      session: { deviceMac: macOf(30), ip: '10.5.50.31', viaVoucher: true },
    })
    expect(allowance!.secondsLeft).toBeGreaterThan(24 * 3600 - 60)
    expect(await allowanceOfSession(world.payload, { session: first.session.id, organization: world.organizations.other, now })).toBeNull()
    expect(await allowanceAtRouter(world.payload, { router: downtown.router!, ip: '10.5.50.31', now })).toMatchObject({
      session: { id: first.session.id },
    })
    expect(await allowanceAtRouter(world.payload, { router: network.routers.mainStreet, ip: '10.5.50.31', now })).toBeNull()
  })
})

describe('GET /api/captive-portal (RFC 8908)', () => {
  it('answers the device at its router by its address, or by the cookie of the browser that signed it in', async () => {
    const code = await voucher(network.plans.oneHour)
    const connection = await connectWithVoucher(world.payload, { place: downtown, hotspot: hotspotFor(macOf(40)), code })
    if (connection.outcome !== 'connect') throw new Error(connection.message)
    const db = await drizzleFor(world.payload)
    await db.execute(sql`update sessions set status = 'active', usage_last_ip = '10.5.50.40' where id = ${connection.session.id}`)

    const device = RestClient.anonymous({ headers: { 'x-beacon-client-ip': '10.5.50.40' } })
    const answer = await device.get(`/api/captive-portal/${downtown.router}`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/captive+json')
    expect(answer.body).toMatchObject({
      captive: false,
      'user-portal-url': `http://localhost/portal/demo-isp/${world.locations.downtown}/status`,
      'venue-info-url': `http://localhost/portal/demo-isp/${world.locations.downtown}/plans`,
      // A voucher's time cannot be extended.
      'can-extend-session': false,
    })
    expect(answer.body['seconds-remaining']).toBeGreaterThan(3500)
    expect(answer.body['seconds-remaining']).toBeLessThanOrEqual(3600)

    // Another address at the same router: still captive, and told nothing of the other device.
    const stranger = await RestClient.anonymous({ headers: { 'x-beacon-client-ip': '10.5.50.41' } }).get(
      `/api/captive-portal?router=${downtown.router}`,
    )
    expect(stranger.body).toEqual({
      captive: true,
      'user-portal-url': `http://localhost/portal/demo-isp/${world.locations.downtown}`,
      'venue-info-url': `http://localhost/portal/demo-isp/${world.locations.downtown}/plans`,
    })

    // Behind NAT the address says nothing; the portal's cookie still finds the device.
    const cookie = `${DEVICE_COOKIE}=${signDeviceTicket({ session: connection.session.id, organization: world.organizations.demo, mac: macOf(40), logoutUrl: 'http://10.5.50.1/logout' }, new Date(Date.now() + 3600_000))}`
    const browser = await RestClient.anonymous({ headers: { 'x-beacon-client-ip': '203.0.113.9', cookie } }).get(
      `/api/captive-portal?router=${downtown.router}`,
    )
    expect(browser.body.captive).toBe(false)
    // A cookie for Demo ISP's device means nothing at Other ISP's router.
    const elsewhere = await RestClient.anonymous({ headers: { cookie } }).get(`/api/captive-portal?router=${network.routers.mainStreet}`)
    expect(elsewhere.body.captive).toBe(true)

    // Once the session ends, the device is captive again.
    await db.execute(sql`update sessions set status = 'terminated', ended_at = now() where id = ${connection.session.id}`)
    expect((await device.get(`/api/captive-portal?router=${downtown.router}`)).body.captive).toBe(true)
  })

  it('tells a customer whose subscription runs on that the portal continues it, and a pending device that it is still captive', async () => {
    const subscribed = await createDemoCustomer({ customer: { plan: network.plans.dayPass } })
    const connection = await connectCustomer(world.payload, { place: downtown, hotspot: hotspotFor(macOf(50)), customer: subscribed.id })
    if (connection.outcome !== 'connect') throw new Error(connection.message)
    const db = await drizzleFor(world.payload)
    await db.execute(sql`update sessions set usage_last_ip = '10.5.50.50' where id = ${connection.session.id}`)
    const device = RestClient.anonymous({ headers: { 'x-beacon-client-ip': '10.5.50.50' } })
    // Handed to the router, not let in yet (no Accounting-Start): still captive.
    expect((await device.get(`/api/captive-portal/${downtown.router}`)).body.captive).toBe(true)
    await db.execute(sql`update sessions set status = 'active' where id = ${connection.session.id}`)
    expect((await device.get(`/api/captive-portal/${downtown.router}`)).body).toMatchObject({
      captive: false,
      'can-extend-session': true,
      'bytes-remaining': 2000 * 1_048_576,
    })
  })

  it('does not promise an extension for a plan of another organization, an expired subscription or a suspended account', async () => {
    const db = await drizzleFor(world.payload)
    // Another organization's plan cannot be given over the API; a database could still hold one.
    const otherPlan = (id: string) => db.execute(sql`update users set customer_plan_id = ${network.plans.otherDaily} where id = ${id}`)
    const suspended = (id: string) => db.execute(sql`update users set status = 'SUSPENDED' where id = ${id}`)
    const cases: { customer: Record<string, unknown>; then?: (id: string) => Promise<unknown> }[] = [
      { customer: { plan: network.plans.dayPass }, then: otherPlan },
      { customer: { plan: network.plans.dayPass, planExpiresAt: new Date(Date.now() + 3600_000).toISOString() } },
      { customer: { plan: network.plans.dayPass }, then: suspended },
    ]
    for (const [index, { customer, then }] of cases.entries()) {
      const subscribed = await createDemoCustomer({ customer })
      // A running allowance of the Day Pass ending in 24 h, opened as a RADIUS login would.
      const session = await world.payload.create({
        collection: 'sessions',
        data: {
          organization: world.organizations.demo,
          location: world.locations.downtown,
          router: network.routers.downtown,
          user: subscribed.id,
          plan: network.plans.dayPass,
          deviceMac: macOf(60 + index),
          status: 'active',
          authMethod: 'account',
          startedAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
          usage: { dataMB: 0, inputOctets: 0, outputOctets: 0, lastIp: `10.5.50.${60 + index}` },
        } as never,
      })
      await then?.(subscribed.id)
      const allowance = await allowanceOfSession(world.payload, { session: String(session.id), organization: world.organizations.demo })
      expect(allowance?.renewable, JSON.stringify(customer)).toBe(false)
    }
  })

  it('says what is wrong with the address it was given', async () => {
    const anonymous = RestClient.anonymous()
    expect((await anonymous.get('/api/captive-portal')).status).toBe(400)
    expect((await anonymous.get('/api/captive-portal?router=nonsense')).status).toBe(400)
    expect((await anonymous.get('/api/captive-portal/nonsense')).status).toBe(400)
    expect((await anonymous.get('/api/captive-portal?router=00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('a forgotten password', () => {
  async function outbox(): Promise<{ to: string; subject: string; text: string }[]> {
    const folder = process.env.BEACON_EMAIL_OUTBOX!
    const names = (await readdir(folder)).sort()
    return Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8'))))
  }
  const send = (email: string, organization = world.organizations.demo) =>
    sendPasswordResetLink(world.payload, {
      organization,
      organizationName: 'Demo ISP WiFi',
      email,
      resetPage: (token) => `https://wifi.example/portal/demo-isp/${world.locations.downtown}/reset?token=${token}`,
    })

  it('is reset with the link emailed to the account, once; other addresses get nothing', async () => {
    process.env.BEACON_EMAIL_OUTBOX = await mkdtemp(path.join(tmpdir(), 'beacon-outbox-'))
    const customer = await createDemoCustomer()
    const email = `${customer.username}@example.test`
    expect(await send(email.toUpperCase())).toBe('sent')
    const [message] = await outbox()
    expect(message).toMatchObject({ to: email, subject: 'Reset your password for Demo ISP WiFi' })
    const token = /reset\?token=([0-9a-f]+)/.exec(message.text)![1]

    expect(await resetCustomerPassword(world.payload, { token, password: 'short' })).toBe('reset-password')
    expect(await resetCustomerPassword(world.payload, { token, password: 'a-brand-new-secret' })).toBe('changed')
    expect(await resetCustomerPassword(world.payload, { token, password: 'another-new-secret' })).toBe('reset-expired')
    const signedIn = await signInCustomer(world.payload, { organization: world.organizations.demo, login: customer.username, password: 'a-brand-new-secret', headers: headers() })
    expect(signedIn.outcome).toBe('signed-in')
    expect((await signInCustomer(world.payload, { organization: world.organizations.demo, login: customer.username, password: CUSTOMER_PASSWORD, headers: headers() })).outcome).toBe('refused')

    // Nobody by that address here, a customer of another organization, a phone-only account: nothing is sent.
    const phoneOnly = await registerCustomer(world.payload, world.organizations.demo, { name: 'Phone Only', contact: '+254711000999', password: 'phone-only-1' })
    if (phoneOnly.outcome !== 'registered') throw new Error('not registered')
    expect(await send('nobody@example.test')).toBe('no-account')
    expect(await send(email, world.organizations.other)).toBe('no-account')
    expect(await send(phoneOnly.email)).toBe('no-account')
    expect(await outbox()).toHaveLength(1)
    expect(await resetCustomerPassword(world.payload, { token: 'f'.repeat(40), password: 'a-brand-new-secret' })).toBe('reset-expired')
  })
})

describe("a signed-in customer's status without a device in this browser", () => {
  it('is the allowance running on any of their devices', async () => {
    const customer = await createDemoCustomer({ customer: { plan: network.plans.dayPass } })
    const connection = await connectCustomer(world.payload, { place: downtown, hotspot: hotspotFor(macOf(77)), customer: customer.id })
    if (connection.outcome !== 'connect') throw new Error(`refused: ${JSON.stringify(connection)}`)
    const db = await drizzleFor(world.payload)
    await db.execute(sql`update sessions set status = 'active', acct_session_id = ${unique('acct')}, usage_output_octets = 1048576 where id = ${connection.session.id}`)
    const allowance = await allowanceOfCustomer(world.payload, { user: customer.id, organization: world.organizations.demo })
    expect(allowance).toMatchObject({ plan: { name: 'Day Pass' }, usedBytes: 1_048_576, bytesLeft: 1999 * 1_048_576, devicesOnline: 1, live: true })
    expect(await allowanceOfCustomer(world.payload, { user: customer.id, organization: world.organizations.other })).toBeNull()
  })
})
