/**
 * Role × collection × operation for the network plugin, through the Local API acting as each
 * person (`overrideAccess: false`). Expectations are written out, not derived from the
 * permission table, so loosening a rule in src/access makes a row fail.
 */
import type { Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { archiveEndedSessions } from '@/plugins/network/sessions/archive'

import { type Actor, ACTORS, createSession, loadNetwork, loadWorld, unique, type World } from '../helpers/fixtures'
import { describeMatrix, type Operation } from '../helpers/matrix'
import { statusOf } from '../helpers/payload'

type Collection = 'routers' | 'plans' | 'vouchers' | 'sessions' | 'archived-sessions'
type Case = { collection: Collection; operation: Operation; target: string; allow: Actor[] }

const DEMO_STAFF: Actor[] = ['orgAdmin', 'manager', 'supervisor', 'agent', 'viewer']

const CASES: Case[] = [
  { collection: 'routers', operation: 'read', target: 'Downtown hotspot', allow: ['super', ...DEMO_STAFF] },
  { collection: 'routers', operation: 'read', target: 'Main Street hotspot', allow: ['super', 'otherAdmin'] },
  { collection: 'routers', operation: 'update', target: 'Downtown hotspot', allow: ['super', 'orgAdmin'] },
  { collection: 'routers', operation: 'update', target: 'Main Street hotspot', allow: ['super', 'otherAdmin'] },
  { collection: 'routers', operation: 'create', target: 'a router at Downtown', allow: ['super', 'orgAdmin'] },
  { collection: 'routers', operation: 'create', target: 'a router at Main Street', allow: ['super', 'otherAdmin'] },
  { collection: 'routers', operation: 'delete', target: 'a router at Downtown', allow: ['super', 'orgAdmin'] },

  { collection: 'plans', operation: 'read', target: '1 Hour', allow: ['super', ...DEMO_STAFF] },
  { collection: 'plans', operation: 'read', target: "Other ISP's Daily", allow: ['super', 'otherAdmin'] },
  { collection: 'plans', operation: 'update', target: '1 Hour', allow: ['super', 'orgAdmin'] },
  { collection: 'plans', operation: 'update', target: "Other ISP's Daily", allow: ['super', 'otherAdmin'] },
  { collection: 'plans', operation: 'create', target: 'a plan of Demo ISP', allow: ['super', 'orgAdmin'] },
  { collection: 'plans', operation: 'create', target: 'a plan of Other ISP', allow: ['super', 'otherAdmin'] },
  { collection: 'plans', operation: 'delete', target: 'a plan of Demo ISP', allow: ['super', 'orgAdmin'] },

  { collection: 'vouchers', operation: 'read', target: 'a Downtown voucher', allow: ['super', 'orgAdmin', 'manager', 'supervisor'] },
  { collection: 'vouchers', operation: 'read', target: "an Other ISP's voucher", allow: ['super', 'otherAdmin'] },
  { collection: 'vouchers', operation: 'update', target: 'a Downtown voucher', allow: ['super', 'orgAdmin', 'manager'] },
  { collection: 'vouchers', operation: 'update', target: "an Other ISP's voucher", allow: ['super', 'otherAdmin'] },
  { collection: 'vouchers', operation: 'create', target: 'a voucher at Downtown', allow: ['super', 'orgAdmin', 'manager'] },
  { collection: 'vouchers', operation: 'create', target: 'a voucher at Airport', allow: ['super', 'orgAdmin'] },
  { collection: 'vouchers', operation: 'delete', target: 'a voucher at Downtown', allow: ['super', 'orgAdmin'] },

  // Seed 000: super-admin all, org-admin own organization, loc-manager own branch, customer own.
  { collection: 'sessions', operation: 'read', target: "Alice's session at Downtown", allow: ['super', 'orgAdmin', 'manager', 'customer'] },
  { collection: 'sessions', operation: 'read', target: "Bob's session at Airport", allow: ['super', 'orgAdmin'] },
  { collection: 'sessions', operation: 'read', target: "an Other ISP customer's session", allow: ['super', 'otherAdmin'] },
  { collection: 'sessions', operation: 'update', target: "Alice's session at Downtown", allow: [] },
  { collection: 'sessions', operation: 'create', target: 'a session at Downtown', allow: [] },
  { collection: 'sessions', operation: 'delete', target: 'a session at Downtown', allow: [] },

  { collection: 'archived-sessions', operation: 'read', target: "Alice's archived session", allow: ['super', 'orgAdmin', 'manager', 'customer'] },
  { collection: 'archived-sessions', operation: 'update', target: "Alice's archived session", allow: [] },
  { collection: 'archived-sessions', operation: 'create', target: 'an archived session at Downtown', allow: [] },
  { collection: 'archived-sessions', operation: 'delete', target: 'an archived session at Downtown', allow: [] },
]

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>
const targets: Record<string, string> = {}

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
  const { payload, organizations, locations, users } = world
  const customer = async (email: string, organization: string, location: string) =>
    String(
      (
        await payload.create({
          collection: 'users',
          data: {
            email,
            password: 'a-long-password-1',
            name: email,
            status: 'ACTIVE',
            memberships: [{ organization, role: 'customer', locations: [location] }],
          },
        })
      ).id,
    )
  const bob = await customer(`${unique('bob')}@demo-isp.test`, organizations.demo, locations.airport)
  const oscar = await customer(`${unique('oscar')}@other-isp.test`, organizations.other, locations.mainStreet)
  const atDowntown = { organization: organizations.demo, location: locations.downtown, user: users.alice, router: network.routers.downtown }

  targets['Downtown hotspot'] = network.routers.downtown
  targets['Main Street hotspot'] = network.routers.mainStreet
  targets['1 Hour'] = network.plans.oneHour
  targets["Other ISP's Daily"] = network.plans.otherDaily
  targets['a Downtown voucher'] = network.vouchers.downtown
  targets["an Other ISP's voucher"] = network.vouchers.other
  targets["Alice's session at Downtown"] = String((await createSession(atDowntown)).id)
  targets["Bob's session at Airport"] = String(
    (await createSession({ organization: organizations.demo, location: locations.airport, user: bob })).id,
  )
  targets["an Other ISP customer's session"] = String(
    (await createSession({ organization: organizations.other, location: locations.mainStreet, user: oscar, router: network.routers.mainStreet })).id,
  )
  const longAgo = Date.now() - 200 * 86_400_000
  const ended = await createSession(atDowntown, {
    status: 'terminated',
    terminateCause: 'User-Request',
    startedAt: new Date(longAgo - 3_600_000).toISOString(),
    expiresAt: new Date(longAgo).toISOString(),
    endedAt: new Date(longAgo).toISOString(),
  })
  await archiveEndedSessions(payload, { endedBefore: new Date(Date.now() - 90 * 86_400_000) })
  targets["Alice's archived session"] = String(ended.id)
})

