/**
 * Holes an independent review found in the access model, each pinned by the scenario that
 * exposed it.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { prepareDatabase } from '@/db/prepare'

import { loadWorld, unique, type World } from '../helpers/fixtures'
import { statusOf } from '../helpers/payload'

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

const PASSWORD = 'a-long-password-1'

describe("a super-admin's account is out of reach of tenant admins", () => {
  it.each(['orgAdmin', 'manager'] as const)('%s cannot change a super-admin who is a member of their branch', async (actor) => {
    const { payload, actors, organizations, locations } = world
    const target = await payload.create({
      collection: 'users',
      data: {
        email: `${unique('super-member')}@example.test`,
        password: PASSWORD,
        name: 'Member Super-admin',
        isSuperAdmin: true,
        status: 'ACTIVE',
        memberships: [{ organization: organizations.demo, role: 'customer', locations: [locations.downtown] }],
      },
    })
    const asActor = { user: actors[actor], overrideAccess: false } as const
    for (const data of [{ password: 'taken-over-1' }, { status: 'SUSPENDED' }, { email: 'mallory@example.test' }]) {
      const status = await statusOf(() => payload.update({ collection: 'users', id: target.id, data: data as never, ...asActor }))
      expect([403, 404]).toContain(status)
    }
    const stored = await payload.findByID({ collection: 'users', id: target.id, depth: 0 })
    expect(stored.status).toBe('ACTIVE')
    expect(stored.email).toBe(target.email)
    await expect(
      payload.login({ collection: 'users', data: { email: target.email, password: PASSWORD } }),
    ).resolves.toMatchObject({ user: { isSuperAdmin: true } })
  })
})

describe("a customer's added permissions never reach beyond their own records", () => {
  it('a customer given branch and user permissions still sees and changes nothing else', async () => {
    const { payload, organizations, locations } = world
    const customer = await payload.create({
      collection: 'users',
      data: {
        email: `${unique('escaper')}@example.test`,
        password: PASSWORD,
        name: 'Escaping Customer',
        status: 'ACTIVE',
        memberships: [{ organization: organizations.demo, role: 'customer', locations: [locations.downtown] }],
        addedPermissions: ['locations.read', 'locations.update', 'users.create', 'organizations.read'],
      },
    })
    const asCustomer = { user: { ...customer, collection: 'users' as const }, overrideAccess: false, depth: 0 } as const
    expect((await payload.find({ collection: 'locations', ...asCustomer })).docs).toEqual([])
    expect(await statusOf(() => payload.findByID({ collection: 'locations', id: locations.airport, ...asCustomer }))).toBe(404)
    expect(
      await statusOf(() => payload.update({ collection: 'locations', id: locations.airport, data: { active: false }, ...asCustomer })),
    ).toBe(403)
    expect((await payload.find({ collection: 'organizations', ...asCustomer })).docs).toEqual([])
    const newcomer = {
      email: `${unique('by-customer')}@example.test`,
      password: PASSWORD,
      name: 'Made by a customer',
      memberships: [{ organization: organizations.demo, role: 'customer', locations: [locations.airport] }],
    }
    expect(await statusOf(() => payload.create({ collection: 'users', data: newcomer as never, ...asCustomer }))).toBe(403)
  })

  it("an org-admin cannot carry another organization's overrides into their own", async () => {
    const { payload, actors, organizations } = world
    const carrier = await payload.create({
      collection: 'users',
      data: {
        email: `${unique('carrier')}@example.test`,
        password: PASSWORD,
        name: 'Carries overrides',
        status: 'ACTIVE',
        memberships: [{ organization: organizations.other, role: 'agent' }],
        addedPermissions: ['organizations.create'],
      },
    })
    const status = await statusOf(() =>
      payload.update({
        collection: 'users',
        id: carrier.id,
        data: {
          memberships: [
            { organization: organizations.other, role: 'agent' },
            { organization: organizations.demo, role: 'agent' },
          ],
        } as never,
        user: actors.otherAdmin,
        overrideAccess: false,
      }),
    )
    expect(status).toBe(403)
  })
})

describe("another organization's view of a shared user", () => {
  it("an org-admin cannot change the username or customer data of someone who also belongs elsewhere", async () => {
    const { payload, actors, organizations } = world
    const shared = await payload.create({
      collection: 'users',
      data: {
        email: `${unique('shared')}@example.test`,
        password: PASSWORD,
        name: 'Shared Customer',
        status: 'ACTIVE',
        username: unique('pppoe'),
        memberships: [
          { organization: organizations.demo, role: 'customer' },
          { organization: organizations.other, role: 'customer' },
        ],
      },
    })
    const asAdmin = { user: actors.orgAdmin, overrideAccess: false } as const
    expect(await statusOf(() => payload.update({ collection: 'users', id: shared.id, data: { username: 'hijacked' }, ...asAdmin }))).toBe(403)
    expect(
      await statusOf(() =>
        payload.update({ collection: 'users', id: shared.id, data: { customer: { connectionType: 'STATIC' } } as never, ...asAdmin }),
      ),
    ).toBe(403)
    const stored = await payload.findByID({ collection: 'users', id: shared.id, depth: 0 })
    expect(stored.username).toBe(shared.username)
  })
})

describe('the encrypted column of a secret', () => {
  it('cannot be written directly, in plaintext or as an old ciphertext', async () => {
    const { payload, actors, organizations } = world
    await payload.update({
      collection: 'organizations',
      id: organizations.other,
      data: { settings: { gateways: { sms: { apiKey: 'real-key-1' } } } } as never,
    })
    const read = async () => {
      const { rows } = await payload.db.drizzle.execute(
        `SELECT settings_gateways_sms_api_key_encrypted AS stored FROM organizations WHERE id = '${organizations.other}'`,
      )
      return (rows[0] as { stored: string }).stored
    }
    const before = await read()
    await payload.update({
      collection: 'organizations',
      id: organizations.other,
      data: { settings: { gateways: { sms: { apiKeyEncrypted: 'PLAINTEXT' } } } } as never,
      user: actors.otherAdmin,
      overrideAccess: false,
    })
    expect(await read()).toBe(before)
  })
})

describe('demo data', () => {
  it('is added only where missing, and not at all into a database that already has users', async () => {
    expect((await prepareDatabase({ demoData: 'if-empty' })).created).toEqual([])
    expect((await prepareDatabase({ demoData: 'always' })).created).toEqual([])
    expect((await prepareDatabase({ demoData: 'never' })).created).toEqual([])
  })
})
