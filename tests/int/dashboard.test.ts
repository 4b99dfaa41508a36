/**
 * The dashboard's figures computed in SQL: usage spread over each session's time online per hour
 * and day, the devices online at any time in each hour, the top customers, and the overview's counts,
 * for branches of a new organization with sessions at known times; what a branch manager's
 * figures leave out (another branch, another organization); and one meaning of "online" on every
 * page, with logins their router never started closed by the sweep.
 */
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { getAccessContext } from '@/access'
import { selectBranches } from '@/dashboard/branches'
import { loadTicket, loadTickets } from '@/dashboard/helpdesk'
import { loadLiveSessions } from '@/dashboard/liveSessions'
import { loadOverview, startOfToday } from '@/dashboard/overview'
import { loadRouters } from '@/dashboard/routers'
import { type Staff, staffIn } from '@/dashboard/staff'
import { loadUsage } from '@/dashboard/usage'
import type { RouterControl } from '@/plugins/network'
import { allowanceOfSession } from '@/plugins/network/captivePortal/allowance'
import { sweepSessions } from '@/plugins/network/sessions/sweep'

import { createOrganizationWithAdmin, createSession, loadWorld, unique } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

const HOUR = 3600_000
let organization: Awaited<ReturnType<typeof createOrganizationWithAdmin>>

async function customer(organizationId: string, name: string, locations: string[] = []): Promise<string> {
  const payload = await testPayload()
  const user = await payload.create({
    collection: 'users',
    data: { email: `${unique('c')}@example.test`, password: 'a-long-password-1', name, status: 'ACTIVE', memberships: [{ organization: organizationId, role: 'customer', locations }] },
  })
  return String(user.id)
}

async function branch(organizationId: string, name: string): Promise<string> {
  const payload = await testPayload()
  return String((await payload.create({ collection: 'locations', data: { organization: organizationId, name: unique(name), timeZone: 'UTC' } })).id)
}

/** The dashboard as `user` sees it (their branches worked out as for the pages). */
async function dashboardOf(user: object, organizationId: string): Promise<Staff> {
  const payload = await testPayload()
  const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
  return staffIn(req, await getAccessContext(req), organizationId)
}

beforeAll(async () => {
  organization = await createOrganizationWithAdmin('dash')
})

describe('usage', () => {
  it('spreads each session over its time online, counts the devices online in each hour, and ranks customers', async () => {
    const harbour = await branch(organization.id, 'Harbour')
    const staff = await dashboardOf(organization.admin, organization.id)
    const selection = selectBranches(staff, harbour)
    const base = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR
    const place = { organization: organization.id, location: harbour }
    const ana = await customer(organization.id, 'Ana')
    const ben = await customer(organization.id, 'Ben')
    const at = (offset: number) => new Date(base + offset).toISOString()
    // Ana: two hours online, 7,200 bytes: 3,600 in each hour. Ben: half an hour, 1,800 bytes.
    await createSession({ ...place, user: ana }, { status: 'terminated', startedAt: at(0), endedAt: at(2 * HOUR), expiresAt: at(3 * HOUR), usage: { dataMB: 0, inputOctets: 200, outputOctets: 7_000 } })
    await createSession({ ...place, user: ben }, { status: 'terminated', startedAt: at(HOUR), endedAt: at(1.5 * HOUR), expiresAt: at(3 * HOUR), usage: { dataMB: 0, inputOctets: 0, outputOctets: 1_800 } })

    const usage = await loadUsage(staff, selection, new Date(base + 3 * HOUR + 60_000))
    const hours = usage.hourly.slice(-4)
    expect(hours.map((point) => point.bytes)).toEqual([3_600, 5_400, 0, 0])
    // Hour 0: Ana; hour 1: Ana and Ben; hour 2: nobody (Ana left as it began).
    expect(hours.map((point) => point.devices)).toEqual([1, 2, 0, 0])
    expect(usage.hourly).toHaveLength(24)
    expect(usage.daily).toHaveLength(30)
    expect(usage.daily.reduce((sum, point) => sum + point.bytes, 0)).toBe(9_000)
    expect(usage.top).toEqual([
      { name: 'Ana', bytes: 7_200 },
      { name: 'Ben', bytes: 1_800 },
    ])
  })

  it('counts every device online at any time in an hour, each once, and only sessions that went online', async () => {
    const dock = await branch(organization.id, 'Dock')
    const staff = await dashboardOf(organization.admin, organization.id)
    const selection = selectBranches(staff, dock)
    const base = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR
    const place = { organization: organization.id, location: dock, user: await customer(organization.id, 'Gil') }
    const at = (offset: number) => new Date(base + offset).toISOString()
    const MINUTE = 60_000
    const ended = (start: number, end: number, overrides: Record<string, unknown> = {}) =>
      createSession(place, { status: 'terminated', startedAt: at(start), endedAt: at(end), expiresAt: at(6 * HOUR), ...overrides })
    // Hour 0: one device online from :05 to :25, nowhere near the hour's middle.
    await ended(5 * MINUTE, 25 * MINUTE)
    // Hour 1: one device twice (:00-:10 and :40-:50), another from hour 0's :50 to :02.
    const phone = '02:00:AA:BB:CC:01'
    await ended(HOUR, HOUR + 10 * MINUTE, { deviceMac: phone })
    await ended(HOUR + 40 * MINUTE, HOUR + 50 * MINUTE, { deviceMac: phone })
    await ended(50 * MINUTE, HOUR + 2 * MINUTE)
    // Hour 2: a login its router never started counts nowhere.
    await ended(2 * HOUR + 10 * MINUTE, 2 * HOUR + 15 * MINUTE, { acctSessionId: null, terminateCause: 'Never-Started' })
    // Hour 3: one device still online since hour 3's :55 (counted in hour 3, 4 and the current one).
    await createSession(place, { status: 'active', startedAt: at(3 * HOUR + 55 * MINUTE), expiresAt: at(9 * HOUR) })

    const usage = await loadUsage(staff, selection, new Date(base + 5 * HOUR + 30 * MINUTE))
    expect(usage.hourly.slice(-6).map((point) => point.devices)).toEqual([2, 2, 0, 1, 1, 1])
  })
})