function newDocument(collection: Collection, target: string): Record<string, unknown> {
  const { organizations, locations, users } = world
  const ipOctet = () => Math.floor(Math.random() * 250) + 2
  switch (collection) {
    case 'routers': {
      const atMainStreet = target.includes('Main Street')
      return {
        organization: atMainStreet ? organizations.other : organizations.demo,
        location: atMainStreet ? locations.mainStreet : locations.downtown,
        name: unique('router'),
        ipAddress: `10.${ipOctet()}.${ipOctet()}.${ipOctet()}`,
        secret: 'a-router-secret',
      }
    }
    case 'plans': {
      const inOther = target.includes('Other ISP')
      return {
        organization: inOther ? organizations.other : organizations.demo,
        name: unique('plan'),
        type: 'HOTSPOT',
        downloadMbps: 4,
        uploadMbps: 2,
        validityMinutes: 30,
        devicesAllowed: 1,
        price: 10,
      }
    }
    case 'vouchers':
      return {
        organization: organizations.demo,
        location: target.includes('Airport') ? locations.airport : locations.downtown,
        plan: network.plans.oneHour,
        status: 'AVAILABLE',
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      }
    case 'sessions':
    case 'archived-sessions':
      return {
        organization: organizations.demo,
        location: locations.downtown,
        user: users.alice,
        deviceMac: '02:00:00:00:00:01',
        status: 'pending',
        usage: { dataMB: 0, inputOctets: 0, outputOctets: 0 },
        startedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }
  }
}

/** A harmless change and how to read it back. */
function change(collection: Collection): { data: Record<string, unknown>; read: (doc: Record<string, unknown>) => unknown } {
  const marker = unique('changed')
  switch (collection) {
    case 'routers':
      return { data: { nasIdentifier: marker }, read: (doc) => doc.nasIdentifier }
    case 'plans': {
      const price = Math.floor(Math.random() * 1_000_000) / 100
      return { data: { price }, read: (doc) => doc.price }
    }
    case 'vouchers': {
      const validUntil = new Date(Date.now() + Math.floor(Math.random() * 1e9) + 86_400_000).toISOString()
      return { data: { validUntil }, read: (doc) => doc.validUntil }
    }
    case 'sessions':
    case 'archived-sessions':
      return { data: { usage: { lastIp: '10.9.9.9' } }, read: (doc) => (doc.usage as { lastIp?: string }).lastIp }
  }
}

/** How to tell a created document apart in a count. */
function identity(collection: Collection, data: Record<string, unknown>): Where {
  if (collection === 'vouchers') return { validUntil: { equals: data.validUntil } }
  if (collection === 'sessions' || collection === 'archived-sessions') {
    return { deviceMac: { equals: data.deviceMac }, status: { equals: 'pending' } }
  }
  return { name: { equals: data.name } }
}

describeMatrix(CASES, ({ collection, target }, actor) => ({
  user: world.actors[actor],
  targetId: targets[target],
  newDocument: () => newDocument(collection, target),
  change: () => change(collection),
  identify: (data) => identity(collection, data),
}))

describe('session lists show each role exactly its rows', () => {
  const expected: Record<Actor, string[] | 'forbidden'> = {
    super: ["Alice's session at Downtown", "Bob's session at Airport", "an Other ISP customer's session"],
    orgAdmin: ["Alice's session at Downtown", "Bob's session at Airport"],
    manager: ["Alice's session at Downtown"],
    supervisor: 'forbidden',
    agent: 'forbidden',
    viewer: 'forbidden',
    customer: ["Alice's session at Downtown"],
    otherAdmin: ["an Other ISP customer's session"],
  }

  it.each(ACTORS)('sessions listed for %s', async (actor) => {
    const { payload, actors } = world
    const names = ["Alice's session at Downtown", "Bob's session at Airport", "an Other ISP customer's session"]
    const list = () =>
      payload.find({
        collection: 'sessions',
        where: { id: { in: names.map((name) => targets[name]) } },
        user: actors[actor],
        overrideAccess: false,
        pagination: false,
        depth: 0,
      })
    const want = expected[actor]
    if (want === 'forbidden') {
      expect(await statusOf(list)).toBe(403)
      return
    }
    const ids = (await list()).docs.map((doc) => String(doc.id)).sort()
    expect(ids).toEqual(want.map((name) => targets[name]).sort())
  })
})
