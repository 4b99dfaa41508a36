/**
 * The tenant context (seed 003's flow): a login session works in one organization, kept on the
 * server; switching is allowed only into organizations one belongs to and is logged; losing
 * access resets the session to the default on its next request (logged once); lists of
 * tenant-owned collections follow the active organization.
 */
import type { Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createOrganizationWithAdmin, loadWorld, unique, type World } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'
import { errorOf, RestClient } from '../helpers/rest'

const PASSWORD = 'a-long-password-1'

let world: World
let first: Awaited<ReturnType<typeof createOrganizationWithAdmin>>
let second: Awaited<ReturnType<typeof createOrganizationWithAdmin>>
let outsider: Awaited<ReturnType<typeof createOrganizationWithAdmin>>

type Change = { eventType: string; organization: string | null; fromOrganization: string | null; metadata: Record<string, unknown> }

async function changesOf(userId: string): Promise<Change[]> {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection: 'context-changes', where: { user: { equals: userId } }, sort: 'createdAt', depth: 0, pagination: false })
  return docs as unknown as Change[]
}

/** Someone who works in two organizations: an agent in `first` (their default) and an org-admin in `second`. */
async function twoOrganizationPerson() {
  const payload = await testPayload()
  const email = `${unique('both')}@example.test`
  const user = await payload.create({
    collection: 'users',
    data: {
      email,
      password: PASSWORD,
      name: 'Works In Two',
      status: 'ACTIVE',
      defaultOrganization: first.id,
      memberships: [
        { organization: first.id, role: 'agent' },
        { organization: second.id, role: 'org-admin' },
      ],
    },
  })
  const client = await RestClient.signIn(email, PASSWORD, { headers: { 'x-beacon-client-ip': '192.0.2.44' } })
  return { id: String(user.id), client }
}

async function branchIn(organization: string) {
  const payload = await testPayload()
  const branch = await payload.create({ collection: 'locations', data: { organization, name: unique('branch') } })
  return String(branch.id)
}

const idsOf = (response: { body: { docs: { id: string }[] } }) => response.body.docs.map((doc) => doc.id)

beforeAll(async () => {
  world = await loadWorld()
  first = await createOrganizationWithAdmin('first')
  second = await createOrganizationWithAdmin('second')
  outsider = await createOrganizationWithAdmin('outsider')
})

describe('switching organization', () => {
  it('starts in the default organization; lists follow the active organization; a switch is logged with from, to and address', async () => {
    const branchOfFirst = await branchIn(first.id)
    const branchOfSecond = await branchIn(second.id)
    const person = await twoOrganizationPerson()

    const context = await person.client.get('/api/users/context')
    expect(context.status).toBe(200)
    expect(context.body.activeOrganization).toBe(first.id)
    expect(context.body.organizations.map((row: { id: string; role: string }) => [row.id, row.role]).sort()).toEqual(
      [[first.id, 'agent'], [second.id, 'org-admin']].sort(),
    )
    const inFirst = idsOf(await person.client.get('/api/locations?limit=1000'))
    expect(inFirst).toContain(branchOfFirst)
    expect(inFirst).not.toContain(branchOfSecond)
    // Acting as an agent of `first`, the org-admin role held in `second` does not apply.
    expect((await person.client.post('/api/locations', { organization: second.id, name: unique('nope') })).status).toBe(403)

    const switched = await person.client.post('/api/users/switch-organization', { organization: second.id })
    expect(switched.status).toBe(200)
    expect(switched.body.activeOrganization).toBe(second.id)
    const inSecond = idsOf(await person.client.get('/api/locations?limit=1000'))
    expect(inSecond).toContain(branchOfSecond)
    expect(inSecond).not.toContain(branchOfFirst)
    expect((await person.client.get(`/api/locations/${branchOfFirst}`)).status).toBe(404)
    expect((await person.client.post('/api/locations', { organization: second.id, name: unique('yes') })).status).toBe(201)

    const changes = await changesOf(person.id)
    expect(changes.map((change) => change.eventType)).toEqual(['INITIAL', 'SWITCH_TENANT'])
    expect(changes[1]).toMatchObject({
      organization: second.id,
      fromOrganization: first.id,
      metadata: { from: first.id, to: second.id, reason: 'switched', ip: '192.0.2.44' },
    })

    // Asking for the organization one is already in changes and logs nothing.
    expect((await person.client.post('/api/users/switch-organization', { organization: second.id })).status).toBe(200)
    expect(await changesOf(person.id)).toHaveLength(2)
  })

  it('switching to an organization one is not a member of is refused (403) and logged nowhere as a switch', async () => {
    const person = await twoOrganizationPerson()
    const refused = await person.client.post('/api/users/switch-organization', { organization: outsider.id })
    expect(refused.status).toBe(403)
    expect(errorOf(refused)).toBe('You can only work in organizations you are an active member of.')
    expect((await person.client.get('/api/users/context')).body.activeOrganization).toBe(first.id)
    expect((await changesOf(person.id)).map((change) => change.eventType)).toEqual(['INITIAL'])
    const payload = await testPayload()
    const switches: Where = { and: [{ eventType: { equals: 'SWITCH_TENANT' } }, { organization: { equals: outsider.id } }] }
    expect((await payload.count({ collection: 'context-changes', where: switches })).totalDocs).toBe(0)

    expect((await person.client.post('/api/users/switch-organization', { organization: 'not-an-id' })).status).toBe(400)
    expect((await person.client.post('/api/users/switch-organization', {})).status).toBe(400)
    expect((await RestClient.anonymous().post('/api/users/switch-organization', { organization: first.id })).status).toBe(401)
  })

  it('a suspended organization cannot be switched to', async () => {
    const payload = await testPayload()
    const person = await twoOrganizationPerson()
    await payload.update({ collection: 'organizations', id: second.id, data: { status: 'SUSPENDED' } })
    try {
      expect((await person.client.post('/api/users/switch-organization', { organization: second.id })).status).toBe(403)
    } finally {
      await payload.update({ collection: 'organizations', id: second.id, data: { status: 'ACTIVE' } })
    }
  })
})

