/** The network plugin's behaviour: sessions, force-logout, routers, plans and voucher batches. */
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Session } from '@/payload-types'
import { planReplyAttributes } from '@/plugins/network/plans/replyAttributes'
import { routerCredentials } from '@/plugins/network/routers/credentials'
import { archiveEndedSessions } from '@/plugins/network/sessions/archive'
import { forceLogout } from '@/plugins/network/sessions/forceLogout'
import { VOUCHER_ALPHABET } from '@/plugins/network/vouchers/codes'
import { generateVoucherBatch, type VoucherBatchRequest } from '@/plugins/network/vouchers/generateBatch'

import { type Actor, createSession, loadNetwork, loadWorld, unique, type World } from '../helpers/fixtures'
import { statusOf } from '../helpers/payload'
import { errorOf, RestClient } from '../helpers/rest'

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
})

const downtown = () => ({
  organization: world.organizations.demo,
  location: world.locations.downtown,
  user: world.users.alice,
  router: network.routers.downtown,
})

const requestAs = (actor: Actor) => createLocalReq({ user: world.actors[actor] }, world.payload)

/** The type seed 000 gives for a session; Payload's generated type must satisfy it. */
type SeedSession = {
  id: string
  user: string | object
  organization: string | object
  location: string | object
  deviceMac: string
  status: 'pending' | 'active' | 'expired' | 'terminated'
  usage: { dataMB: number; lastIp?: string | null }
  startedAt: string
  expiresAt: string
  createdAt: string
  updatedAt: string
}
const asSeedSession = (session: Session): SeedSession => session

async function jobsFor(sessionId: string) {
  const { docs } = await world.payload.find({
    collection: 'payload-jobs',
    where: { taskSlug: { equals: 'disconnect-session' } },
    pagination: false,
    depth: 0,
  })
  return docs.filter((job) => (job.input as { session?: string }).session === sessionId)
}

describe('WiFi sessions', () => {
  it('store the MAC in one canonical form whatever form it arrives in', async () => {
    for (const form of ['a4-5e-60-c1-22-99', 'A45E.60C1.2299', 'a45e60c12299', ' A4:5E:60:C1:22:99 ']) {
      const session = await createSession(downtown(), { deviceMac: form })
      expect(asSeedSession(session).deviceMac).toBe('A4:5E:60:C1:22:99')
    }
  })

  it('refuse a malformed MAC or IP with a clear message and store nothing', async () => {
    const before = await world.payload.count({ collection: 'sessions' })
    const badMac = await createSession(downtown(), { deviceMac: 'not-a-mac' }).catch((error: Error) => error)
    expect(badMac).toBeInstanceOf(Error)
    expect((badMac as Error).message).toMatch(/Device MAC/)
    expect(JSON.stringify((badMac as { data?: unknown }).data)).toContain('Not a MAC address')
    const badIp = await createSession(downtown(), { usage: { dataMB: 0, inputOctets: 0, outputOctets: 0, lastIp: '10.0.0.300' } }).catch(
      (error: Error) => error,
    )
    expect(JSON.stringify((badIp as { data?: unknown }).data)).toContain('Not an IP address')
    expect((await world.payload.count({ collection: 'sessions' })).totalDocs).toBe(before.totalDocs)
  })

  it('keep octet counts above 32 and 53 bits exactly, and derive dataMB from them', async () => {
    const inputOctets = 5_000_000_000_123 // > 2^32, well past what a 32-bit column could hold
    const outputOctets = 4_294_967_297
    const session = await createSession(downtown(), { usage: { dataMB: 1, inputOctets, outputOctets } })
    const stored = await world.payload.findByID({ collection: 'sessions', id: session.id, depth: 0 })
    expect(stored.usage.inputOctets).toBe(inputOctets)
    expect(stored.usage.outputOctets).toBe(outputOctets)
    expect(stored.usage.dataMB).toBe(4_772_467.582) // (input + output) / 2^20, not the 1 sent
    const { rows } = await world.payload.db.drizzle.execute(
      `select usage_input_octets::text as raw, pg_typeof(usage_input_octets)::text as type from sessions where id = '${session.id}'`,
    )
    expect(rows[0]).toEqual({ raw: '5000000000123', type: 'numeric' })
  })

  it('are unique per router and Acct-Session-Id', async () => {
    const first = await createSession(downtown())
    const duplicate = await statusOf(() => createSession(downtown(), { acctSessionId: first.acctSessionId }))
    expect(duplicate).toBe(400)
    // The same id from another router is another session.
    const secondRouter = await world.payload.create({
      collection: 'routers',
      data: { organization: world.organizations.demo, location: world.locations.downtown, name: unique('second'), ipAddress: '10.66.0.2', secret: 's', status: 'PENDING' } as never,
    })
    const elsewhere = await statusOf(() => createSession({ ...downtown(), router: String(secondRouter.id) }, { acctSessionId: first.acctSessionId }))
    expect(elsewhere).toBe(200)
  })

  it('always get an end time when they end', async () => {
    const lastAccountingAt = new Date(Date.now() - 5 * 60_000).toISOString()
    const session = await createSession(downtown(), { lastAccountingAt })
    const ended = await world.payload.update({ collection: 'sessions', id: session.id, data: { status: 'expired' }, depth: 0 })
    expect(ended.endedAt).toBe(lastAccountingAt)
  })

  it('have the indexes their lookups need', async () => {
    const { rows } = await world.payload.db.drizzle.execute(`select indexdef from pg_indexes where tablename = 'sessions'`)
    const definitions = (rows as { indexdef: string }[]).map((row) => row.indexdef.replace(/^.* USING btree /, ''))
    expect(definitions).toEqual(
      expect.arrayContaining([
        '(organization_id, status)',
        '(router_id, acct_session_id)',
        '(device_mac, status)',
        '(location_id, status)',
        '(user_id, started_at)',
      ]),
    )
    // An Acct-Session-Id names one open session of a router; ended ones may share it (RouterOS reuses ids).
    const unique = (rows as { indexdef: string }[]).find((row) => row.indexdef.startsWith('CREATE UNIQUE INDEX sessions_open_acct_session_id_idx'))
    expect(unique?.indexdef).toContain("(router_id, acct_session_id) WHERE ((status = ANY (ARRAY['pending'::enum_sessions_status, 'active'::enum_sessions_status])) AND (acct_session_id IS NOT NULL))")
  })
})