describe("a branch manager's figures", () => {
  it('count their branch only: not the next branch, not another organization', async () => {
    const payload = await testPayload()
    const [mine, next] = [await branch(organization.id, 'Mine'), await branch(organization.id, 'Next door')]
    const other = await createOrganizationWithAdmin('elsewhere')
    const theirs = await branch(other.id, 'Theirs')
    const email = `${unique('manager')}@example.test`
    const manager = await payload.create({
      collection: 'users',
      data: { email, password: 'a-long-password-1', name: 'Branch Manager', status: 'ACTIVE', memberships: [{ organization: organization.id, role: 'loc-manager', locations: [mine] }] },
    })
    const staff = await dashboardOf(manager, organization.id)
    expect(staff.branches.map((row) => row.id)).toEqual([mine])

    // A customer of the manager's branch (as Alice is of Downtown), so the manager reads her name.
    const dana = await customer(organization.id, 'Dana', [mine])
    const eve = await customer(other.id, 'Eve')
    const now = new Date().toISOString()
    await createSession({ organization: organization.id, location: mine, user: dana }, { startedAt: now, usage: { dataMB: 0, inputOctets: 0, outputOctets: 1_000 } })
    await createSession({ organization: organization.id, location: next, user: dana }, { startedAt: now, usage: { dataMB: 0, inputOctets: 0, outputOctets: 50_000 } })
    await createSession({ organization: other.id, location: theirs, user: eve }, { startedAt: now, usage: { dataMB: 0, inputOctets: 0, outputOctets: 70_000 } })

    const selection = selectBranches(staff, undefined)
    const overview = await loadOverview(staff, selection.branches, 'UTC')
    expect(overview).toMatchObject({ devicesOnline: 1, sessionsStartedToday: 1, bytesToday: 1_000 })
    const usage = await loadUsage(staff, selection)
    expect(usage.top).toEqual([{ name: 'Dana', bytes: 1_000 }])
    expect(usage.hourly.reduce((sum, point) => sum + point.bytes, 0)).toBeLessThanOrEqual(1_000)
    // Asking for the next branch by id gets nothing.
    expect(selectBranches(staff, next)).toMatchObject({ unknown: true, branches: [] })
  })
})

