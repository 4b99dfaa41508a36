/**
 * Role × collection × operation, through the Local API acting as each person
 * (`overrideAccess: false`). Every expectation is written out here rather than derived from the
 * permission table, so loosening any rule in src/access makes a row fail.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { type Actor, ACTORS, loadWorld, unique, type World } from '../helpers/fixtures'
import { describeMatrix, type Operation } from '../helpers/matrix'
import { statusOf } from '../helpers/payload'

type Collection = 'organizations' | 'locations' | 'users'

type Case = {
  collection: Collection
  operation: Operation
  /** What the operation is aimed at, in words (also the test's name). */
  target: string
  allow: Actor[]
}

const STAFF_OF_DEMO: Actor[] = ['orgAdmin', 'manager', 'supervisor', 'agent', 'viewer']

const CASES: Case[] = [
  // organizations
  { collection: 'organizations', operation: 'read', target: 'Demo ISP', allow: ['super', ...STAFF_OF_DEMO] },
  { collection: 'organizations', operation: 'read', target: 'Other ISP', allow: ['super', 'otherAdmin'] },
  { collection: 'organizations', operation: 'update', target: 'Demo ISP', allow: ['super', 'orgAdmin'] },
  { collection: 'organizations', operation: 'update', target: 'Other ISP', allow: ['super', 'otherAdmin'] },
  { collection: 'organizations', operation: 'create', target: 'a new organization', allow: ['super'] },
  { collection: 'organizations', operation: 'delete', target: 'an organization', allow: ['super'] },
  // locations (branches)
  { collection: 'locations', operation: 'read', target: 'Downtown', allow: ['super', ...STAFF_OF_DEMO] },
  { collection: 'locations', operation: 'read', target: 'Airport', allow: ['super', 'orgAdmin', 'supervisor', 'agent', 'viewer'] },
  { collection: 'locations', operation: 'read', target: 'Main Street', allow: ['super', 'otherAdmin'] },
  { collection: 'locations', operation: 'update', target: 'Downtown', allow: ['super', 'orgAdmin', 'manager'] },
  { collection: 'locations', operation: 'update', target: 'Airport', allow: ['super', 'orgAdmin'] },
  { collection: 'locations', operation: 'update', target: 'Main Street', allow: ['super', 'otherAdmin'] },
  { collection: 'locations', operation: 'create', target: 'a branch of Demo ISP', allow: ['super', 'orgAdmin'] },
  { collection: 'locations', operation: 'create', target: 'a branch of Other ISP', allow: ['super', 'otherAdmin'] },
  { collection: 'locations', operation: 'delete', target: 'a branch of Demo ISP', allow: ['super', 'orgAdmin'] },
  { collection: 'locations', operation: 'delete', target: 'a branch of Other ISP', allow: ['super', 'otherAdmin'] },
  // users
  { collection: 'users', operation: 'read', target: 'themselves', allow: [...ACTORS] },
  { collection: 'users', operation: 'read', target: 'Alice (customer, Downtown)', allow: ['super', ...STAFF_OF_DEMO, 'customer'] },
  { collection: 'users', operation: 'read', target: 'John Tech (agent, no branch)', allow: ['super', 'orgAdmin', 'supervisor', 'agent', 'viewer'] },
  { collection: 'users', operation: 'read', target: "Other ISP's admin", allow: ['super', 'otherAdmin'] },
  { collection: 'users', operation: 'update', target: 'themselves', allow: [...ACTORS] },
  { collection: 'users', operation: 'update', target: 'Alice (customer, Downtown)', allow: ['super', 'orgAdmin', 'manager', 'customer'] },
  { collection: 'users', operation: 'update', target: 'John Tech (agent, no branch)', allow: ['super', 'orgAdmin'] },
  { collection: 'users', operation: 'update', target: "Other ISP's admin", allow: ['super', 'otherAdmin'] },
  { collection: 'users', operation: 'create', target: 'a customer of Downtown', allow: ['super', 'orgAdmin', 'manager'] },
  { collection: 'users', operation: 'create', target: 'a customer of Other ISP', allow: ['super', 'otherAdmin'] },
  // Deleting a user is a status change; hard deletion is the platform owner's alone.
  { collection: 'users', operation: 'delete', target: 'a customer of Downtown', allow: ['super'] },
]

let world: World

beforeAll(async () => {
  world = await loadWorld()
})

/** The id of an existing document a read or update case is aimed at. */
function existingTarget(target: string, actor: Actor): string {
  const { organizations, locations, users, actors } = world
  const ids: Record<string, string> = {
    'Demo ISP': organizations.demo,
    'Other ISP': organizations.other,
    Downtown: locations.downtown,
    Airport: locations.airport,
    'Main Street': locations.mainStreet,
    themselves: String(actors[actor].id),
    'Alice (customer, Downtown)': users.alice,
    'John Tech (agent, no branch)': users.tech1,
    "Other ISP's admin": users.otherAdmin,
  }
  if (!(target in ids)) throw new Error(`unknown target ${target}`)
  return ids[target]
}

