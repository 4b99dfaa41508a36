/**
 * The RADIUS service end to end: started on free ports over the test database and driven by
 * FreeRADIUS's radclient as the router (and raw datagrams where radclient cannot go).
 */
import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-postgres'

import { drizzleFor } from '@/db/sql'
import { issuePortalCredentials } from '@/plugins/network/portalCredentials/credentials'
import { redeemVoucher } from '@/plugins/network/vouchers/redeemVoucher'

import { createDemoCustomer, createSession, loadNetwork, loadWorld, unique, type World } from '../../../tests/helpers/fixtures'
import { type RadiusService, startRadiusService } from '../../src'
import { accountingRecordOf, recordCommonCases } from '../../src/accounting'
import type { DropReason } from '../../src/metrics'
import { accountingRequestAuthenticator } from '../../src/protocol/authenticator'
import { parseHeader, RADIUS_CODES } from '../../src/protocol/packet'
import { encodeText } from '../../src/protocol/text'
import { testConfig } from '../helpers/config'
import { type AttributeInput, classSession, radclient, type RadclientResult, valueOf } from '../helpers/radclient'
import { accessRequest, accountingRequest, exchange } from '../helpers/udp'

const SECRET = 'testing123' // the demo Downtown router, 127.0.0.1
const MINUTE = 60_000

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>
let service: RadiusService

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
  service = await startRadiusService({
    payload: world.payload,
    config: testConfig({ interimIntervalSeconds: 120 }),
  })
})

afterAll(async () => {
  await service?.close()
})

let nextMac = 0x10
/** A device MAC no other test uses. */
const newMac = () => `02:42:ac:12:${randomBytes(1).toString('hex')}:${(nextMac++ % 256).toString(16).padStart(2, '0')}`.toUpperCase()

const auth = (attributes: AttributeInput, secret = SECRET) => radclient({ port: service.authPort, type: 'auth', secret, attributes })
const acct = (attributes: AttributeInput, secret = SECRET) => radclient({ port: service.accountingPort, type: 'acct', secret, attributes })

/** A fresh AVAILABLE voucher (Downtown, 1 Hour plan unless told otherwise). */
async function voucher(overrides: Record<string, unknown> = {}) {
  const created = await world.payload.create({
    collection: 'vouchers',
    data: { organization: world.organizations.demo, location: world.locations.downtown, plan: network.plans.oneHour, status: 'AVAILABLE', ...overrides } as never,
  })
  return created.code
}

/** A customer of Demo ISP who can sign in with a username and password. */
const customer = createDemoCustomer

const session = (id: string) => world.payload.findByID({ collection: 'sessions', id, depth: 0 })

async function dropped(reason: DropReason, type: 'access' | 'accounting' = 'access'): Promise<number> {
  const { values } = await service.metrics.drops.get()
  return values.find((value) => value.labels.reason === reason && value.labels.type === type)?.value ?? 0
}

function expectAccept(result: RadclientResult) {
  expect(result.code, result.output).toBe('Access-Accept')
}

function expectReject(result: RadclientResult, message: string) {
  expect(result.code, result.output).toBe('Access-Reject')
  expect(valueOf(result, 'Reply-Message')).toBe(message)
  // BlastRADIUS: Message-Authenticator first in every reply to an Access-Request.
  expect(result.attributes[0][0]).toBe('Message-Authenticator')
}