describe('overview', () => {
  it('counts devices online now, sessions started today and their data', async () => {
    const pier = await branch(organization.id, 'Pier')
    const staff = await dashboardOf(organization.admin, organization.id)
    const selection = selectBranches(staff, pier)
    const cara = await customer(organization.id, 'Cara')
    const now = new Date().toISOString()
    await createSession({ organization: organization.id, location: pier, user: cara }, { startedAt: now, usage: { dataMB: 0, inputOctets: 1_000, outputOctets: 2_048 } })
    await createSession({ organization: organization.id, location: pier, user: cara }, { startedAt: now, usage: { dataMB: 0, inputOctets: 0, outputOctets: 1_000 } })
    const overview = await loadOverview(staff, selection.branches, 'UTC')
    expect(overview).toMatchObject({ devicesOnline: 2, sessionsStartedToday: 2, bytesToday: 4_048, routers: { online: 0, offline: 0 }, openTickets: 0 })
  })
})

describe('online', () => {
  it('means the router started the session, on every page; a login never started is closed after 5 minutes', async () => {
    const payload = await testPayload()
    const quay = await branch(organization.id, 'Quay')
    const router = String(
      (
        await payload.create({
          collection: 'routers',
          data: { organization: organization.id, location: quay, name: unique('quay'), ipAddress: `10.67.${Math.floor(Math.random() * 250)}.1`, secret: 's', status: 'ONLINE' } as never,
        })
      ).id,
    )
    const staff = await dashboardOf(organization.admin, organization.id)
    const selection = selectBranches(staff, quay)
    const finn = await customer(organization.id, 'Finn')
    const plan = String(
      (
        await payload.create({
          collection: 'plans',
          data: { organization: organization.id, name: unique('Hour'), uploadMbps: 5, downloadMbps: 10, validityMinutes: 60, devicesAllowed: 2, price: 1 } as never,
        })
      ).id,
    )
    const now = Date.now()
    const place = { organization: organization.id, location: quay, user: finn, router, plan }
    const expiresAt = new Date(now + 50 * 60_000).toISOString()
    // One device online (started, reporting); the same device accepted three more times with no Start from its router.
    // Started 10 minutes ago, or at midnight when the test runs just after it: today either way.
    const startedAt = new Date(Math.max(now - 10 * 60_000, startOfToday('UTC', new Date(now)).getTime()))
    const online = await createSession(place, { startedAt: startedAt.toISOString(), expiresAt, lastAccountingAt: new Date(now).toISOString() })
    const accepted = []
    for (const minutesAgo of [1, 2, 3]) {
      accepted.push(
        await createSession(place, { deviceMac: online.deviceMac, status: 'pending', acctSessionId: null, startedAt: new Date(now - minutesAgo * 60_000).toISOString(), expiresAt, usage: { dataMB: 0, inputOctets: 0, outputOctets: 0 } }),
      )
    }

    const overview = await loadOverview(staff, selection.branches, 'UTC')
    expect(overview).toMatchObject({ devicesOnline: 1, sessionsStartedToday: 1 })
    const live = await loadLiveSessions(staff, selection.branches, '', 1)
    expect(live.rows.map((row) => row.id)).toEqual([String(online.id)])
    const usage = await loadUsage(staff, selection, new Date(now))
    expect(Math.max(...usage.hourly.map((point) => point.devices))).toBeLessThanOrEqual(1)
    expect(await loadRouters(staff, selection)).toMatchObject([{ id: router, devicesOnline: 1 }])
    const allowance = await allowanceOfSession(payload, { session: String(online.id), organization: organization.id })
    expect(allowance?.devicesOnline).toBe(1)

    // The sweep, 2 minutes on: only logins accepted more than 5 minutes before are over.
    const control = { interimIntervalSeconds: 300, disconnect: async () => ({ outcome: 'skipped' }) } as unknown as RouterControl
    const swept = await sweepSessions(payload, { now: new Date(now + 2 * 60_000 + 30_000), control, router })
    expect(swept).toMatchObject({ neverStarted: 1, stale: 0 })
    const read = (id: string | number) => payload.findByID({ collection: 'sessions', id, depth: 0 })
    expect(await read(accepted[2].id)).toMatchObject({ status: 'terminated', terminateCause: 'Never-Started', endedAt: accepted[2].startedAt })
    expect(await read(accepted[0].id)).toMatchObject({ status: 'pending' })
    expect(await read(online.id)).toMatchObject({ status: 'active' })
    await sweepSessions(payload, { now: new Date(now + 5 * 60_000), control, router })
    expect((await read(accepted[0].id)).terminateCause).toBe('Never-Started')
  })
})