describe('force-logout', () => {
  it('ends the session with Admin-Reset and queues exactly one disconnect job', async () => {
    const session = await createSession(downtown())
    const result = await forceLogout(await requestAs('manager'), String(session.id))
    expect(result.session).toMatchObject({ id: String(session.id), status: 'terminated', terminateCause: 'Admin-Reset' })

    const stored = await world.payload.findByID({ collection: 'sessions', id: session.id, depth: 0 })
    expect(stored.status).toBe('terminated')
    expect(stored.terminateCause).toBe('Admin-Reset')
    expect(stored.endedAt).toBeTruthy()
    const jobs = await jobsFor(String(session.id))
    expect(jobs).toHaveLength(1)
    expect(jobs[0]).toMatchObject({ id: result.job.id, queue: 'radius', taskSlug: 'disconnect-session' })
    expect(jobs[0].input).toMatchObject({ session: String(session.id), requestedBy: String(world.actors.manager.id) })
  })

  it('is harmless to repeat: the second call is a conflict and queues nothing', async () => {
    const session = await createSession(downtown())
    await forceLogout(await requestAs('orgAdmin'), String(session.id))
    const again = await statusOf(async () => forceLogout(await requestAs('orgAdmin'), String(session.id)))
    expect(again).toBe(409)
    expect(await jobsFor(String(session.id))).toHaveLength(1)
  })

  it('ends a session once when two people click at the same moment', async () => {
    const session = await createSession(downtown())
    const outcomes = await Promise.all(
      (['orgAdmin', 'manager'] as const).map(async (actor) => statusOf(async () => forceLogout(await requestAs(actor), String(session.id)))),
    )
    expect(outcomes.sort()).toEqual([200, 409])
    expect(await jobsFor(String(session.id))).toHaveLength(1)
  })

  it('refuses a session that already ended, and changes nothing', async () => {
    const session = await createSession(downtown(), {
      status: 'expired',
      terminateCause: 'Session-Timeout',
      endedAt: new Date().toISOString(),
    })
    expect(await statusOf(async () => forceLogout(await requestAs('super'), String(session.id)))).toBe(409)
    const stored = await world.payload.findByID({ collection: 'sessions', id: session.id, depth: 0 })
    expect(stored.status).toBe('expired')
    expect(stored.terminateCause).toBe('Session-Timeout')
    expect(await jobsFor(String(session.id))).toHaveLength(0)
  })

  it.each([
    ['otherAdmin', 404, 'another tenant'],
    ['agent', 403, 'staff without the permission'],
    ['supervisor', 403, 'staff without the permission'],
    ['customer', 403, 'the customer herself'],
  ] as const)('is refused to %s (%s: %s) and changes nothing', async (actor, expected, _reason) => {
    const session = await createSession(downtown())
    expect(await statusOf(async () => forceLogout(await requestAs(actor), String(session.id)))).toBe(expected)
    const stored = await world.payload.findByID({ collection: 'sessions', id: session.id, depth: 0 })
    expect(stored.status).toBe('active')
    expect(await jobsFor(String(session.id))).toHaveLength(0)
  })

  it("reaches only a branch manager's own branches", async () => {
    const atAirport = await createSession({ ...downtown(), location: world.locations.airport, router: undefined })
    expect(await statusOf(async () => forceLogout(await requestAs('manager'), String(atAirport.id)))).toBe(404)
    expect(await statusOf(async () => forceLogout(await requestAs('orgAdmin'), String(atAirport.id)))).toBe(200)
  })
})

