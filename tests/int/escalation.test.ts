/** Nobody grants more than they hold, and bad membership data is refused whoever sends it. */
import { beforeAll, describe, expect, it } from 'vitest'

import { loadWorld, unique, type World } from '../helpers/fixtures'
import { statusOf } from '../helpers/payload'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

const newUser = (memberships: unknown[], extra: Record<string, unknown> = {}) => ({
  email: `${unique('esc')}@example.test`,
  password: 'a-long-password-1',
  name: 'Escalation Test',
  memberships,
  ...extra,
})

describe('granting roles and memberships', () => {
  it('a branch manager cannot create an org-admin', async () => {
    const { payload, actors, organizations, locations } = world
    const data = newUser([{ organization: organizations.demo, role: 'org-admin', locations: [locations.downtown] }])
    const status = await statusOf(() =>
      payload.create({ collection: 'users', data: data as never, user: actors.manager, overrideAccess: false }),
    )
    expect(status).toBe(403)
    expect((await payload.count({ collection: 'users', where: { email: { equals: data.email } } })).totalDocs).toBe(0)
  })

  it("a branch manager cannot add customers to a branch that is not theirs", async () => {
    const { payload, actors, organizations, locations } = world
    const data = newUser([{ organization: organizations.demo, role: 'customer', locations: [locations.airport] }])
    await expect(
      payload.create({ collection: 'users', data: data as never, user: actors.manager, overrideAccess: false }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('a branch manager may promote a customer of their branch up to their own rank, not above', async () => {
    const { payload, actors, organizations, locations } = world
    const customer = await payload.create({
      collection: 'users',
      data: newUser([{ organization: organizations.demo, role: 'customer', locations: [locations.downtown] }]) as never,
    })
    const asManager = { user: actors.manager, overrideAccess: false } as const
    const toSupervisor = [{ organization: organizations.demo, role: 'supervisor', locations: [locations.downtown] }]
    await payload.update({ collection: 'users', id: customer.id, data: { memberships: toSupervisor } as never, ...asManager })
    const toAdmin = [{ organization: organizations.demo, role: 'org-admin', locations: [locations.downtown] }]
    await expect(
      payload.update({ collection: 'users', id: customer.id, data: { memberships: toAdmin } as never, ...asManager }),
    ).rejects.toMatchObject({ status: 403 })
    const stored = await payload.findByID({ collection: 'users', id: customer.id, depth: 0 })
    expect(stored.memberships?.[0]?.role).toBe('supervisor')
  })

  it('an org-admin cannot give anyone a membership in another organization', async () => {
    const { payload, actors, organizations, users, locations } = world
    const before = await payload.findByID({ collection: 'users', id: users.alice, depth: 0 })
    const memberships = [
      { organization: organizations.demo, role: 'customer', locations: [locations.downtown] },
      { organization: organizations.other, role: 'customer', locations: [locations.mainStreet] },
    ]
    const status = await statusOf(() =>
      payload.update({ collection: 'users', id: users.alice, data: { memberships } as never, user: actors.orgAdmin, overrideAccess: false }),
    )
    expect(status).toBe(403)
    const after = await payload.findByID({ collection: 'users', id: users.alice, depth: 0 })
    expect(after.memberships?.length).toBe(before.memberships?.length)
  })

  it('a new user made by an org-admin must belong somewhere they administer', async () => {
    const { payload, actors } = world
    await expect(
      payload.create({ collection: 'users', data: newUser([]) as never, user: actors.orgAdmin, overrideAccess: false }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it.each(['orgAdmin', 'manager', 'customer'] as const)('%s cannot make anyone a super-admin, themselves included', async (actor) => {
    const { payload, actors, users } = world
    for (const id of [String(actors[actor].id), users.alice]) {
      await expect(
        payload.update({ collection: 'users', id, data: { isSuperAdmin: true }, user: actors[actor], overrideAccess: false }),
      ).rejects.toMatchObject({ status: 403 })
      expect((await payload.findByID({ collection: 'users', id, depth: 0 })).isSuperAdmin).toBe(false)
    }
  })

  it('a super-admin can make a super-admin', async () => {
    const { payload, actors } = world
    const created = await payload.create({
      collection: 'users',
      data: newUser([], { isSuperAdmin: true }) as never,
      user: actors.super,
      overrideAccess: false,
    })
    expect(created.isSuperAdmin).toBe(true)
  })
})

describe('own record', () => {
  it('an org-admin cannot change their own role or status', async () => {
    const { payload, actors, organizations } = world
    const asSelf = { user: actors.orgAdmin, overrideAccess: false, id: actors.orgAdmin.id, collection: 'users' } as const
    await expect(
      payload.update({ ...asSelf, data: { memberships: [{ organization: organizations.demo, role: 'viewer' }] } as never }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(payload.update({ ...asSelf, data: { status: 'SUSPENDED' } })).rejects.toMatchObject({ status: 403 })
  })

  it('a customer can change their name and phone but not their username or overrides', async () => {
    const { payload, actors } = world
    const asSelf = { user: actors.customer, overrideAccess: false, id: actors.customer.id, collection: 'users' } as const
    const updated = await payload.update({ ...asSelf, data: { name: 'Alice C.', phone: '+254711000000' } })
    expect(updated.name).toBe('Alice C.')
    await expect(payload.update({ ...asSelf, data: { username: 'alice2' } })).rejects.toMatchObject({ status: 403 })
    await expect(
      payload.update({ ...asSelf, data: { addedPermissions: ['users.read'] } as never }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('saving their own profile with the form as sent works, the customer group included', async () => {
    const { payload, actors } = world
    const stored = await payload.findByID({ collection: 'users', id: actors.agent.id, depth: 0 })
    const updated = await payload.update({
      collection: 'users',
      id: actors.agent.id,
      data: { name: stored.name, phone: '+254722000000', customer: stored.customer } as never,
      user: actors.agent,
      overrideAccess: false,
    })
    expect(updated.phone).toBe('+254722000000')
  })

  it('a customer cannot change their own connection type', async () => {
    const { payload, actors } = world
    await expect(
      payload.update({
        collection: 'users',
        id: actors.customer.id,
        data: { customer: { connectionType: 'STATIC' } } as never,
        user: actors.customer,
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 403, message: expect.stringContaining('customer') })
  })

  it("a customer's wallet balance does not move by editing the record", async () => {
    const { payload, actors } = world
    await payload.update({
      collection: 'users',
      id: actors.customer.id,
      data: { customer: { walletBalance: 1_000_000 } } as never,
      user: actors.customer,
      overrideAccess: false,
    }).catch(() => undefined)
    const stored = await payload.findByID({ collection: 'users', id: actors.customer.id, depth: 0 })
    expect(stored.customer?.walletBalance ?? 0).toBe(0)
  })
})

describe('permission overrides', () => {
  it('an org-admin cannot grant a permission they do not hold', async () => {
    const { payload, actors, users } = world
    await expect(
      payload.update({
        collection: 'users',
        id: users.tech1,
        data: { addedPermissions: ['organizations.create'] } as never,
        user: actors.orgAdmin,
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('an org-admin can grant a permission they hold, and it takes effect', async () => {
    const { payload, actors, organizations } = world
    const agent = await payload.create({
      collection: 'users',
      data: newUser([{ organization: organizations.demo, role: 'agent' }]) as never,
    })
    const asAgent = { ...agent, collection: 'users' as const }
    const tryCreateBranch = () =>
      payload.create({
        collection: 'locations',
        data: { organization: organizations.demo, name: unique('by-agent') },
        user: asAgent,
        overrideAccess: false,
      })
    expect(await statusOf(tryCreateBranch)).toBe(403)
    await payload.update({
      collection: 'users',
      id: agent.id,
      data: { addedPermissions: ['locations.create'] } as never,
      user: actors.orgAdmin,
      overrideAccess: false,
    })
    const reloaded = await payload.findByID({ collection: 'users', id: agent.id, depth: 0 })
    expect(await statusOf(() =>
      payload.create({
        collection: 'locations',
        data: { organization: organizations.demo, name: unique('by-agent') },
        user: { ...reloaded, collection: 'users' },
        overrideAccess: false,
      }),
    )).toBe(200)
  })

  it('a removed permission takes away what the role gave', async () => {
    const { payload, organizations, locations } = world
    const manager = await payload.create({
      collection: 'users',
      data: newUser([{ organization: organizations.demo, role: 'loc-manager', locations: [locations.downtown] }], {
        removedPermissions: ['locations.update'],
      }) as never,
    })
    expect(
      await statusOf(() =>
        payload.update({
          collection: 'locations',
          id: locations.downtown,
          data: { address: 'changed' },
          user: { ...manager, collection: 'users' },
          overrideAccess: false,
        }),
      ),
    ).toBe(403)
  })

  it("an org-admin cannot change the password of someone who also belongs to another organization", async () => {
    const { payload, actors, organizations } = world
    const both = await payload.create({
      collection: 'users',
      data: newUser([
        { organization: organizations.demo, role: 'agent' },
        { organization: organizations.other, role: 'org-admin' },
      ]) as never,
    })
    await expect(
      payload.update({
        collection: 'users',
        id: both.id,
        data: { password: 'taken-over-1' } as never,
        user: actors.orgAdmin,
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 403 })
  })
})

describe('tenant placement', () => {
  it('an org-admin cannot move a branch into another organization', async () => {
    const { payload, actors, organizations, locations } = world
    await expect(
      payload.update({
        collection: 'locations',
        id: locations.airport,
        data: { organization: organizations.other },
        user: actors.orgAdmin,
        overrideAccess: false,
      }),
    ).rejects.toMatchObject({ status: 403 })
    const airport = await payload.findByID({ collection: 'locations', id: locations.airport, depth: 0 })
    expect(String(airport.organization)).toBe(organizations.demo)
  })

  it('a branch created by an org-admin defaults to their organization and its time zone', async () => {
    const { payload, actors, organizations } = world
    const created = await payload.create({
      collection: 'locations',
      data: { name: unique('defaulted') } as never,
      user: actors.orgAdmin,
      overrideAccess: false,
      depth: 0,
    })
    expect(String(created.organization)).toBe(organizations.demo)
    expect(created.timeZone).toBe('Africa/Nairobi')
  })
})

describe('membership data is validated for everyone', () => {
  it('summarises roles for the admin list', async () => {
    const { payload, actors } = world
    const summary = async (id: string | number) => (await payload.findByID({ collection: 'users', id, depth: 0 })).roles
    expect(await summary(actors.manager.id)).toBe('Branch manager')
    expect(await summary(actors.super.id)).toBe('Super-admin')
    expect(await summary(actors.customer.id)).toBe('Customer')
  })

  it("refuses branches of another organization (400, nothing stored)", async () => {
    const { payload, organizations, locations } = world
    const data = newUser([{ organization: organizations.demo, role: 'customer', locations: [locations.mainStreet] }])
    await expect(payload.create({ collection: 'users', data: data as never })).rejects.toMatchObject({ status: 400 })
    expect((await payload.count({ collection: 'users', where: { email: { equals: data.email } } })).totalDocs).toBe(0)
  })

  it('refuses a branch manager without a branch', async () => {
    const { payload, organizations } = world
    await expect(
      payload.create({ collection: 'users', data: newUser([{ organization: organizations.demo, role: 'loc-manager' }]) as never }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('refuses two memberships in one organization', async () => {
    const { payload, organizations } = world
    const memberships = [
      { organization: organizations.demo, role: 'agent' },
      { organization: organizations.demo, role: 'viewer' },
    ]
    await expect(payload.create({ collection: 'users', data: newUser(memberships) as never })).rejects.toMatchObject({
      status: 400,
    })
  })

  it('keeps usernames unique within an organization but not across organizations', async () => {
    const { payload, organizations } = world
    const username = unique('user')
    await payload.create({
      collection: 'users',
      data: newUser([{ organization: organizations.demo, role: 'customer' }], { username }) as never,
    })
    await expect(
      payload.create({
        collection: 'users',
        data: newUser([{ organization: organizations.demo, role: 'customer' }], { username }) as never,
      }),
    ).rejects.toMatchObject({ status: 409 })
    const elsewhere = await payload.create({
      collection: 'users',
      data: newUser([{ organization: organizations.other, role: 'customer' }], { username }) as never,
    })
    expect(elsewhere.username).toBe(username)
  })

  it('stores registered MAC addresses in one canonical form and refuses non-MACs', async () => {
    const { payload, organizations } = world
    const created = await payload.create({
      collection: 'users',
      data: newUser([{ organization: organizations.demo, role: 'customer' }], {
        customer: { macAddresses: [{ mac: 'aabb.ccdd.ee01' }, { mac: 'aa-bb-cc-dd-ee-02' }] },
      }) as never,
    })
    expect(created.customer?.macAddresses?.map((row) => row.mac)).toEqual(['AA:BB:CC:DD:EE:01', 'AA:BB:CC:DD:EE:02'])
    await expect(
      payload.create({
        collection: 'users',
        data: newUser([{ organization: organizations.demo, role: 'customer' }], {
          customer: { macAddresses: [{ mac: 'not-a-mac' }] },
        }) as never,
      }),
    ).rejects.toMatchObject({ status: 400 })
  })
})