describe('losing access', () => {
  it('removing the membership of the active organization resets the session to the default on its next request, logged once', async () => {
    const payload = await testPayload()
    const branchOfFirst = await branchIn(first.id)
    const person = await twoOrganizationPerson()
    expect((await person.client.post('/api/users/switch-organization', { organization: second.id })).status).toBe(200)

    await payload.update({ collection: 'users', id: person.id, data: { memberships: [{ organization: first.id, role: 'agent' }] } })

    // Several requests at once: the reset happens and is logged exactly once.
    const responses = await Promise.all(Array.from({ length: 6 }, () => person.client.get('/api/locations?limit=100')))
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(200))
    for (const response of responses) expect(idsOf(response)).toContain(branchOfFirst)
    expect((await person.client.get('/api/users/context')).body.activeOrganization).toBe(first.id)

    const changes = await changesOf(person.id)
    expect(changes.map((change) => change.eventType)).toEqual(['INITIAL', 'SWITCH_TENANT', 'RESET_TENANT'])
    expect(changes[2]).toMatchObject({ organization: first.id, fromOrganization: second.id, metadata: { reason: 'access lost', from: second.id, to: first.id } })
  })

  it('a suspended active organization also resets the session to the default', async () => {
    const payload = await testPayload()
    const person = await twoOrganizationPerson()
    expect((await person.client.post('/api/users/switch-organization', { organization: second.id })).status).toBe(200)
    await payload.update({ collection: 'organizations', id: second.id, data: { status: 'SUSPENDED' } })
    try {
      expect((await person.client.get('/api/users/context')).body.activeOrganization).toBe(first.id)
    } finally {
      await payload.update({ collection: 'organizations', id: second.id, data: { status: 'ACTIVE' } })
    }
    expect((await changesOf(person.id)).at(-1)).toMatchObject({ eventType: 'RESET_TENANT', organization: first.id })
  })

  it('with no organization left, requests get a clear access error and the reset is logged', async () => {
    const payload = await testPayload()
    const person = await twoOrganizationPerson()
    await payload.update({ collection: 'users', id: person.id, data: { memberships: [], defaultOrganization: null } })

    const context = await person.client.get('/api/users/context')
    expect(context.status).toBe(403)
    expect(errorOf(context)).toBe('You no longer have access to any organization in Beacon. Ask an administrator to add you to one.')
    expect((await person.client.get('/api/locations')).status).toBe(403)
    expect((await person.client.post('/api/users/switch-organization', { organization: first.id })).status).toBe(403)
    const reset = (await changesOf(person.id)).filter((change) => change.eventType === 'RESET_TENANT')
    expect(reset).toHaveLength(1)
    expect(reset[0]).toMatchObject({ organization: first.id, fromOrganization: first.id, metadata: { to: null, reason: 'no organization left' } })
  })
})