describe('archiving ended sessions', () => {
  it('moves only sessions that ended before the cutoff, keeping ids and data', async () => {
    const longAgo = Date.now() - 120 * 86_400_000
    const old = await createSession(downtown(), {
      status: 'expired',
      terminateCause: 'Session-Timeout',
      startedAt: new Date(longAgo - 3_600_000).toISOString(),
      expiresAt: new Date(longAgo).toISOString(),
      endedAt: new Date(longAgo).toISOString(),
      usage: { dataMB: 0, inputOctets: 6_000_000_000, outputOctets: 1 },
    })
    const openButOld = await createSession(downtown(), { startedAt: new Date(longAgo).toISOString() })
    const moved = await archiveEndedSessions(world.payload, { endedBefore: new Date(Date.now() - 90 * 86_400_000), batchSize: 1 })
    expect(moved).toBeGreaterThanOrEqual(1)

    expect((await world.payload.count({ collection: 'sessions', where: { id: { equals: old.id } } })).totalDocs).toBe(0)
    const archived = await world.payload.findByID({ collection: 'archived-sessions', id: old.id, depth: 0 })
    expect(archived).toMatchObject({ status: 'expired', terminateCause: 'Session-Timeout', deviceMac: old.deviceMac })
    expect(archived.usage.inputOctets).toBe(6_000_000_000)
    expect((await world.payload.count({ collection: 'sessions', where: { id: { equals: openButOld.id } } })).totalDocs).toBe(1)
  })

  it('runs as the archive-sessions job on the maintenance queue', async () => {
    const longAgo = Date.now() - 100 * 86_400_000
    const old = await createSession(downtown(), {
      status: 'terminated',
      terminateCause: 'Lost-Carrier',
      startedAt: new Date(longAgo - 3_600_000).toISOString(),
      expiresAt: new Date(longAgo).toISOString(),
      endedAt: new Date(longAgo).toISOString(),
    })
    const job = await world.payload.jobs.queue({ task: 'archive-sessions', queue: 'maintenance', input: {} })
    const result = await world.payload.jobs.run({ queue: 'maintenance' })
    expect(result.jobStatus?.[String(job.id)]?.status).toBe('success')
    expect((await world.payload.count({ collection: 'archived-sessions', where: { id: { equals: old.id } } })).totalDocs).toBe(1)
  })

  it('stay visible to the customer they belong to', async () => {
    const { docs } = await world.payload.find({
      collection: 'archived-sessions',
      user: world.actors.customer,
      overrideAccess: false,
      depth: 0,
    })
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.every((doc) => String(doc.user) === world.users.alice)).toBe(true)
  })
})

