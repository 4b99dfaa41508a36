/**
 * The dashboard's figures computed in SQL: usage spread over each session's time online per hour
 * and day, devices online at each hour's middle, the top customers, and the overview's counts,
 * for a branch of a new organization with sessions at known times.
 */
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { getAccessContext } from '@/access'
import { selectBranches } from '@/dashboard/branches'
import { loadOverview } from '@/dashboard/overview'
import type { Staff } from '@/dashboard/staff'
import { loadUsage } from '@/dashboard/usage'
import type { User } from '@/payload-types'

import { createOrganizationWithAdmin, createSession, unique } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

const HOUR = 3600_000
let staff: Staff
let branch: string

async function customer(organization: string, name: string): Promise<string> {
  const payload = await testPayload()
  const user = await payload.create({
    collection: 'users',
    data: { email: `${unique('c')}@example.test`, password: 'a-long-password-1', name, status: 'ACTIVE', memberships: [{ organization, role: 'customer' }] },
  })
  return String(user.id)
}

beforeAll(async () => {
  const payload = await testPayload()
  const organization = await createOrganizationWithAdmin('dash')
  const location = await payload.create({ collection: 'locations', data: { organization: organization.id, name: 'Harbour', timeZone: 'UTC' } })
  branch = String(location.id)
  const req = await createLocalReq({ user: organization.admin }, payload)
  const org = await payload.findByID({ collection: 'organizations', id: organization.id, depth: 0 })
  staff = { req, user: organization.admin as unknown as User, context: await getAccessContext(req), organization: org, branches: [{ id: branch, name: 'Harbour', timeZone: 'UTC' }] }
})

describe('usage', () => {
  it('spreads each session over its time online, counts devices at each hour, and ranks customers', async () => {
    const base = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR
    const place = { organization: String(staff.organization.id), location: branch }
    const ana = await customer(place.organization, 'Ana')
    const ben = await customer(place.organization, 'Ben')
    const at = (offset: number) => new Date(base + offset).toISOString()
    // Ana: two hours online, 7,200 bytes: 3,600 in each hour. Ben: half an hour, 1,800 bytes.
    await createSession({ ...place, user: ana }, { status: 'terminated', startedAt: at(0), endedAt: at(2 * HOUR), expiresAt: at(3 * HOUR), usage: { dataMB: 0, inputOctets: 200, outputOctets: 7_000 } })
    await createSession({ ...place, user: ben }, { status: 'terminated', startedAt: at(HOUR), endedAt: at(1.5 * HOUR), expiresAt: at(3 * HOUR), usage: { dataMB: 0, inputOctets: 0, outputOctets: 1_800 } })

    const usage = await loadUsage(staff, selectBranches(staff, undefined), new Date(base + 3 * HOUR + 60_000))
    const hours = usage.hourly.slice(-4)
    expect(hours.map((point) => point.bytes)).toEqual([3_600, 5_400, 0, 0])
    // At 00:30 Ana; at 01:30 Ana (Ben left at 01:30 exactly).
    expect(hours.map((point) => point.devices)).toEqual([1, 1, 0, 0])
    expect(usage.hourly).toHaveLength(24)
    expect(usage.daily).toHaveLength(30)
    expect(usage.daily.reduce((sum, point) => sum + point.bytes, 0)).toBe(9_000)
    expect(usage.top).toEqual([
      { name: 'Ana', bytes: 7_200 },
      { name: 'Ben', bytes: 1_800 },
    ])
  })

  it("another organization's branch contributes nothing", async () => {
    const other = { ...staff, branches: [] }
    const usage = await loadUsage(other, selectBranches(other, undefined))
    expect(usage.top).toEqual([])
    expect(usage.hourly.every((point) => point.bytes === 0 && point.devices === 0)).toBe(true)
  })
})

describe('overview', () => {
  it('counts devices online now, sessions started today and their data', async () => {
    const place = { organization: String(staff.organization.id), location: branch }
    const cara = await customer(place.organization, 'Cara')
    await createSession({ ...place, user: cara }, { usage: { dataMB: 0, inputOctets: 1_000, outputOctets: 2_048 } })
    const before = await loadOverview(staff, staff.branches, 'UTC')
    await createSession({ ...place, user: cara }, { usage: { dataMB: 0, inputOctets: 0, outputOctets: 1_000 } })
    const after = await loadOverview(staff, staff.branches, 'UTC')
    expect(after.devicesOnline - before.devicesOnline).toBe(1)
    expect(after.sessionsStartedToday - before.sessionsStartedToday).toBe(1)
    expect(after.bytesToday - before.bytesToday).toBe(1_000)
    expect(after.routers).toEqual({ online: 0, offline: 0 })
    expect(after.openTickets).toBe(0)
  })
})