describe('the default organization', () => {
  it('changing it is its own event, SET_DEFAULT_TENANT, and the next sign-in starts there', async () => {
    const person = await twoOrganizationPerson()
    const changed = await person.client.patch(`/api/users/${person.id}`, { defaultOrganization: second.id })
    expect(changed.status).toBe(200)
    const changes = await changesOf(person.id)
    expect(changes.at(-1)).toMatchObject({ eventType: 'SET_DEFAULT_TENANT', organization: second.id, fromOrganization: first.id })
    // The session itself stays where it is.
    expect((await person.client.get('/api/users/context')).body.activeOrganization).toBe(first.id)

    const email = (await (await testPayload()).findByID({ collection: 'users', id: person.id, depth: 0 })).email
    const again = await RestClient.signIn(email, PASSWORD)
    expect((await again.get('/api/users/context')).body.activeOrganization).toBe(second.id)
  })

  it('must be one of the person\'s organizations', async () => {
    const person = await twoOrganizationPerson()
    const refused = await person.client.patch(`/api/users/${person.id}`, { defaultOrganization: outsider.id })
    expect(refused.status).toBe(400)
    expect((await changesOf(person.id)).map((change) => change.eventType)).toEqual(['INITIAL'])
  })
})

describe('what spans organizations', () => {
  it("an admin of both organizations a person belongs to may change the person's password from either", async () => {
    const payload = await testPayload()
    const email = `${unique('admin-of-both')}@example.test`
    await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, name: 'Admin Of Both', status: 'ACTIVE', memberships: [{ organization: first.id, role: 'org-admin' }, { organization: second.id, role: 'org-admin' }] },
    })
    const admin = await RestClient.signIn(email, PASSWORD)
    const person = await twoOrganizationPerson()
    expect((await admin.patch(`/api/users/${person.id}`, { password: 'a-new-long-password-9' })).status).toBe(200)
    // One who administers only the first does not change credentials that also open the second.
    const refused = await first.client.patch(`/api/users/${person.id}`, { password: 'another-new-password-8' })
    expect(refused.status).toBe(403)
  })

  it('someone who is staff in one organization and a customer in their default one still reaches the admin panel', async () => {
    const payload = await testPayload()
    const email = `${unique('staff-and-customer')}@example.test`
    await payload.create({
      collection: 'users',
      data: {
        email,
        password: PASSWORD,
        name: 'Staff And Customer',
        status: 'ACTIVE',
        defaultOrganization: second.id,
        memberships: [{ organization: first.id, role: 'agent' }, { organization: second.id, role: 'customer' }],
      },
    })
    const client = await RestClient.signIn(email, PASSWORD)
    expect((await client.get('/api/users/context')).body.activeOrganization).toBe(second.id)
    const access = await client.get('/api/access')
    expect(access.status).toBe(200)
    expect(access.body.canAccessAdmin).toBe(true)
  })
})

describe('super-admins', () => {
  it('work across all organizations, or in the one they pick', async () => {
    const owner = await RestClient.signIn('super@beacon.test', 'beacon-super-1')
    const branchOfFirst = await branchIn(first.id)
    const branchOfSecond = await branchIn(second.id)
    const all = idsOf(await owner.get('/api/locations?limit=1000'))
    expect(all).toEqual(expect.arrayContaining([branchOfFirst, branchOfSecond, world.locations.downtown]))

    expect((await owner.post('/api/users/switch-organization', { organization: second.id })).status).toBe(200)
    const picked = idsOf(await owner.get('/api/locations?limit=1000'))
    expect(picked).toContain(branchOfSecond)
    expect(picked).not.toContain(branchOfFirst)
    // People and their sign-ins follow too: the organization's own, and the owner themselves.
    const people = idsOf(await owner.get('/api/users?limit=1000&depth=0'))
    expect(people).toEqual(expect.arrayContaining([String(second.admin.id), String(world.actors.super.id)]))
    expect(people).not.toContain(String(first.admin.id))
    const signIns = (await owner.get('/api/session-logs?limit=1000&depth=0')).body.docs as { user: string }[]
    expect(signIns.some((log) => log.user === String(second.admin.id))).toBe(true)
    expect(signIns.some((log) => log.user === String(first.admin.id))).toBe(false)

    expect((await owner.post('/api/users/switch-organization', { organization: null })).body.activeOrganization).toBeNull()
    expect(idsOf(await owner.get('/api/locations?limit=1000'))).toEqual(expect.arrayContaining([branchOfFirst, branchOfSecond]))
    expect((await owner.post('/api/users/switch-organization', { organization: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
  })
})