describe('routers', () => {
  const router = (overrides: Record<string, unknown> = {}) => ({
    organization: world.organizations.demo,
    location: world.locations.downtown,
    name: unique('router'),
    ipAddress: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
    secret: 'router-secret-1',
    ...overrides,
  })
  const asAdmin = () => ({ user: world.actors.orgAdmin, overrideAccess: false as const })

  it('keep the RADIUS secret and API password encrypted; only routerCredentials reads them', async () => {
    const created = await world.payload.create({
      collection: 'routers',
      data: router({ secret: 'radius-secret-x9', api: { username: 'beacon', password: 'api-password-x9' } }) as never,
      ...asAdmin(),
    })
    expect(JSON.stringify(created)).not.toMatch(/radius-secret-x9|api-password-x9|Encrypted/)
    const { rows } = await world.payload.db.drizzle.execute(
      `select secret_encrypted as secret, api_password_encrypted as password from routers where id = '${created.id}'`,
    )
    const stored = rows[0] as { secret: string; password: string }
    expect(stored.secret).toMatch(/^v1:/)
    expect(JSON.stringify(stored)).not.toMatch(/radius-secret-x9|api-password-x9/)
    expect(await routerCredentials(world.payload, String(created.id))).toMatchObject({
      secret: 'radius-secret-x9',
      apiPassword: 'api-password-x9',
    })

    // Saving without a secret keeps it; sending one replaces it.
    await world.payload.update({ collection: 'routers', id: created.id, data: { name: unique('renamed') }, ...asAdmin() })
    expect((await routerCredentials(world.payload, String(created.id)))?.secret).toBe('radius-secret-x9')
    await world.payload.update({ collection: 'routers', id: created.id, data: { secret: 'replaced-secret' } as never, ...asAdmin() })
    expect((await routerCredentials(world.payload, String(created.id)))?.secret).toBe('replaced-secret')
  })

  it.each([
    ['a malformed IP', { ipAddress: '192.168.1.256' }, 'Not an IP address'],
    ['no secret', { secret: undefined }, 'RADIUS shared secret is required'],
    ['a CoA port out of range', { coaPort: 70000 }, 'CoA port must be a whole number from 1 to 65535'],
    ["another organization's branch", { location: 'mainStreet' }, 'The branch belongs to another organization'],
  ])('refuse %s with a clear message and store nothing', async (_, overrides, message) => {
    const data = router(overrides)
    if (data.location === 'mainStreet') data.location = world.locations.mainStreet
    const error = await world.payload.create({ collection: 'routers', data: data as never, ...asAdmin() }).catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(400)
    expect(JSON.stringify((error as { data?: unknown }).data)).toContain(message)
    expect((await world.payload.count({ collection: 'routers', where: { name: { equals: data.name } } })).totalDocs).toBe(0)
  })

  it('refuse an IP address another router already has, in any organization, saying so on the field', async () => {
    const refused = await world.payload
      .create({ collection: 'routers', data: router({ ipAddress: '127.0.0.2' }) as never, ...asAdmin() })
      .catch((error: { status?: number; data?: { errors?: { path: string; message: string }[] } }) => error)
    expect(refused).toMatchObject({ status: 400 })
    expect((refused as { data: { errors: unknown[] } }).data.errors).toContainEqual(expect.objectContaining({
      path: 'ipAddress',
      message: expect.stringContaining('Another router already uses this address'),
    }))
  })

  it.each([
    ['::ffff:127.0.0.2', '127.0.0.2'],
    ['2001:0db8:0:0:0:0:0:7', '2001:db8::7'],
  ])('treat %s as the address %s: one spelling, so one router per address', async (spelling, canonical) => {
    const { payload } = world
    if (canonical.includes(':')) {
      const first = await payload.create({ collection: 'routers', data: router({ ipAddress: '2001:DB8::7' }) as never, ...asAdmin() })
      expect(first.ipAddress).toBe(canonical)
    }
    expect(await statusOf(() => payload.create({ collection: 'routers', data: router({ ipAddress: spelling }) as never, ...asAdmin() }))).toBe(400)
    expect((await payload.count({ collection: 'routers', where: { ipAddress: { equals: canonical } } })).totalDocs).toBe(1)
  })

  it('cannot be deleted while a session on them is open', async () => {
    const created = await world.payload.create({ collection: 'routers', data: router() as never, ...asAdmin() })
    const session = await createSession({ ...downtown(), router: String(created.id) })
    const error = await world.payload.delete({ collection: 'routers', id: created.id, ...asAdmin() }).catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(409)
    expect((error as Error).message).toContain('1 open WiFi sessions')
    await world.payload.update({ collection: 'sessions', id: session.id, data: { status: 'terminated' } })
    expect(await statusOf(() => world.payload.delete({ collection: 'routers', id: created.id, ...asAdmin() }))).toBe(200)
  })

  it('cannot have their health fields set by people', async () => {
    const created = await world.payload.create({
      collection: 'routers',
      data: router({ status: 'ONLINE', lastSeenAt: new Date().toISOString() }) as never,
      ...asAdmin(),
    })
    expect(created.status).toBe('PENDING')
    expect(created.lastSeenAt ?? null).toBeNull()
  })
})