describe('people on the pages', () => {
  it("are named: colleagues to a branch manager who may not read their records, and the voucher guests as such", async () => {
    const payload = await testPayload()
    const world = await loadWorld()
    const demo = world.organizations.demo
    // The Downtown manager reads a Downtown ticket John works, with his reply; John (staff of the
    // whole organization, no branch) is not a user record the manager may read.
    const ticket = await payload.create({
      collection: 'tickets',
      data: { organization: demo, location: world.locations.downtown, title: unique('Named'), status: 'in-progress', priority: 'high', assignee: world.users.tech1, number: 0, totalTimeSpent: 0 },
    })
    await payload.create({ collection: 'ticket-comments', data: { ticket: ticket.id, organization: demo, author: world.users.tech1, body: 'On my way.' } })
    const manager = await dashboardOf(world.actors.manager, demo)
    expect(await payload.findByID({ collection: 'users', id: world.users.tech1, user: world.actors.manager, overrideAccess: false, disableErrors: true })).toBeNull()
    const page = await loadTicket(manager, String(ticket.id))
    expect(page?.ticket).toMatchObject({ assignee: 'John Tech', status: 'In progress', priority: 'High' })
    expect(page?.comments).toMatchObject([{ author: 'John Tech', body: 'On my way.' }])
    const list = await loadTickets(manager, selectBranches(manager, undefined), { status: 'all', assignee: '' }, 1)
    expect(list.rows.find((row) => row.id === String(ticket.id))).toMatchObject({ assignee: 'John Tech', status: 'In progress' })

    // A voucher bought over the counter: its data is the organization's Voucher guests'.
    const [guests] = (await payload.find({ collection: 'users', where: { email: { equals: `voucher-guests@${demo}.beacon.invalid` } }, limit: 1 })).docs
    const guestsId = guests ? String(guests.id) : String((await payload.db.drizzle.execute(`select beacon_organization_account('${demo}', 'voucher-guests', 'Voucher guests') as id`)).rows[0].id)
    // Enough data to rank among the top customers whatever other tests put on Downtown's.
    const lots = 100 * 1024 ** 4
    await createSession({ organization: demo, location: world.locations.downtown, user: guestsId }, {
      status: 'terminated',
      terminateCause: 'User-Request',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: new Date().toISOString(),
      usage: { dataMB: 0, inputOctets: 0, outputOctets: lots },
    })
    const usage = await loadUsage(manager, selectBranches(manager, world.locations.downtown))
    expect(usage.top.find((row) => row.name === 'Voucher guests')?.bytes).toBeGreaterThanOrEqual(lots)
  })
})

describe('devices nobody registered', () => {
  it('are listed as an unregistered device with their MAC (none when the router sent none), whoever reads the list', async () => {
    const payload = await testPayload()
    const world = await loadWorld()
    const demo = world.organizations.demo
    const downtown = world.locations.downtown
    const [account] = (await payload.find({ collection: 'users', where: { email: { equals: `unregistered-devices@${demo}.beacon.invalid` } }, limit: 1 })).docs
    const unregistered = account
      ? String(account.id)
      : String((await payload.db.drizzle.execute(`select beacon_organization_account('${demo}', 'unregistered-devices', 'Unregistered devices') as id`)).rows[0].id)
    const seen = await createSession({ organization: demo, location: downtown, user: unregistered }, { authMethod: 'accounting', startedAt: new Date().toISOString() })
    const silent = await createSession(
      { organization: demo, location: downtown, user: unregistered },
      { authMethod: 'accounting', deviceMac: '00:00:00:00:00:00', startedAt: new Date().toISOString() },
    )
    for (const actor of ['orgAdmin', 'manager'] as const) {
      const staff = await dashboardOf(world.actors[actor], demo)
      const live = await loadLiveSessions(staff, selectBranches(staff, downtown).branches, seen.deviceMac, 1)
      expect(live.rows.map(({ customer, mac }) => ({ customer, mac }))).toEqual([{ customer: 'Unregistered device', mac: seen.deviceMac }])
      const all = await loadLiveSessions(staff, selectBranches(staff, downtown).branches, '', 1)
      expect(all.rows.find((row) => row.id === String(silent.id))).toMatchObject({ customer: 'Unregistered device', mac: null })
    }
  })
})