/** Data that places a new document where the case says. */
function newDocument(collection: Collection, target: string): Record<string, unknown> {
  const { organizations, locations } = world
  const inOther = target.includes('Other ISP')
  switch (collection) {
    case 'organizations': {
      const slug = unique('org')
      return { name: slug, slug }
    }
    case 'locations':
      return { organization: inOther ? organizations.other : organizations.demo, name: unique('branch') }
    case 'users':
      return {
        email: `${unique('new')}@example.test`,
        password: 'a-long-password-1',
        name: 'New Customer',
        memberships: [
          inOther
            ? { organization: organizations.other, role: 'customer', locations: [locations.mainStreet] }
            : { organization: organizations.demo, role: 'customer', locations: [locations.downtown] },
        ],
      }
  }
}

/** A harmless change and the path to read it back. */
function change(collection: Collection): { data: Record<string, unknown>; read: (doc: Record<string, unknown>) => unknown } {
  const marker = unique('changed')
  switch (collection) {
    case 'organizations':
      return {
        data: { contact: { name: marker, email: 'ops@example.test', phone: '+1000' } },
        read: (doc) => (doc.contact as { name?: string } | undefined)?.name,
      }
    case 'locations':
      return { data: { address: marker }, read: (doc) => doc.address }
    case 'users': {
      // A phone number of its own (digits only, as phone numbers are stored).
      const phone = `+1555${String(parseInt(marker.slice(-8), 16) % 10_000_000).padStart(7, '0')}`
      return { data: { phone }, read: (doc) => doc.phone }
    }
  }
}

describeMatrix(CASES, ({ collection, operation, target }, actor) => ({
  user: world.actors[actor],
  targetId: operation === 'read' || operation === 'update' ? existingTarget(target, actor) : undefined,
  newDocument: () => newDocument(collection, target),
  change: () => change(collection),
  identify: (data) => {
    const key = collection === 'users' ? 'email' : 'name'
    return { [key]: { equals: data[key] } }
  },
}))

describe('lists show each role exactly its rows', () => {
  const SEEDED_USERS = [
    'super@beacon.test',
    'admin@demo-isp.test',
    'manager@demo-isp.test',
    'lead@demo-isp.test',
    'tech1@demo-isp.test',
    'tech2@demo-isp.test',
    'viewer@demo-isp.test',
    'alice@demo-isp.test',
    'admin@other-isp.test',
  ]
  const DEMO_PEOPLE = SEEDED_USERS.filter((email) => email.endsWith('@demo-isp.test'))

  const expectedBranches: Record<Actor, string[] | 'forbidden'> = {
    super: ['Airport', 'Downtown', 'Main Street'],
    orgAdmin: ['Airport', 'Downtown'],
    manager: ['Downtown'],
    supervisor: ['Airport', 'Downtown'],
    agent: ['Airport', 'Downtown'],
    viewer: ['Airport', 'Downtown'],
    customer: 'forbidden',
    otherAdmin: ['Main Street'],
  }
  const expectedPeople: Record<Actor, string[]> = {
    super: SEEDED_USERS,
    orgAdmin: DEMO_PEOPLE,
    manager: ['manager@demo-isp.test', 'alice@demo-isp.test'],
    supervisor: DEMO_PEOPLE,
    agent: DEMO_PEOPLE,
    viewer: DEMO_PEOPLE,
    customer: ['alice@demo-isp.test'],
    otherAdmin: ['admin@other-isp.test'],
  }

  it.each(ACTORS)('branches listed for %s', async (actor) => {
    const { payload, actors } = world
    const seeded = ['Airport', 'Downtown', 'Main Street']
    const list = () =>
      payload.find({
        collection: 'locations',
        where: { name: { in: seeded } },
        user: actors[actor],
        overrideAccess: false,
        pagination: false,
        depth: 0,
      })
    const expected = expectedBranches[actor]
    if (expected === 'forbidden') {
      expect(await statusOf(list)).toBe(403)
      return
    }
    const names = (await list()).docs.map((doc) => doc.name).sort()
    expect(names).toEqual(expected)
  })

  it.each(ACTORS)('people listed for %s', async (actor) => {
    const { payload, actors } = world
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { in: SEEDED_USERS } },
      user: actors[actor],
      overrideAccess: false,
      pagination: false,
      depth: 0,
    })
    expect(docs.map((doc) => doc.email).sort()).toEqual([...expectedPeople[actor]].sort())
  })
})