describe('plans', () => {
  const plan = (overrides: Record<string, unknown> = {}) => ({
    organization: world.organizations.demo,
    name: unique('plan'),
    type: 'HOTSPOT',
    downloadMbps: 10,
    uploadMbps: 5,
    validityMinutes: 60,
    devicesAllowed: 1,
    price: 20,
    ...overrides,
  })
  const asAdmin = () => ({ user: world.actors.orgAdmin, overrideAccess: false as const })

  it("are priced in the organization's currency unless given one", async () => {
    const created = await world.payload.create({ collection: 'plans', data: plan() as never, ...asAdmin() })
    expect(created.currency).toBe('KES')
  })

  it.each([
    ['half a burst', { burst: { downloadMbps: 20 } }, 'is needed for a burst'],
    ['a burst below the normal speed', { burst: { downloadMbps: 8, uploadMbps: 8, thresholdDownloadMbps: 6, thresholdUploadMbps: 3, timeSeconds: 10 } }, 'Burst download must be above the download speed'],
    ['a zero speed', { downloadMbps: 0 }, 'must be greater than 0'],
    ['a fractional validity', { validityMinutes: 1.5 }, 'must be a whole number'],
    ['an unknown currency', { currency: 'XYZ1' }, 'Unknown currency code'],
  ])('refuse %s with a clear message', async (_, overrides, message) => {
    const error = await world.payload.create({ collection: 'plans', data: plan(overrides) as never, ...asAdmin() }).catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(400)
    expect(JSON.stringify((error as { data?: unknown }).data)).toContain(message)
  })

  it('turn into MikroTik reply attributes (Day Pass: 10/20 Mbps, 24 h, 2000 MB)', async () => {
    const dayPass = await world.payload.findByID({ collection: 'plans', id: network.plans.dayPass, depth: 0 })
    const now = new Date('2026-11-22T10:00:00Z')
    const attributes = planReplyAttributes(dayPass, { now, expiresAt: new Date(now.getTime() + dayPass.validityMinutes * 60_000) })
    expect(attributes).toEqual({
      'Mikrotik-Rate-Limit': '10M/20M',
      'Session-Timeout': 86_400,
      'Acct-Interim-Interval': 300,
      'Mikrotik-Total-Limit': 2000 * 1_048_576,
      'Mikrotik-Total-Limit-Gigawords': 0,
    })
  })
})