describe('vouchers', () => {
  it('accepts a code by PAP with the plan, time left and a Class, and marks the voucher used', async () => {
    const code = await voucher()
    const mac = newMac()
    const result = await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': mac, 'NAS-Port': 0 })
    expectAccept(result)
    expect(result.attributes[0][0]).toBe('Message-Authenticator')
    expect(valueOf(result, 'Mikrotik-Rate-Limit')).toBe('5M/10M')
    expect(Number(valueOf(result, 'Session-Timeout'))).toBeGreaterThan(3590)
    expect(Number(valueOf(result, 'Session-Timeout'))).toBeLessThanOrEqual(3600)
    expect(valueOf(result, 'Acct-Interim-Interval')).toBe('120')

    const id = classSession(result)!
    expect(await session(id)).toMatchObject({ status: 'pending', deviceMac: mac, router: network.routers.downtown, authMethod: 'voucher' })
    const { docs } = await world.payload.find({ collection: 'vouchers', where: { code: { equals: code } }, depth: 0 })
    expect(docs[0]).toMatchObject({ status: 'USED' })
  })

  it('accepts a code by CHAP, and the same device logging in again continues its session', async () => {
    const code = await voucher()
    const mac = newMac()
    const first = await auth({ 'User-Name': code, 'CHAP-Password': code, 'Calling-Station-Id': mac })
    expectAccept(first)
    const again = await auth({ 'User-Name': code.toLowerCase(), 'CHAP-Password': code.toLowerCase(), 'Calling-Station-Id': mac })
    expectAccept(again)
    expect(classSession(again)).toBe(classSession(first))
    // A code that looks like hex to radclient (0X…) is still a CHAP password, answered as a router would.
    const hexLooking = await voucher({ code: `0X${randomBytes(4).toString('hex').toUpperCase()}` })
    expectAccept(await auth({ 'User-Name': hexLooking, 'CHAP-Password': hexLooking, 'Calling-Station-Id': newMac() }))
  })

  it('tells a data cap from a used-up voucher, and counts devices against the plan', async () => {
    const capped = await voucher({ plan: network.plans.dayPass }) // 2000 MB, 2 devices
    const mac = newMac()
    const first = await auth({ 'User-Name': capped, 'User-Password': capped, 'Calling-Station-Id': mac })
    expectAccept(first)
    expect(Number(valueOf(first, 'Mikrotik-Total-Limit'))).toBe(2000 * 1_048_576)
    await world.payload.update({
      collection: 'sessions',
      id: classSession(first)!,
      data: { usage: { dataMB: 0, inputOctets: 1_000 * 1_048_576, outputOctets: 1_000 * 1_048_576 } },
    })
    expectReject(await auth({ 'User-Name': capped, 'User-Password': capped, 'Calling-Station-Id': newMac() }), 'The data allowance of this voucher has been used up.')

    const single = await voucher() // 1 Hour: one device
    expectAccept(await auth({ 'User-Name': single, 'User-Password': single, 'Calling-Station-Id': newMac() }))
    expectReject(
      await auth({ 'User-Name': single, 'User-Password': single, 'Calling-Station-Id': newMac() }),
      'This voucher is already in use on as many devices as its plan allows.',
    )
  })

  it.each([
    ['an unknown code', async (): Promise<string> => 'NOSUCH2345', 'This voucher code is not valid.'],
    ['a withdrawn voucher', (): Promise<string> => voucher({ status: 'EXPIRED' }), 'This voucher has expired.'],
    ['a voucher of another branch', (): Promise<string> => voucher({ location: world.locations.airport }), 'This voucher is not valid at this location.'],
    [
      'a voucher whose time ran out',
      async () => {
        const code = await voucher()
        await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: newMac(), now: new Date(Date.now() - 2 * 60 * MINUTE) })
        return code
      },
      'This voucher has been used up.',
    ],
  ] as const)('rejects %s with the reason in Reply-Message', async (_name, setup, message) => {
    const code = await setup()
    expectReject(await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() }), message)
  })

  it('rejects everyone of a suspended organization', async () => {
    const code = await voucher()
    await world.payload.update({ collection: 'organizations', id: world.organizations.demo, data: { status: 'SUSPENDED' } })
    try {
      expectReject(
        await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() }),
        'This WiFi service is suspended. Please contact the provider.',
      )
    } finally {
      await world.payload.update({ collection: 'organizations', id: world.organizations.demo, data: { status: 'ACTIVE' } })
    }
  })
})

