/**
 * Role × operation for the audit plugin's three collections, through the Local API acting as
 * each person (`overrideAccess: false`). Everyone reads their own sign-ins and context changes;
 * org-admins those of their organization (never the platform owner's); audit-log rows only
 * org-admins of the organization; nobody creates, changes or deletes any of them.
 */
import type { CollectionSlug } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { DEMO_PASSWORDS } from '@/seed/demo'

import { type Actor, ACTOR_EMAILS, ACTORS, loadWorld, VIEWER_PASSWORD, type World } from '../helpers/fixtures'
import { statusOf, testPayload } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

type Collection = 'session-logs' | 'context-changes' | 'audit-logs'
type Case = { collection: Collection; target: string; read: Actor[] }

const PASSWORDS: Record<Actor, string> = {
  super: DEMO_PASSWORDS.super,
  orgAdmin: DEMO_PASSWORDS.demoAdmin,
  manager: DEMO_PASSWORDS.manager,
  supervisor: DEMO_PASSWORDS.lead,
  agent: DEMO_PASSWORDS.tech2,
  viewer: VIEWER_PASSWORD,
  customer: DEMO_PASSWORDS.alice,
  otherAdmin: DEMO_PASSWORDS.otherAdmin,
}

const CASES: Case[] = [
  { collection: 'session-logs', target: 'their own sign-in', read: [...ACTORS] },
  { collection: 'session-logs', target: "Alice's sign-in (Demo ISP customer)", read: ['super', 'orgAdmin', 'customer'] },
  { collection: 'session-logs', target: "Other ISP's admin's sign-in", read: ['super', 'otherAdmin'] },
  { collection: 'session-logs', target: "the platform owner's sign-in", read: ['super'] },
  { collection: 'context-changes', target: 'their own sign-in', read: [...ACTORS] },
  { collection: 'context-changes', target: "Alice's sign-in (Demo ISP customer)", read: ['super', 'orgAdmin', 'customer'] },
  { collection: 'context-changes', target: "Other ISP's admin's sign-in", read: ['super', 'otherAdmin'] },
  { collection: 'context-changes', target: 'the platform owner switching into Demo ISP', read: ['super'] },
  { collection: 'audit-logs', target: 'a Demo ISP entry', read: ['super', 'orgAdmin'] },
  { collection: 'audit-logs', target: 'an Other ISP entry', read: ['super', 'otherAdmin'] },
]

let world: World
/** Row ids per collection and target; "their own sign-in" per actor. */
const rows: Record<string, string> = {}
const key = (collection: Collection, target: string, actor?: Actor) => `${collection}|${target}${target === 'their own sign-in' ? `|${actor}` : ''}`

async function newestRow(collection: 'session-logs' | 'context-changes', userId: string): Promise<string> {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection, where: { user: { equals: userId } }, sort: '-createdAt', limit: 1, depth: 0 })
  return String(docs[0].id)
}

beforeAll(async () => {
  world = await loadWorld()
  const payload = await testPayload()
  for (const actor of ACTORS) {
    await RestClient.signIn(ACTOR_EMAILS[actor], PASSWORDS[actor])
    const userId = String(world.actors[actor].id)
    for (const collection of ['session-logs', 'context-changes'] as const) {
      rows[key(collection, 'their own sign-in', actor)] = await newestRow(collection, userId)
    }
  }
  for (const collection of ['session-logs', 'context-changes'] as const) {
    rows[key(collection, "Alice's sign-in (Demo ISP customer)")] = rows[key(collection, 'their own sign-in', 'customer')]
    rows[key(collection, "Other ISP's admin's sign-in")] = rows[key(collection, 'their own sign-in', 'otherAdmin')]
  }
  rows[key('session-logs', "the platform owner's sign-in")] = rows[key('session-logs', 'their own sign-in', 'super')]
  const owner = await RestClient.signIn(ACTOR_EMAILS.super, PASSWORDS.super)
  expect((await owner.post('/api/users/switch-organization', { organization: world.organizations.demo })).status).toBe(200)
  rows[key('context-changes', 'the platform owner switching into Demo ISP')] = await newestRow('context-changes', String(world.actors.super.id))

  // One audit entry in each organization, made by its admin.
  for (const [target, actor] of [['a Demo ISP entry', 'orgAdmin'], ['an Other ISP entry', 'otherAdmin']] as const) {
    const organization = actor === 'orgAdmin' ? world.organizations.demo : world.organizations.other
    const branch = await payload.create({
      collection: 'locations',
      data: { organization, name: `audited ${Date.now()} ${actor}` },
      user: world.actors[actor],
      overrideAccess: false,
    })
    const { docs } = await payload.find({ collection: 'audit-logs', where: { targetId: { equals: String(branch.id) } }, depth: 0 })
    rows[key('audit-logs', target)] = String(docs[0].id)
  }
})

describe.each(CASES)('$collection: $target', ({ collection, target, read }) => {
  it.each(ACTORS.map((actor) => ({ actor, allowed: read.includes(actor) })))(
    '$actor → read: $allowed; create, update, delete: never',
    async ({ actor, allowed }) => {
      const payload = await testPayload()
      const id = rows[key(collection, target, actor)]
      const asPerson = { user: world.actors[actor], overrideAccess: false, depth: 0 } as const
      const slug = collection as CollectionSlug

      const readStatus = await statusOf(() => payload.findByID({ collection: slug, id, ...asPerson }))
      if (allowed) expect(readStatus).toBe(200)
      else expect([403, 404]).toContain(readStatus)
      // A list either leaves the row out or, for someone with no read access at all, is refused.
      const listed = await payload.find({ collection: slug, where: { id: { equals: id } }, ...asPerson }).catch((error: { status?: number }) => {
        if (error.status !== 403) throw error
        return { docs: [] }
      })
      expect(listed.docs.length).toBe(allowed ? 1 : 0)

      const before = await payload.findByID({ collection: slug, id, depth: 0 })
      const change = collection === 'audit-logs' ? { action: 'FORGED' } : collection === 'session-logs' ? { ipAddress: '192.0.2.99' } : { eventType: 'SWITCH_TENANT' }
      expect([403, 404]).toContain(await statusOf(() => payload.update({ collection: slug, id, data: change as never, ...asPerson })))
      expect([403, 404]).toContain(await statusOf(() => payload.delete({ collection: slug, id, ...asPerson })))
      expect(await payload.findByID({ collection: slug, id, depth: 0 })).toEqual(before)

      const created = await statusOf(() =>
        payload.create({ collection: slug, data: { user: String(world.actors[actor].id), ...change } as never, ...asPerson }),
      )
      expect(created).toBe(403)
    },
  )
})
