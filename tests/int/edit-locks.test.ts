/**
 * Edit locks (Payload's `payload-locked-documents`, which the admin panel writes while someone
 * edits a document): seen, taken over and released only by the person holding one and by staff
 * who may update the locked document. Expectations are written out, as in the other matrices.
 */
import type { Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { relationId } from '@/access'

import { type Actor, loadNetwork, loadWorld, type World } from '../helpers/fixtures'
import { describeMatrix, type Operation } from '../helpers/matrix'
import { statusOf } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

const LOCKS = 'payload-locked-documents'

type Case = { collection: typeof LOCKS; operation: Operation; target: string; allow: Actor[] }

const CASES: Case[] = [
  // Its holder sees it even without the right to edit the document any more.
  { collection: LOCKS, operation: 'read', target: "the supervisor's lock on Airport", allow: ['super', 'orgAdmin', 'supervisor'] },
  { collection: LOCKS, operation: 'read', target: "the org-admin's lock on the 1 Hour plan", allow: ['super', 'orgAdmin'] },
  { collection: LOCKS, operation: 'read', target: "Other ISP's admin's lock on their Daily plan", allow: ['super', 'otherAdmin'] },
  { collection: LOCKS, operation: 'create', target: 'a lock on Downtown', allow: ['super', 'orgAdmin', 'manager'] },
  { collection: LOCKS, operation: 'create', target: 'a lock on Main Street', allow: ['super', 'otherAdmin'] },
  // Taking over an edit: the lock then names whoever took it.
  { collection: LOCKS, operation: 'update', target: 'a lock on the Day Pass plan', allow: ['super', 'orgAdmin'] },
  { collection: LOCKS, operation: 'delete', target: "the supervisor's lock on Downtown", allow: ['super', 'orgAdmin', 'manager', 'supervisor'] },
]

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>
const targets: Record<string, string> = {}

type Locked = { relationTo: 'locations' | 'plans'; value: string }

const lockData = (document: Locked, holder: Actor) => ({
  document,
  user: { relationTo: 'users' as const, value: String(world.actors[holder].id) },
})

async function systemLock(document: Locked, holder: Actor): Promise<string> {
  const lock = await world.payload.create({ collection: LOCKS, data: lockData(document, holder) as never })
  return String(lock.id)
}

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
  const { locations } = world
  targets["the supervisor's lock on Airport"] = await systemLock({ relationTo: 'locations', value: locations.airport }, 'supervisor')
  targets["the org-admin's lock on the 1 Hour plan"] = await systemLock({ relationTo: 'plans', value: network.plans.oneHour }, 'orgAdmin')
  targets["Other ISP's admin's lock on their Daily plan"] = await systemLock({ relationTo: 'plans', value: network.plans.otherDaily }, 'otherAdmin')
  targets['a lock on the Day Pass plan'] = await systemLock({ relationTo: 'plans', value: network.plans.dayPass }, 'orgAdmin')
})

function lockedDocument(target: string): Locked {
  if (target.includes('Main Street')) return { relationTo: 'locations', value: world.locations.mainStreet }
  if (target.includes('Downtown')) return { relationTo: 'locations', value: world.locations.downtown }
  throw new Error(`unknown target ${target}`)
}

const holderOf = (doc: Record<string, unknown>) => relationId((doc.user as { value?: unknown } | undefined)?.value)

describeMatrix(CASES, ({ operation, target }, actor) => ({
  user: world.actors[actor],
  targetId: operation === 'read' || operation === 'update' ? targets[target] : undefined,
  newDocument: () =>
    operation === 'delete' ? lockData({ relationTo: 'locations', value: world.locations.downtown }, 'supervisor') : lockData(lockedDocument(target), actor),
  change: () => ({ data: lockData({ relationTo: 'plans', value: network.plans.dayPass }, actor), read: holderOf }),
  identify: (data): Where => ({
    and: [
      { 'document.value': { equals: (data.document as Locked).value } },
      { 'user.value': { equals: (data.user as { value: string }).value } },
    ],
  }),
}))

describe('edit locks across tenants', () => {
  it('a lock names whoever wrote it, not the person the request names', async () => {
    const { payload, actors } = world
    const lock = await payload.create({
      collection: LOCKS,
      data: lockData({ relationTo: 'plans', value: network.plans.dayPass }, 'manager') as never,
      user: actors.orgAdmin,
      overrideAccess: false,
    })
    expect(holderOf(lock as never)).toBe(String(actors.orgAdmin.id))
  })

  it('a taken-over lock stays on its document', async () => {
    const { payload, actors, locations } = world
    const id = await systemLock({ relationTo: 'locations', value: locations.downtown }, 'manager')
    await payload.update({
      collection: LOCKS,
      id,
      data: lockData({ relationTo: 'locations', value: locations.mainStreet }, 'orgAdmin') as never,
      user: actors.orgAdmin,
      overrideAccess: false,
    })
    const after = await payload.findByID({ collection: LOCKS, id, depth: 0 })
    expect((after.document as { value: unknown }).value).toBe(locations.downtown)
  })

  it("another tenant's admin and a customer list none of Demo ISP's locks over REST", async () => {
    for (const email of ['admin@other-isp.test', 'alice@demo-isp.test']) {
      const client = await RestClient.signIn(email, email.startsWith('admin') ? 'beacon-other-1' : 'beacon-alice-1')
      const { status, body } = await client.get(`/api/${LOCKS}?limit=100&depth=0`)
      expect(status, email).toBe(200)
      const documents = (body.docs as { document?: { value: string } }[]).map((lock) => lock.document?.value)
      expect(documents, email).not.toContain(world.locations.downtown)
      expect(documents, email).not.toContain(network.plans.oneHour)
    }
  })

  it("a customer cannot lock a plan, so the org-admin's save is never refused with 423", async () => {
    const alice = await RestClient.signIn('alice@demo-isp.test', 'beacon-alice-1')
    const attempt = await alice.post(`/api/${LOCKS}`, {
      document: { relationTo: 'plans', value: network.plans.oneHour },
      user: { relationTo: 'users', value: world.users.alice },
    })
    expect(attempt.status).toBe(403)
    const admin = await RestClient.signIn('admin@demo-isp.test', 'beacon-admin-1')
    const saved = await admin.patch(`/api/plans/${network.plans.oneHour}`, { name: '1 Hour' })
    expect(saved.status).toBe(200)
  })

  it('a customer cannot lock their own account, so their administrators can always save it', async () => {
    const alice = await RestClient.signIn('alice@demo-isp.test', 'beacon-alice-1')
    const attempt = await alice.post(`/api/${LOCKS}`, { document: { relationTo: 'users', value: world.users.alice } })
    expect(attempt.status).toBe(403)
    const admin = await RestClient.signIn('admin@demo-isp.test', 'beacon-admin-1')
    expect((await admin.patch(`/api/users/${world.users.alice}`, { name: 'Alice Customer' })).status).toBe(200)
  })

  it("nobody releases another person's lock on a document they cannot edit", async () => {
    const id = targets["Other ISP's admin's lock on their Daily plan"]
    const admin = await RestClient.signIn('admin@demo-isp.test', 'beacon-admin-1')
    expect([403, 404]).toContain((await admin.delete(`/api/${LOCKS}/${id}`)).status)
    expect(await statusOf(() => world.payload.findByID({ collection: LOCKS, id }))).toBe(200)
  })
})