describe('customers', () => {
  const subscribed = (): { customer: { plan: string; planExpiresAt: string } } => ({
    customer: { plan: network.plans.dayPass, planExpiresAt: new Date(Date.now() + 7 * 24 * 60 * MINUTE).toISOString() },
  })

  it('accepts a registered MAC (any common format) of a customer with a plan, and rejects an unregistered one', async () => {
    const mac = newMac()
    await customer({ customer: { ...subscribed().customer, macAddresses: [{ mac }] } })
    const dashed = mac.toLowerCase().replaceAll(':', '-')
    const result = await auth({ 'User-Name': dashed, 'User-Password': '', 'Calling-Station-Id': mac })
    expectAccept(result)
    expect(valueOf(result, 'Mikrotik-Rate-Limit')).toBe('10M/20M')
    expect(await session(classSession(result)!)).toMatchObject({ authMethod: 'mac', deviceMac: mac, status: 'pending' })

    const stranger = newMac()
    expectReject(await auth({ 'User-Name': stranger, 'User-Password': '', 'Calling-Station-Id': stranger }), 'This device is not registered. Please sign in on the login page.')
  })

  it('accepts a customer account by PAP against its password, within the plan period', async () => {
    const account = await customer(subscribed())
    const result = await auth({ 'User-Name': account.username, 'User-Password': account.password, 'Calling-Station-Id': newMac() })
    expectAccept(result)
    const stored = await session(classSession(result)!)
    expect(stored).toMatchObject({ authMethod: 'account', user: account.id, plan: network.plans.dayPass })
    // A second device joins the same period (Day Pass allows 2).
    const second = await auth({ 'User-Name': account.username, 'User-Password': account.password, 'Calling-Station-Id': newMac() })
    expectAccept(second)
    expect((await session(classSession(second)!)).expiresAt).toBe(stored.expiresAt)
  })

  it("refuses a device over the plan's devices at once in words about the account, not a voucher", async () => {
    const account = await customer(subscribed()) // Day Pass: 2 devices
    const signIn = () => auth({ 'User-Name': account.username, 'User-Password': account.password, 'Calling-Station-Id': newMac() })
    expectAccept(await signIn())
    expectAccept(await signIn())
    expectReject(await signIn(), 'Your account is already in use on 2 devices, the most your plan allows. Sign out on another device first.')
  })

  it('accepts a customer account by its phone number, however it is written', async () => {
    const phone = `+25474${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const account = await customer({ ...subscribed(), phone: `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` })
    const result = await auth({ 'User-Name': phone, 'User-Password': account.password, 'Calling-Station-Id': newMac() })
    expectAccept(result)
    expect(await session(classSession(result)!)).toMatchObject({ authMethod: 'account', user: account.id })
  })

  it('rejects a wrong password, then locks the account after five', async () => {
    const account = await customer(subscribed())
    const wrong = () => auth({ 'User-Name': account.username, 'User-Password': 'not it', 'Calling-Station-Id': newMac() })
    for (let attempt = 1; attempt <= 5; attempt++) expectReject(await wrong(), 'The username or password is not correct.')
    expectReject(
      await auth({ 'User-Name': account.username, 'User-Password': account.password, 'Calling-Station-Id': newMac() }),
      'Too many failed sign-ins. Please try again in 15 minutes.',
    )
  })

  it.each([
    ['a suspended account', () => ({ status: 'SUSPENDED', ...subscribed() }), 'This account is suspended. Please contact the provider.'],
    ['an account without a plan', () => ({}), 'This account has no active plan. Buy a voucher or a plan to get online.'],
    [
      'an account whose plan is paid until yesterday',
      () => ({ customer: { plan: network.plans.dayPass, planExpiresAt: new Date(Date.now() - 24 * 60 * MINUTE).toISOString() } }),
      'This account has no active plan. Buy a voucher or a plan to get online.',
    ],
  ] as const)('rejects %s', async (_name, overrides, message) => {
    const account = await customer(overrides())
    expectReject(await auth({ 'User-Name': account.username, 'User-Password': account.password, 'Calling-Station-Id': newMac() }), message)
  })

  it('asks CHAP account logins to use the portal (only password hashes are stored)', async () => {
    const account = await customer(subscribed())
    expectReject(
      await auth({ 'User-Name': account.username, 'CHAP-Password': account.password, 'Calling-Station-Id': newMac() }),
      'Please sign in with your account on the login page.',
    )
  })
})

describe('one-time portal credentials', () => {
  async function pendingSession() {
    const code = await voucher()
    const mac = newMac()
    const redemption = await redeemVoucher(world.payload, { router: network.routers.downtown, code, deviceMac: mac })
    if (redemption.outcome !== 'accept') throw new Error(redemption.message)
    return { id: String(redemption.session.id), mac }
  }

  it('are accepted once by CHAP from their device, for their session', async () => {
    const { id, mac } = await pendingSession()
    const credentials = await issuePortalCredentials(world.payload, { session: id, deviceMac: mac })
    const login = () => auth({ 'User-Name': credentials.username, 'CHAP-Password': credentials.password, 'Calling-Station-Id': mac })
    const result = await login()
    expectAccept(result)
    expect(classSession(result)).toBe(id)
    expect(valueOf(result, 'Mikrotik-Rate-Limit')).toBe('5M/10M')
    expectReject(await login(), 'This sign-in has expired. Please sign in again on the login page.')
  })

  it('are refused from another device, with a wrong password and after they expire', async () => {
    const { id, mac } = await pendingSession()
    const credentials = await issuePortalCredentials(world.payload, { session: id, deviceMac: mac })
    const message = 'This sign-in has expired. Please sign in again on the login page.'
    expectReject(await auth({ 'User-Name': credentials.username, 'User-Password': credentials.password, 'Calling-Station-Id': newMac() }), message)
    expectReject(await auth({ 'User-Name': credentials.username, 'User-Password': 'guess', 'Calling-Station-Id': mac }), message)
    // Neither attempt used them up: the right device with the right password still gets in (PAP).
    expectAccept(await auth({ 'User-Name': credentials.username, 'User-Password': credentials.password, 'Calling-Station-Id': mac }))

    const late = await issuePortalCredentials(world.payload, { session: id, deviceMac: mac, now: new Date(Date.now() - 10 * MINUTE) })
    expectReject(await auth({ 'User-Name': late.username, 'User-Password': late.password, 'Calling-Station-Id': mac }), message)
  })

  it('cannot be issued for another device or an ended session', async () => {
    const { id } = await pendingSession()
    await expect(issuePortalCredentials(world.payload, { session: id, deviceMac: newMac() })).rejects.toThrow(/another device/)
    await expect(issuePortalCredentials(world.payload, { session: id, deviceMac: 'not a mac' })).rejects.toThrow(/Not a MAC/)
  })
})

describe('packets that get no answer', () => {
  it('drops requests signed with the wrong secret, and counts them', async () => {
    const code = await voucher()
    const before = [await dropped('bad-message-authenticator'), await dropped('bad-authenticator', 'accounting')]
    const access = await auth({ 'User-Name': code, 'User-Password': code, 'Message-Authenticator': '0x00' }, 'wrong-secret')
    const accounting = await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': unique('wrong') }, 'wrong-secret')
    expect([access.code, accounting.code]).toEqual([null, null])
    expect([await dropped('bad-message-authenticator'), await dropped('bad-authenticator', 'accounting')]).toEqual([before[0] + 1, before[1] + 1])
    // The voucher was not touched.
    const { docs } = await world.payload.find({ collection: 'vouchers', where: { code: { equals: code } }, depth: 0 })
    expect(docs[0].status).toBe('AVAILABLE')
  })

  it('drops requests from an address that is no registered router', async () => {
    const before = await dropped('unknown-router', 'accounting')
    const packet = accountingRequest([['Acct-Status-Type', 'Start'], ['Acct-Session-Id', 'x1']], SECRET)
    expect(await exchange([packet], { port: service.accountingPort, from: '127.0.0.77', timeoutMs: 800 })).toEqual([null])
    expect(await dropped('unknown-router', 'accounting')).toBe(before + 1)
  })

  it('drops malformed datagrams and keeps serving', async () => {
    const before = await dropped('malformed')
    const truncated = accessRequest('A', 'B', SECRET).subarray(0, 25)
    const badLength = Buffer.from(accessRequest('A', 'B', SECRET))
    badLength.writeUInt16BE(4000, 2)
    const zeroLengthAttribute = Buffer.concat([accessRequest('A', 'B', SECRET), Buffer.from([1, 0])])
    zeroLengthAttribute.writeUInt16BE(zeroLengthAttribute.length, 2)
    const replies = await exchange([truncated, badLength, zeroLengthAttribute, randomBytes(600)], { port: service.authPort, timeoutMs: 500 })
    expect(replies).toEqual([null, null, null, null])
    expect(await dropped('malformed')).toBeGreaterThanOrEqual(before + 3)
    const code = await voucher()
    expectAccept(await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() }))
  })

  it('survives well-framed datagrams full of random attributes, signed and unsigned', async () => {
    const randomAttributes = () => {
      const parts: Buffer[] = []
      for (let count = 1 + Math.floor(Math.random() * 8); count > 0; count--) {
        const value = randomBytes(Math.floor(Math.random() * 20))
        parts.push(Buffer.concat([Buffer.from([1 + Math.floor(Math.random() * 255), value.length + 2]), value]))
      }
      return Buffer.concat(parts)
    }
    const datagram = (code: number) => {
      const attributes = randomAttributes()
      const packet = Buffer.concat([Buffer.from([code, Math.floor(Math.random() * 256), 0, 0]), randomBytes(16), attributes])
      packet.writeUInt16BE(packet.length, 2)
      if (code === RADIUS_CODES['Accounting-Request']) {
        packet.fill(0, 4, 20)
        accountingRequestAuthenticator(packet, SECRET).copy(packet, 4)
      }
      return packet
    }
    const accessFuzz = Array.from({ length: 150 }, () => datagram(RADIUS_CODES['Access-Request']))
    const accountingFuzz = Array.from({ length: 150 }, () => datagram(RADIUS_CODES['Accounting-Request']))
    await exchange(accessFuzz, { port: service.authPort, timeoutMs: 20 })
    await exchange(accountingFuzz, { port: service.accountingPort, timeoutMs: 20 })
    const code = await voucher()
    expectAccept(await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() }))
    expect((await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': unique('after-fuzz') })).code).toBe('Accounting-Response')
  })

  it('requires Message-Authenticator from a router set to require it, and puts it first in replies', async () => {
    const routers = network.routers.downtown
    await world.payload.update({ collection: 'routers', id: routers, data: { requireMessageAuthenticator: true } })
    service.routers.clear()
    try {
      const code = await voucher()
      const before = await dropped('missing-message-authenticator')
      const without = await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() })
      expect(without.code).toBeNull()
      expect(await dropped('missing-message-authenticator')).toBe(before + 1)

      const withIt = await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac(), 'Message-Authenticator': '0x00' })
      expectAccept(withIt)
      expect(withIt.attributes[0][0]).toBe('Message-Authenticator')
    } finally {
      await world.payload.update({ collection: 'routers', id: routers, data: { requireMessageAuthenticator: false } })
      service.routers.clear()
    }
  })
})

describe('text PostgreSQL cannot store as it came (a NUL, octets that are not UTF-8)', () => {
  const WRONG_CREDENTIALS = 'The username or password is not correct.'

  it('gets an Access-Reject that says why, for a NUL in User-Name', async () => {
    const code = await voucher()
    const codeThenNul = Buffer.concat([Buffer.from(code), Buffer.from([0])])
    expectReject(await auth({ 'User-Name': codeThenNul, 'User-Password': code, 'Calling-Station-Id': newMac() }), WRONG_CREDENTIALS)
    expectReject(await auth({ 'User-Name': Buffer.from([0x61, 0x00, 0xff, 0x62]), 'User-Password': 'x' }), WRONG_CREDENTIALS)
    const { docs } = await world.payload.find({ collection: 'vouchers', where: { code: { equals: code } }, depth: 0 })
    expect(docs[0].status).toBe('AVAILABLE')
  })

  it('records accounting with such an Acct-Session-Id and User-Name, losslessly, and acknowledges it', async () => {
    const prefix = unique('nul')
    const acctSessionId = Buffer.concat([Buffer.from(prefix), Buffer.from([0x00, 0xff, 0x5c])])
    // Differs only in an octet that is not UTF-8, which a plain decode would read as the same U+FFFD.
    const sibling = Buffer.concat([Buffer.from(prefix), Buffer.from([0x00, 0xfe, 0x5c])])
    const start = await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': acctSessionId, 'User-Name': Buffer.from('b\0ob'), 'Calling-Station-Id': newMac() })
    expect(start.code, start.output).toBe('Accounting-Response')
    expect((await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': sibling, 'Calling-Station-Id': newMac() })).code).toBe('Accounting-Response')
    const interim = await acct({ 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': acctSessionId, 'Acct-Output-Octets': 2_097_152, 'Acct-Session-Time': 60 })
    expect(interim.code, interim.output).toBe('Accounting-Response')

    const find = async (stored: string) => (await world.payload.find({ collection: 'sessions', where: { acctSessionId: { equals: stored } }, depth: 0 })).docs
    const [recorded] = await find(`${prefix}\\x00\\xFF\\x5C`)
    expect(recorded).toMatchObject({ status: 'active', authMethod: 'accounting', userName: 'b\\x00ob', usage: { dataMB: 2 } })
    expect(encodeText(recorded.acctSessionId!)).toEqual(acctSessionId)
    expect(await find(`${prefix}\\x00\\xFE\\x5C`)).toHaveLength(1)

    const stop = await acct({ 'Acct-Status-Type': 'Stop', 'Acct-Session-Id': acctSessionId, 'Acct-Terminate-Cause': 'User-Request', 'Acct-Session-Time': 90 })
    expect(stop.code, stop.output).toBe('Accounting-Response')
    expect(await session(recorded.id)).toMatchObject({ status: 'terminated', terminateCause: 'User-Request' })
  })

  it('answers every request whatever octets its text attributes hold, also when they arrive together', async () => {
    // Mostly NUL, backslash and octets that are not UTF-8 on their own.
    const interesting = [0x00, 0x5c, 0x80, 0xc3, 0xed, 0xff]
    const octets = (length: number) =>
      Buffer.from(Array.from({ length }, () => (Math.random() < 0.5 ? interesting[Math.floor(Math.random() * interesting.length)] : 0x41 + Math.floor(Math.random() * 26))))
    const records = Array.from({ length: 40 }, (_, index) =>
      accountingRequest(
        [
          ['Acct-Status-Type', index % 2 === 0 ? 'Start' : 'Interim-Update'],
          ['Acct-Session-Id', Buffer.concat([Buffer.from(unique('fuzz')), octets(1 + Math.floor(Math.random() * 8))])],
          ['User-Name', octets(1 + Math.floor(Math.random() * 12))],
          ['NAS-Identifier', octets(4)],
          ['Acct-Output-Octets', index],
        ],
        SECRET,
        index,
      ),
    )
    // Sent at once from several sockets, so the service batches them into shared statements.
    const replies = (await Promise.all(records.map((record) => exchange([record], { port: service.accountingPort, timeoutMs: 5_000 })))).flat()
    expect(replies.map((reply) => reply && parseHeader(reply).code)).toEqual(records.map(() => RADIUS_CODES['Accounting-Response']))

    const logins = Array.from({ length: 4 }, () => accessRequest('xyz', 'password', SECRET, [], Math.floor(Math.random() * 256)))
    for (const login of logins) {
      // The User-Name replaced by octets of every kind (its length stays 3).
      login.set(Buffer.from([1, 5, 0x61, 0x00, interesting[Math.floor(Math.random() * interesting.length)]]), 20)
    }
    const answers = (await Promise.all(logins.map((login) => exchange([login], { port: service.authPort, timeoutMs: 5_000 })))).flat()
    expect(answers.map((reply) => reply && parseHeader(reply).code)).toEqual(logins.map(() => RADIUS_CODES['Access-Reject']))
  })
})

describe('retransmissions (RFC 5080 §2.2.2)', () => {
  it('get the same reply and are processed once', async () => {
    const code = await voucher()
    const packet = accessRequest(code, code, SECRET, [['Calling-Station-Id', newMac()]])
    const before = (await service.metrics.requests.get()).values.find((value) => value.labels.result === 'duplicate' && value.labels.type === 'access')?.value ?? 0
    const [first, second] = await exchange([packet, packet], { port: service.authPort })
    expect(first).not.toBeNull()
    expect(parseHeader(first!).code).toBe(RADIUS_CODES['Access-Accept'])
    expect(second!.equals(first!)).toBe(true)
    const after = (await service.metrics.requests.get()).values.find((value) => value.labels.result === 'duplicate' && value.labels.type === 'access')?.value ?? 0
    expect(after).toBe(before + 1)
    const voucherDoc = (await world.payload.find({ collection: 'vouchers', where: { code: { equals: code } }, depth: 0 })).docs[0]
    expect((await world.payload.count({ collection: 'sessions', where: { voucher: { equals: voucherDoc.id } } })).totalDocs).toBe(1)
  })

  it('copy Proxy-State into the reply in order', async () => {
    const code = await voucher()
    const result = await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac(), 'Proxy-State': ['0x6669727374', '0x7365636f6e64'] })
    expectAccept(result)
    expect(result.attributes.filter(([name]) => name === 'Proxy-State').map(([, value]) => value)).toEqual(['0x6669727374', '0x7365636f6e64'])
  })
})

describe('accounting', () => {
  async function acceptedSession(plan = network.plans.oneHour) {
    const code = await voucher({ plan })
    const mac = newMac()
    const result = await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': mac })
    expectAccept(result)
    return { id: classSession(result)!, classValue: valueOf(result, 'Class')!, mac }
  }

  it('records accounting that arrives together in one statement, each record on its own session, in order', async () => {
    const router = (await service.routers.lookup('127.0.0.1'))!
    const accepted = [await acceptedSession(), await acceptedSession(), await acceptedSession()]
    const ids = accepted.map(() => unique('acct'))
    const record = (index: number, statusType: string, octets = 0) =>
      accountingRecordOf(
        {
          'Acct-Status-Type': statusType,
          'Acct-Session-Id': ids[index],
          Class: Buffer.from(accepted[index].classValue.slice(2), 'hex'),
          'Calling-Station-Id': accepted[index].mac,
          'Acct-Output-Octets': octets,
        },
        new Date(),
      )
    const started = await recordCommonCases(world.payload, [0, 1, 2].map((index) => ({ router, record: record(index, 'Start') })))
    expect(started.map((outcome) => outcome?.session)).toEqual(accepted.map(({ id }) => id))
    // Two updates of one session in the same statement: the later count stays; a session this
    // router never reported is left for the full path (null), having written nothing.
    const unknown = accountingRecordOf({ 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': unique('acct') }, new Date())
    const updated = await recordCommonCases(world.payload, [
      { router, record: record(2, 'Interim-Update', 3_000) },
      { router, record: unknown },
      { router, record: record(0, 'Interim-Update', 1_000) },
      { router, record: record(2, 'Interim-Update', 2_000) },
    ])
    expect(updated.map((outcome) => outcome?.session ?? null)).toEqual([accepted[2].id, null, accepted[0].id, accepted[2].id])
    const after = await Promise.all(accepted.map(({ id }) => session(id)))
    expect(after.map((doc) => [doc.status, doc.acctSessionId, doc.usage?.outputOctets])).toEqual([
      ['active', ids[0], 1_000],
      ['active', ids[1], 0],
      ['active', ids[2], 3_000],
    ])
  })

  it('Start, Interim-Update with gigawords and Stop update the session (a 5 GiB session reports 5120 MB)', async () => {
    const { id, classValue, mac } = await acceptedSession()
    const acctSessionId = unique('acct')
    const eventTime = Math.floor(Date.now() / 1000) - 60
    const start = await acct({
      'Acct-Status-Type': 'Start',
      'Acct-Session-Id': acctSessionId,
      Class: classValue,
      'Calling-Station-Id': mac,
      'Framed-IP-Address': '10.5.50.23',
      'Event-Timestamp': eventTime,
      'Acct-Delay-Time': 5,
    })
    expect(start.code, start.output).toBe('Accounting-Response')
    const started = await session(id)
    expect(started).toMatchObject({ status: 'active', acctSessionId, usage: { lastIp: '10.5.50.23' } })
    expect(started.startedAt).toBe(new Date((eventTime - 5) * 1000).toISOString())

    const interim = (gigawords: number, octets: number, ip = '10.5.50.24') =>
      acct({
        'Acct-Status-Type': 'Interim-Update',
        'Acct-Session-Id': acctSessionId,
        'Acct-Input-Octets': 0,
        'Acct-Input-Gigawords': 0,
        'Acct-Output-Octets': octets,
        'Acct-Output-Gigawords': gigawords,
        'Framed-IP-Address': ip,
        'Acct-Session-Time': 600,
      })
    expect((await interim(1, 1_073_741_824)).code).toBe('Accounting-Response') // 2^32 + 2^30 = 5 GiB
    expect((await session(id)).usage).toMatchObject({ dataMB: 5120, outputOctets: 5 * 2 ** 30, lastIp: '10.5.50.24' })
    // Counters are cumulative: an older update arriving late takes nothing back, and is not added.
    await interim(0, 1000)
    expect((await session(id)).usage).toMatchObject({ dataMB: 5120, outputOctets: 5 * 2 ** 30 })

    const stop = await acct({
      'Acct-Status-Type': 'Stop',
      'Acct-Session-Id': acctSessionId,
      'Acct-Output-Octets': 1_073_741_824 + 1_048_576,
      'Acct-Output-Gigawords': 1,
      'Acct-Terminate-Cause': 'Session-Timeout',
      'Acct-Session-Time': 3600,
    })
    expect(stop.code).toBe('Accounting-Response')
    const stopped = await session(id)
    expect(stopped).toMatchObject({ status: 'expired', terminateCause: 'Session-Timeout', usage: { dataMB: 5121 } })
    expect(stopped.endedAt).toBeTruthy()
    const router = await world.payload.findByID({ collection: 'routers', id: network.routers.downtown, depth: 0 })
    expect(Date.now() - new Date(router.lastSeenAt!).getTime()).toBeLessThan(60_000)
  })

  it('ends a session stopped by the user as terminated', async () => {
    const { id, classValue } = await acceptedSession()
    const acctSessionId = unique('acct')
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': acctSessionId, Class: classValue })
    await acct({ 'Acct-Status-Type': 'Stop', 'Acct-Session-Id': acctSessionId, 'Acct-Output-Octets': 10, 'Acct-Terminate-Cause': 'User-Request' })
    expect(await session(id)).toMatchObject({ status: 'terminated', terminateCause: 'User-Request' })
  })

  it('keeps accounting for sessions Beacon never accepted, linked by MAC where it can', async () => {
    const mac = newMac()
    const owner = await customer({ customer: { macAddresses: [{ mac }] } })
    const known = unique('unknown')
    await acct({ 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': known, 'Calling-Station-Id': mac, 'Acct-Output-Octets': 2_097_152, 'Acct-Session-Time': 60 })
    const stranger = unique('unknown')
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': stranger, 'Calling-Station-Id': newMac() })

    const find = async (acctSessionId: string) =>
      (await world.payload.find({ collection: 'sessions', where: { acctSessionId: { equals: acctSessionId } }, depth: 1 })).docs[0]
    const linked = await find(known)
    expect(linked).toMatchObject({ status: 'active', authMethod: 'accounting', deviceMac: mac, usage: { dataMB: 2 } })
    expect((linked.user as { id: string }).id).toBe(owner.id)
    const unlinked = await find(stranger)
    expect(unlinked).toMatchObject({ status: 'active', authMethod: 'accounting' })
    expect((unlinked.user as { name: string }).name).toBe('Unregistered devices')
  })

  it('closes every open session of that router (and only that router) on Accounting-On and Accounting-Off', async () => {
    const address = '127.0.0.45'
    const secret = 'rebooting-router'
    const router = await world.payload.create({
      collection: 'routers',
      data: { organization: world.organizations.demo, location: world.locations.airport, name: unique('airport'), ipAddress: address, secret, requireMessageAuthenticator: false } as never,
    })
    const place = { organization: world.organizations.demo, location: world.locations.airport, user: world.users.alice, router: String(router.id) }
    const elsewhere = await createSession({ organization: world.organizations.demo, location: world.locations.downtown, user: world.users.alice, router: network.routers.downtown })
    const statusType = async (type: 'Accounting-On' | 'Accounting-Off') => {
      const [reply] = await exchange([accountingRequest([['Acct-Status-Type', type], ['NAS-IP-Address', address]], secret)], {
        port: service.accountingPort,
        from: address,
      })
      expect(reply && parseHeader(reply).code).toBe(RADIUS_CODES['Accounting-Response'])
    }

    const open = [await createSession(place), await createSession(place, { status: 'pending', acctSessionId: null })]
    await statusType('Accounting-On')
    for (const { id } of open) expect(await session(String(id))).toMatchObject({ status: 'terminated', terminateCause: 'NAS-Reboot' })

    const again = await createSession(place)
    await statusType('Accounting-Off')
    expect(await session(String(again.id))).toMatchObject({ status: 'terminated', terminateCause: 'NAS-Request' })
    expect(await session(String(elsewhere.id))).toMatchObject({ status: 'active' })
  })

  it('claims the device’s accepted session by MAC when the router does not echo Class', async () => {
    const { id, mac } = await acceptedSession()
    const acctSessionId = unique('noclass')
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': acctSessionId, 'Calling-Station-Id': mac.toLowerCase() })
    expect(await session(id)).toMatchObject({ status: 'active', acctSessionId })
  })

  it('tells a reused Acct-Session-Id (router rebooted) from the session that had it', async () => {
    const first = await acceptedSession()
    const acctSessionId = unique('reused')
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': acctSessionId, Class: first.classValue })
    await acct({ 'Acct-Status-Type': 'Stop', 'Acct-Session-Id': acctSessionId, 'Acct-Output-Octets': 5_000, 'Acct-Terminate-Cause': 'User-Request' })

    // After a reboot the router hands out the same id to another login: it is a new session.
    const second = await acceptedSession()
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': acctSessionId, Class: second.classValue })
    await acct({ 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': acctSessionId, 'Acct-Output-Octets': 700, 'Acct-Session-Time': 60 })
    expect(await session(second.id)).toMatchObject({ status: 'active', acctSessionId, usage: { outputOctets: 700 } })
    expect(await session(first.id)).toMatchObject({ status: 'terminated', usage: { outputOctets: 5_000 } })

    // And while the older one still looked open (its Stop lost), the new Start retires it.
    const third = await acceptedSession()
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': acctSessionId, Class: third.classValue })
    expect(await session(second.id)).toMatchObject({ status: 'terminated', terminateCause: 'Stale' })
    expect(await session(third.id)).toMatchObject({ status: 'active', acctSessionId })
  })

  it('gives a reconnect under a new Acct-Session-Id a session of its own in the same allowance', async () => {
    const { id, classValue } = await acceptedSession()
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': unique('first'), Class: classValue })
    const second = unique('second')
    await acct({ 'Acct-Status-Type': 'Start', 'Acct-Session-Id': second, Class: classValue })
    await acct({ 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': second, Class: classValue, 'Acct-Output-Octets': 42, 'Acct-Session-Time': 30 })
    const original = await session(id)
    const { docs } = await world.payload.find({ collection: 'sessions', where: { acctSessionId: { equals: second } }, depth: 0 })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ status: 'active', voucher: original.voucher, expiresAt: original.expiresAt, usage: { outputOctets: 42 } })
    expect(docs[0].id).not.toBe(id)
  })

  it('ignores a Class naming another organization’s session', async () => {
    const demoSession = await acceptedSession()
    const acctSessionId = unique('foreign')
    // Other ISP's router (127.0.0.2) reports a session with Demo ISP's Class.
    const packet = accountingRequest(
      [['Acct-Status-Type', 'Start'], ['Acct-Session-Id', acctSessionId], ['Class', Buffer.from(`beacon:${demoSession.id}`)]],
      'other-isp-secret',
    )
    const [reply] = await exchange([packet], { port: service.accountingPort, from: '127.0.0.2' })
    expect(reply && parseHeader(reply).code).toBe(RADIUS_CODES['Accounting-Response'])
    expect(await session(demoSession.id)).toMatchObject({ status: 'pending', acctSessionId: null })
    const { docs } = await world.payload.find({ collection: 'sessions', where: { acctSessionId: { equals: acctSessionId } }, depth: 0 })
    expect(docs[0]).toMatchObject({ organization: world.organizations.other, authMethod: 'accounting' })
  })

  it('answers a retransmitted Accounting-Request from the cache without recording it again', async () => {
    const { classValue } = await acceptedSession()
    const packet = accountingRequest([['Acct-Status-Type', 'Start'], ['Acct-Session-Id', unique('again')], ['Class', Buffer.from(classValue.slice(2), 'hex')]], SECRET)
    const count = async (result: string) =>
      (await service.metrics.requests.get()).values.find((value) => value.labels.type === 'accounting' && value.labels.result === result)?.value ?? 0
    const before = [await count('recorded'), await count('duplicate')]
    const [first, second] = await exchange([packet, packet], { port: service.accountingPort })
    expect(second!.equals(first!)).toBe(true)
    expect([await count('recorded'), await count('duplicate')]).toEqual([before[0] + 1, before[1] + 1])
  })
})

describe('suspensions since the login began', () => {
  it("reject vouchers while the organization's voucher guests are suspended, and portal credentials of a suspended account", async () => {
    const code = await voucher({ plan: network.plans.dayPass })
    const mac = newMac()
    const first = await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': mac })
    expectAccept(first)
    const pending = await session(classSession(first)!)
    const credentials = await issuePortalCredentials(world.payload, { session: String(pending.id), deviceMac: mac })
    const suspend = (status: 'SUSPENDED' | 'ACTIVE') => world.payload.update({ collection: 'users', id: String(pending.user), data: { status } })
    await suspend('SUSPENDED')
    try {
      const message = 'This account is suspended. Please contact the provider.'
      expectReject(await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() }), message)
      expectReject(await auth({ 'User-Name': credentials.username, 'User-Password': credentials.password, 'Calling-Station-Id': mac }), message)
      // A voucher not used before is stopped too, and stays unused.
      const unused = await voucher({ plan: network.plans.oneHour })
      expectReject(await auth({ 'User-Name': unused, 'User-Password': unused, 'Calling-Station-Id': newMac() }), message)
      const { docs } = await world.payload.find({ collection: 'vouchers', where: { code: { equals: unused } }, depth: 0 })
      expect(docs[0].status).toBe('AVAILABLE')
    } finally {
      await suspend('ACTIVE')
    }
    expectAccept(await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() }))
  })
})

describe("the organization's Voucher guests account", () => {
  it('lends its vouchers to no registered device, takes no password, and cannot sign in', async () => {
    const code = await voucher()
    const first = await auth({ 'User-Name': code, 'User-Password': code, 'Calling-Station-Id': newMac() })
    expectAccept(first)
    const guests = String((await session(classSession(first)!)).user)
    await expect(world.payload.update({ collection: 'users', id: guests, data: { password: 'Guess-me-2026!' } as never })).rejects.toThrow(/no password/)

    const mac = newMac()
    await world.payload.update({ collection: 'users', id: guests, data: { customer: { macAddresses: [{ mac }] } } as never })
    expectReject(await auth({ 'User-Name': mac, 'User-Password': mac, 'Calling-Station-Id': mac }), 'This device is not registered. Please sign in on the login page.')

    // Even with a password written behind the application's back, it cannot sign in.
    const someone = await customer()
    const db = await drizzleFor(world.payload)
    await db.execute(sql`update users set salt = o.salt, hash = o.hash from users o where o.id = ${someone.id} and users.id = ${guests}`)
    try {
      const { email } = await world.payload.findByID({ collection: 'users', id: guests, depth: 0 })
      await expect(world.payload.login({ collection: 'users', data: { email, password: someone.password } })).rejects.toThrow(/cannot sign in/)
    } finally {
      await db.execute(sql`update users set salt = null, hash = null where id = ${guests}`)
      await world.payload.update({ collection: 'users', id: guests, data: { customer: { macAddresses: [] } } as never })
    }
  })
})

describe('metrics', () => {
  it('are served for Prometheus with requests by result and drops by reason', async () => {
    const response = await fetch(`http://127.0.0.1:${service.metricsPort}/metrics`)
    expect(response.status).toBe(200)
    const body = await response.text()
    expect(body).toMatch(/beacon_radius_requests_total\{type="access",result="accept"\} [1-9]/)
    expect(body).toMatch(/beacon_radius_dropped_total\{type="access",reason="malformed"\} [1-9]/)
    expect(body).toContain('beacon_radius_request_duration_seconds_bucket')
    expect((await fetch(`http://127.0.0.1:${service.metricsPort}/other`)).status).toBe(404)
  })
})

describe('shutdown', () => {
  it('answers the requests in flight before it stops listening', async () => {
    const second = await startRadiusService({
      payload: world.payload,
      config: testConfig(),
    })
    const account = await customer({ customer: { plan: network.plans.dayPass } })
    // An account login takes a few hundred milliseconds (PBKDF2), so it is still in flight when close() begins.
    const packet = accessRequest(account.username, account.password, SECRET, [['Calling-Station-Id', newMac()]])
    const replies = exchange([packet], { port: second.authPort, timeoutMs: 10_000 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await second.metrics.inFlight.get()).values[0].value).toBe(1)
    const closed = second.close()
    const [reply] = await replies
    await closed
    expect(reply && parseHeader(reply).code).toBe(RADIUS_CODES['Access-Accept'])
    expect(await exchange([packet], { port: second.authPort, timeoutMs: 300 })).toEqual([null])
  })
})