describe('voucher batches', () => {
  const generate = async (actor: Actor, input: VoucherBatchRequest) => generateVoucherBatch(await requestAs(actor), input)
  const voucherCount = async () => (await world.payload.count({ collection: 'vouchers' })).totalDocs

  it('generate 10,000 distinct AVAILABLE codes in one batch', async () => {
    const before = await voucherCount()
    const batch = await generate('orgAdmin', { plan: network.plans.oneHour, count: 10_000, prefix: 'dt' })
    expect(batch.count).toBe(10_000)
    const { rows } = await world.payload.db.drizzle.execute(
      `select count(*)::int as total, count(distinct code)::int as distinct_codes, bool_and(status = 'AVAILABLE') as available
       from vouchers where batch_id = '${batch.batchId}'`,
    )
    expect(rows[0]).toEqual({ total: 10_000, distinct_codes: 10_000, available: true })
    expect(await voucherCount()).toBe(before + 10_000)
    const sample = await world.payload.find({ collection: 'vouchers', where: { batchId: { equals: batch.batchId } }, limit: 50, depth: 0 })
    const pattern = new RegExp(`^DT[${VOUCHER_ALPHABET}]{10}$`)
    for (const voucher of sample.docs) expect(voucher.code).toMatch(pattern)
  })

  it("let a branch manager generate for their branch, visible to them", async () => {
    const batch = await generate('manager', { plan: network.plans.oneHour, count: 3, location: world.locations.downtown })
    const { docs } = await world.payload.find({
      collection: 'vouchers',
      where: { batchId: { equals: batch.batchId } },
      user: world.actors.manager,
      overrideAccess: false,
      depth: 0,
    })
    expect(docs).toHaveLength(3)
  })

  it.each([
    ['zero vouchers', 'orgAdmin', () => ({ plan: network.plans.oneHour, count: 0 }), 400, 'from 1 to 10,000'],
    ['10,001 vouchers', 'orgAdmin', () => ({ plan: network.plans.oneHour, count: 10_001 }), 400, 'from 1 to 10,000'],
    ['a count that is not a number', 'orgAdmin', () => ({ plan: network.plans.oneHour, count: '5' }), 400, 'from 1 to 10,000'],
    ["another organization's plan", 'orgAdmin', () => ({ plan: network.plans.otherDaily, count: 5 }), 403, 'not one of your organization'],
    ["another organization's branch", 'orgAdmin', () => ({ plan: network.plans.oneHour, count: 5, location: world.locations.mainStreet }), 400, 'not a branch of'],
    ['a branch that is not theirs', 'manager', () => ({ plan: network.plans.oneHour, count: 5, location: world.locations.airport }), 403, 'own branches'],
    ['no branch, for a branch manager', 'manager', () => ({ plan: network.plans.oneHour, count: 5 }), 403, 'Choose one of your branches'],
    ['a code length out of range', 'orgAdmin', () => ({ plan: network.plans.oneHour, count: 5, codeLength: 40 }), 400, 'length'],
    ['a past expiry date', 'orgAdmin', () => ({ plan: network.plans.oneHour, count: 5, validUntil: '2020-01-01' }), 400, 'in the future'],
    ['a role without the permission', 'supervisor', () => ({ plan: network.plans.oneHour, count: 5 }), 403, 'not allowed'],
    ['a customer', 'customer', () => ({ plan: network.plans.oneHour, count: 5 }), 403, 'not allowed'],
  ] as const)('refuse %s (%s) and create nothing', async (_, actor, input, status, message) => {
    const before = await voucherCount()
    const error = await generate(actor, input() as VoucherBatchRequest).catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(status)
    expect((error as Error).message).toContain(message)
    expect(await voucherCount()).toBe(before)
  })

  it('refuse an inactive plan', async () => {
    const inactive = await world.payload.create({
      collection: 'plans',
      data: { organization: world.organizations.demo, name: unique('old'), type: 'HOTSPOT', downloadMbps: 1, uploadMbps: 1, validityMinutes: 10, devicesAllowed: 1, price: 1, active: false },
    })
    const error = await generate('orgAdmin', { plan: String(inactive.id), count: 1 }).catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(400)
  })
})

describe('vouchers', () => {
  const asAdmin = () => ({ user: world.actors.orgAdmin, overrideAccess: false as const })

  it('get a random code people cannot choose', async () => {
    const created = await world.payload.create({
      collection: 'vouchers',
      data: { organization: world.organizations.demo, plan: network.plans.oneHour, code: 'CHOSEN', status: 'AVAILABLE' } as never,
      ...asAdmin(),
    })
    expect(created.code).not.toBe('CHOSEN')
    expect(created.code).toMatch(new RegExp(`^[${VOUCHER_ALPHABET}]{10}$`))
  })

  it("refuse another organization's plan with a clear message", async () => {
    const error = await world.payload
      .create({
        collection: 'vouchers',
        data: { organization: world.organizations.demo, plan: network.plans.otherDaily, status: 'AVAILABLE' } as never,
        ...asAdmin(),
      })
      .catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(400)
    expect(JSON.stringify((error as { data?: unknown }).data)).toContain('The plan belongs to another organization')
  })

  it('can be withdrawn, but only the system marks one USED, and a used one is never deleted', async () => {
    const voucher = await world.payload.create({
      collection: 'vouchers',
      data: { organization: world.organizations.demo, plan: network.plans.oneHour, status: 'AVAILABLE' } as never,
    })
    expect(await statusOf(() => world.payload.update({ collection: 'vouchers', id: voucher.id, data: { status: 'USED' }, ...asAdmin() }))).toBe(400)
    expect(await statusOf(() => world.payload.update({ collection: 'vouchers', id: voucher.id, data: { status: 'EXPIRED' }, ...asAdmin() }))).toBe(200)
    await world.payload.update({ collection: 'vouchers', id: voucher.id, data: { status: 'USED', usedAt: new Date().toISOString() } })
    expect(await statusOf(() => world.payload.delete({ collection: 'vouchers', id: voucher.id, ...asAdmin() }))).toBe(409)
    expect((await world.payload.count({ collection: 'vouchers', where: { id: { equals: voucher.id } } })).totalDocs).toBe(1)
  })
})

