/**
 * Role × collection × operation for the helpdesk plugin, through the Local API acting as each
 * person (`overrideAccess: false`). Expectations are written out, not derived from the
 * permission table, so loosening a rule in src/access makes a row fail.
 */
import type { Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { type Actor, ACTORS, loadWorld, unique, type World } from '../helpers/fixtures'
import { describeMatrix, type Operation } from '../helpers/matrix'
import { statusOf } from '../helpers/payload'

type Collection = 'tickets' | 'time-sessions' | 'ticket-comments'
type Case = { collection: Collection; operation: Operation; target: string; allow: Actor[] }

const TICKET_WORKERS: Actor[] = ['orgAdmin', 'manager', 'supervisor', 'agent']

const CASES: Case[] = [
  // Staff see their organization's tickets (the branch manager Downtown's), a customer those they opened.
  { collection: 'tickets', operation: 'read', target: "Alice's ticket at Downtown", allow: ['super', ...TICKET_WORKERS, 'viewer', 'customer'] },
  { collection: 'tickets', operation: 'read', target: 'a staff ticket at Airport', allow: ['super', 'orgAdmin', 'supervisor', 'agent', 'viewer'] },
  { collection: 'tickets', operation: 'read', target: 'an Other ISP ticket', allow: ['super', 'otherAdmin'] },
  { collection: 'tickets', operation: 'update', target: "Alice's ticket at Downtown", allow: ['super', ...TICKET_WORKERS] },
  { collection: 'tickets', operation: 'update', target: 'a staff ticket at Airport', allow: ['super', 'orgAdmin', 'supervisor', 'agent'] },
  { collection: 'tickets', operation: 'update', target: 'an Other ISP ticket', allow: ['super', 'otherAdmin'] },
  // A customer's new ticket names them as requester (filled in when they leave it empty).
  { collection: 'tickets', operation: 'create', target: 'a ticket at Downtown', allow: ['super', ...TICKET_WORKERS, 'customer'] },
  { collection: 'tickets', operation: 'create', target: "a ticket at Downtown for Bob (another customer)", allow: ['super', ...TICKET_WORKERS] },
  { collection: 'tickets', operation: 'create', target: 'a ticket at Airport', allow: ['super', 'orgAdmin', 'supervisor', 'agent', 'customer'] },
  { collection: 'tickets', operation: 'create', target: 'a ticket of Other ISP', allow: ['super', 'otherAdmin'] },
  // Closed, never deleted: numbers stay without gaps and the time booked on them stays.
  { collection: 'tickets', operation: 'delete', target: 'a ticket at Downtown', allow: [] },

  // Seed 002: agents their own time, supervisors and admins (timeSessions.viewTeam) everyone's.
  { collection: 'time-sessions', operation: 'read', target: "Jack's time at Downtown", allow: ['super', 'orgAdmin', 'manager', 'supervisor'] },
  { collection: 'time-sessions', operation: 'read', target: "Emma's time at Downtown", allow: ['super', 'orgAdmin', 'manager', 'supervisor', 'agent'] },
  { collection: 'time-sessions', operation: 'read', target: "Jack's time at Airport", allow: ['super', 'orgAdmin', 'supervisor'] },
  { collection: 'time-sessions', operation: 'read', target: "Other ISP's time", allow: ['super', 'otherAdmin'] },
  // Recorded only through the endpoints, never edited or deleted.
  { collection: 'time-sessions', operation: 'update', target: "Emma's time at Downtown", allow: [] },
  { collection: 'time-sessions', operation: 'create', target: 'time at Downtown', allow: [] },
  { collection: 'time-sessions', operation: 'delete', target: 'time at Downtown', allow: [] },

  { collection: 'ticket-comments', operation: 'read', target: "a comment on Alice's ticket", allow: ['super', ...TICKET_WORKERS, 'viewer', 'customer'] },
  { collection: 'ticket-comments', operation: 'read', target: 'a comment on the Airport ticket', allow: ['super', 'orgAdmin', 'supervisor', 'agent', 'viewer'] },
  { collection: 'ticket-comments', operation: 'read', target: 'an Other ISP comment', allow: ['super', 'otherAdmin'] },
  { collection: 'ticket-comments', operation: 'update', target: "a comment on Alice's ticket", allow: [] },
  { collection: 'ticket-comments', operation: 'delete', target: "a comment on Alice's ticket", allow: [] },
]

let world: World
const targets: Record<string, string> = {}
let bob: string
let otherCustomer: string
let otherAgent: string
let minute = 0

/** A one-minute slot no other entry of the test uses, far in the past. */
function nextSlot() {
  const start = new Date(Date.UTC(2001, 0, 1) + minute++ * 120_000)
  return { startTime: start.toISOString(), endTime: new Date(start.getTime() + 60_000).toISOString() }
}

beforeAll(async () => {
  world = await loadWorld()
  const { payload, organizations, locations, users } = world
  const user = async (email: string, organization: string, role: string, branch?: string) =>
    String(
      (
        await payload.create({
          collection: 'users',
          data: {
            email,
            password: 'a-long-password-1',
            name: email,
            status: 'ACTIVE',
            memberships: [{ organization, role: role as 'customer', locations: branch ? [branch] : [] }],
          },
        })
      ).id,
    )
  bob = await user(`${unique('bob')}@demo-isp.test`, organizations.demo, 'customer', locations.downtown)
  otherCustomer = await user(`${unique('oscar')}@other-isp.test`, organizations.other, 'customer', locations.mainStreet)
  otherAgent = await user(`${unique('otto')}@other-isp.test`, organizations.other, 'agent')
  // Another agent of Demo ISP than Emma (the matrix's agent); the demo's John keeps seed 002's time.
  const jack = await user(`${unique('jack')}@demo-isp.test`, organizations.demo, 'agent')
  const emma = String(world.actors.agent.id)

  const ticket = async (organization: string, location: string, requester?: string) =>
    String(
      (
        await payload.create({
          collection: 'tickets',
          data: { organization, location, requester, title: unique('ticket'), status: 'open', priority: 'normal', number: 0, totalTimeSpent: 0 },
        })
      ).id,
    )
  targets["Alice's ticket at Downtown"] = await ticket(organizations.demo, locations.downtown, users.alice)
  targets['a staff ticket at Airport'] = await ticket(organizations.demo, locations.airport)
  targets['an Other ISP ticket'] = await ticket(organizations.other, locations.mainStreet, otherCustomer)

  const time = async (ticketTarget: string, agent: string, organization: string, location: string) =>
    String(
      (
        await payload.create({
          collection: 'time-sessions',
          data: { organization, location, ticket: targets[ticketTarget], agent, kind: 'manual', ...nextSlot() },
        })
      ).id,
    )
  targets["Jack's time at Downtown"] = await time("Alice's ticket at Downtown", jack, organizations.demo, locations.downtown)
  targets["Emma's time at Downtown"] = await time("Alice's ticket at Downtown", emma, organizations.demo, locations.downtown)
  targets["Jack's time at Airport"] = await time('a staff ticket at Airport', jack, organizations.demo, locations.airport)
  targets["Other ISP's time"] = await time('an Other ISP ticket', otherAgent, organizations.other, locations.mainStreet)

  const comment = async (ticketTarget: string, author: string) =>
    String((await payload.create({ collection: 'ticket-comments', data: { ticket: targets[ticketTarget], author, body: unique('comment') } as never })).id)
  targets["a comment on Alice's ticket"] = await comment("Alice's ticket at Downtown", users.alice)
  targets['a comment on the Airport ticket'] = await comment('a staff ticket at Airport', users.tech1)
  targets['an Other ISP comment'] = await comment('an Other ISP ticket', otherCustomer)
})

function newDocument(collection: Collection, target: string): Record<string, unknown> {
  const { organizations, locations, users } = world
  switch (collection) {
    case 'tickets': {
      const inOther = target.includes('Other ISP')
      return {
        organization: inOther ? organizations.other : organizations.demo,
        location: inOther ? locations.mainStreet : target.includes('Airport') ? locations.airport : locations.downtown,
        title: unique('new ticket'),
        requester: target.includes('Bob') ? bob : undefined,
        priority: 'normal',
      }
    }
    case 'time-sessions':
      return {
        organization: organizations.demo,
        location: locations.downtown,
        ticket: targets["Alice's ticket at Downtown"],
        agent: String(world.actors.orgAdmin.id),
        kind: 'manual',
        note: unique('note'),
        ...nextSlot(),
      }
    case 'ticket-comments':
      return { ticket: targets["Alice's ticket at Downtown"], author: users.alice, body: unique('comment') }
  }
}

function change(collection: Collection): { data: Record<string, unknown>; read: (doc: Record<string, unknown>) => unknown } {
  const marker = unique('changed')
  switch (collection) {
    case 'tickets':
      return { data: { title: marker }, read: (doc) => doc.title }
    case 'time-sessions':
      return { data: { note: marker }, read: (doc) => doc.note }
    case 'ticket-comments':
      return { data: { body: marker }, read: (doc) => doc.body }
  }
}

function identity(collection: Collection, data: Record<string, unknown>): Where {
  if (collection === 'tickets') return { title: { equals: data.title } }
  if (collection === 'time-sessions') return { note: { equals: data.note } }
  return { body: { equals: data.body } }
}

describeMatrix(CASES, ({ collection, target }, actor) => ({
  user: world.actors[actor],
  targetId: targets[target],
  newDocument: () => newDocument(collection, target),
  change: () => change(collection),
  identify: (data) => identity(collection, data),
}))

describe('lists show each role exactly its rows', () => {
  const tickets = ["Alice's ticket at Downtown", 'a staff ticket at Airport', 'an Other ISP ticket']
  const time = ["Jack's time at Downtown", "Emma's time at Downtown", "Jack's time at Airport", "Other ISP's time"]
  const expected: Record<Actor, { tickets: string[]; time: string[] | 'forbidden' }> = {
    super: { tickets, time },
    orgAdmin: { tickets: tickets.slice(0, 2), time: time.slice(0, 3) },
    manager: { tickets: tickets.slice(0, 1), time: time.slice(0, 2) },
    supervisor: { tickets: tickets.slice(0, 2), time: time.slice(0, 3) },
    agent: { tickets: tickets.slice(0, 2), time: ["Emma's time at Downtown"] },
    viewer: { tickets: tickets.slice(0, 2), time: 'forbidden' },
    customer: { tickets: tickets.slice(0, 1), time: 'forbidden' },
    otherAdmin: { tickets: tickets.slice(2), time: time.slice(3) },
  }

  it.each(ACTORS)('for %s', async (actor) => {
    const { payload, actors } = world
    const list = (collection: 'tickets' | 'time-sessions', names: string[]) =>
      payload.find({
        collection,
        where: { id: { in: names.map((name) => targets[name]) } },
        user: actors[actor],
        overrideAccess: false,
        pagination: false,
        depth: 0,
      })
    const ids = async (collection: 'tickets' | 'time-sessions', names: string[]) =>
      (await list(collection, names)).docs.map((doc) => String(doc.id)).sort()
    const sorted = (names: string[]) => names.map((name) => targets[name]).sort()

    expect(await ids('tickets', tickets)).toEqual(sorted(expected[actor].tickets))
    const want = expected[actor].time
    if (want === 'forbidden') expect(await statusOf(() => list('time-sessions', time))).toBe(403)
    else expect(await ids('time-sessions', time)).toEqual(sorted(want))
  })
})