describe('tenant boundaries hold when documents change', () => {
  it("refuse a branch manager taking a voucher off their branch (making it valid everywhere)", async () => {
    const voucher = network.vouchers.downtown
    const status = await statusOf(() =>
      world.payload.update({ collection: 'vouchers', id: voucher, data: { location: null }, user: world.actors.manager, overrideAccess: false }),
    )
    expect(status).toBe(403)
    const stored = await world.payload.findByID({ collection: 'vouchers', id: voucher, depth: 0 })
    expect(stored.location).toBe(world.locations.downtown)
  })

  it.each([
    ['plans', () => network.plans.dayPass],
    ['routers', () => network.routers.downtown],
    ['vouchers', () => network.vouchers.downtown],
    ['locations', () => world.locations.airport],
  ] as const)('never move %s to another organization, even for a super-admin', async (collection, id) => {
    const error = await world.payload
      .update({ collection, id: id(), data: { organization: world.organizations.other }, user: world.actors.super, overrideAccess: false })
      .catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(400)
    // Either rule may speak first: the organization is fixed, and links must stay in one organization.
    const explained = `${(error as Error).message} ${JSON.stringify((error as { data?: unknown }).data)}`
    expect(explained).toMatch(/cannot move to another organization|belongs to another organization/)
    const stored = await world.payload.findByID({ collection, id: id(), depth: 0 })
    expect(String(stored.organization)).toBe(world.organizations.demo)
  })

  it.each([
    ['a plan with vouchers', 'plans', () => network.plans.oneHour, 'orgAdmin', 'vouchers'],
    ['a branch with routers and sessions', 'locations', () => world.locations.downtown, 'orgAdmin', 'routers'],
    ['a customer with WiFi sessions', 'users', () => world.users.alice, 'super', 'WiFi sessions'],
  ] as const)('refuse deleting %s with a 409 that says why, and keep it', async (_, collection, id, actor, reason) => {
    const error = await world.payload
      .delete({ collection, id: id(), user: world.actors[actor], overrideAccess: false })
      .catch((e: Error) => e)
    expect((error as { status?: number }).status).toBe(409)
    expect((error as Error).message).toContain(reason)
    expect((await world.payload.count({ collection, where: { id: { equals: id() } } })).totalDocs).toBe(1)
  })
})

describe("the network's endpoints refuse in words", () => {
  it('nobody signed in: 401 "Sign in first."; a session id that is none: 404', async () => {
    const anonymous = RestClient.anonymous()
    for (const path of ['/api/vouchers/batches/DEMO-1HOUR/sheet', '/api/vouchers/batches/DEMO-1HOUR/csv']) {
      const response = await anonymous.get(path)
      expect(response.status, path).toBe(401)
      expect(errorOf(response)).toBe('Sign in first.')
    }
    const forceLogout = await anonymous.post(`/api/sessions/${crypto.randomUUID()}/force-logout`)
    expect(forceLogout.status).toBe(401)
    expect(errorOf(forceLogout)).toBe('Sign in first.')
    const manager = await RestClient.signIn('manager@demo-isp.test', 'beacon-manager-1')
    const notOne = await manager.post('/api/sessions/not-an-id/force-logout')
    expect(notOne.status).toBe(404)
    expect(errorOf(notOne)).toBe('No such WiFi session in your organization.')
  })
})
