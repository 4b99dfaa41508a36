/**
 * Seed 002 over the REST API (Payload's own route handlers, as Next.js serves them), as the demo
 * agents: its seven test results, its calculation and overlap examples, and every rule with the
 * error people see. Writes go to tickets and agents made here, so the seeded figures stay as
 * the seed describes them.
 */
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { drizzleFor } from '@/db/sql'
import { poolOf } from '@/db/statements'
import { inTransaction } from '@/db/transaction'
import { stopForgottenTimers } from '@/plugins/helpdesk/timeSessions/autoStop'
import { asRuleViolation } from '@/plugins/helpdesk/timeSessions/tracking'
import { DEMO_PASSWORDS } from '@/seed/demo'

import { loadWorld, unique, type World } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'
import { errorOf, RestClient } from '../helpers/rest'

const ACTIVE_MESSAGE = 'You have an active session. Please stop it before starting a new one.'
const PASSWORD = 'a-long-password-1'
const MINUTE = 60_000

let world: World
let john: RestClient
let emma: RestClient
let lead: RestClient
const tickets: Record<number, string> = {}

async function ticketId(organization: string, number: number): Promise<string> {
  const payload = await testPayload()
  const { docs } = await payload.find({
    collection: 'tickets',
    where: { and: [{ organization: { equals: organization } }, { number: { equals: number } }] },
    limit: 1,
    depth: 0,
  })
  if (!docs[0]) throw new Error(`no ticket #${number}`)
  return String(docs[0].id)
}

/** A ticket of Demo ISP at Downtown, made by the system. */
async function newTicket(title = unique('ticket'), organization = world.organizations.demo, location: string | null = world.locations.downtown) {
  const payload = await testPayload()
  const ticket = await payload.create({
    collection: 'tickets',
    data: { organization, location, title, status: 'open', priority: 'normal', number: 0, totalTimeSpent: 0 },
  })
  return String(ticket.id)
}

/** A new staff member of Demo ISP, signed in over REST. */
async function newStaff(role: 'agent' | 'supervisor' | 'viewer' = 'agent', name = unique('Agent')) {
  const payload = await testPayload()
  const email = `${unique('staff')}@demo-isp.test`
  const user = await payload.create({
    collection: 'users',
    data: { email, password: PASSWORD, name, status: 'ACTIVE', memberships: [{ organization: world.organizations.demo, role }] },
  })
  return { id: String(user.id), name, client: await RestClient.signIn(email, PASSWORD) }
}

async function totalOf(ticket: string): Promise<number> {
  const response = await john.get(`/api/tickets/${ticket}`)
  expect(response.status).toBe(200)
  return response.body.totalTimeSpent
}

const at = (iso: string) => new Date(iso).toISOString()

beforeAll(async () => {
  world = await loadWorld()
  john = await RestClient.signIn('tech1@demo-isp.test', DEMO_PASSWORDS.tech1)
  emma = await RestClient.signIn('tech2@demo-isp.test', DEMO_PASSWORDS.tech2)
  lead = await RestClient.signIn('lead@demo-isp.test', DEMO_PASSWORDS.lead)
  for (const number of [1, 2, 3, 4, 5]) tickets[number] = await ticketId(world.organizations.demo, number)
})

describe("seed 002's demo data", () => {
  it('has tickets #1 to #5 with their titles and the seeded totals', async () => {
    const titles: Record<number, string> = {}
    for (const number of [1, 2, 5]) titles[number] = (await john.get(`/api/tickets/${tickets[number]}`)).body.title
    expect(titles).toEqual({ 1: 'Email not working', 2: 'Printer connection', 5: 'Laptop running slow' })
    expect((await john.get(`/api/tickets/${tickets[2]}`)).body.totalTimeSpent).toBe(45)
  })

  it("has Emma's 45 minutes on #2 and her timer on #5, started about 30 minutes before seeding", async () => {
    const response = await emma.get(`/api/users/${(await emma.get('/api/users/me')).body.user.id}/time-sessions`)
    expect(response.status).toBe(200)
    const [active, completed] = response.body.docs
    expect(active).toMatchObject({ ticket: tickets[5], agentName: 'Emma Tech', note: 'Currently working on laptop diagnostics' })
    expect(active.endTime ?? null).toBeNull()
    expect(active.durationMinutes ?? null).toBeNull()
    const runningFor = (Date.now() - new Date(active.startTime).getTime()) / MINUTE
    expect(runningFor).toBeGreaterThanOrEqual(30)
    expect(runningFor).toBeLessThan(60)
    expect(completed).toMatchObject({ ticket: tickets[2], durationMinutes: 45, note: 'Diagnosed printer connection issue' })
  })
})

describe("seed 002's seven test results, as John Tech (tech1)", () => {
  let started: string

  it('1. lists the agent: one session, 120 minutes completed', async () => {
    const response = await john.get(`/api/users/${world.users.tech1}/time-sessions`)
    expect(response.status).toBe(200)
    expect(response.body.docs).toHaveLength(1)
    expect(response.body.docs[0]).toMatchObject({ agentName: 'John Tech', durationMinutes: 120, note: 'Fixed Azure AD sync issue' })
    expect(response.body.docs[0].endTime).toBeTruthy()
  })

  it('2. ticket #1 reports a total time spent of 120 minutes', async () => {
    const response = await john.get(`/api/tickets/${tickets[1]}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ number: 1, title: 'Email not working', totalTimeSpent: 120 })
  })

  it("3. ticket #1 has one session, John Tech's 120 minutes", async () => {
    const response = await john.get(`/api/tickets/${tickets[1]}/time-sessions`)
    expect(response.status).toBe(200)
    expect(response.body.docs.map((entry: { agentName: string; durationMinutes: number }) => [entry.agentName, entry.durationMinutes])).toEqual([
      ['John Tech', 120],
    ])
  })

  it('4. starts a session on ticket #3: active, no end time', async () => {
    const response = await john.post('/api/time-sessions/start', { ticket: tickets[3], note: 'Looking at the lounge AP' })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ agentName: 'John Tech', ticket: tickets[3], kind: 'timer', note: 'Looking at the lounge AP' })
    expect(response.body.endTime ?? null).toBeNull()
    expect(response.body.durationMinutes ?? null).toBeNull()
    started = response.body.id
  })

  it('7. a second start while one runs is blocked with the seed message', async () => {
    const response = await john.post('/api/time-sessions/start', { ticket: tickets[1] })
    expect(response.status).toBe(409)
    expect(errorOf(response)).toBe(ACTIVE_MESSAGE)
  })

  it('5. stops it: end time set, duration 0 minutes for a quick test', async () => {
    const response = await john.post('/api/time-sessions/stop', { session: started, note: 'Rebooted the AP' })
    expect(response.status).toBe(200)
    expect(response.body.endTime).toBeTruthy()
    expect(response.body.durationMinutes).toBe(0)
    expect(response.body.note).toBe('Rebooted the AP')
  })

  it('6. a manual session from 10:00 to 11:30 yesterday counts 90 minutes', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const response = await john.post('/api/time-sessions/manual', {
      ticket: tickets[3],
      startTime: `${yesterday}T10:00:00Z`,
      endTime: `${yesterday}T11:30:00Z`,
      note: 'Site survey',
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ kind: 'manual', durationMinutes: 90, agentName: 'John Tech' })
    expect(response.body.startTime).toBe(at(`${yesterday}T10:00:00Z`))
    expect(response.body.endTime).toBe(at(`${yesterday}T11:30:00Z`))
  })

  it("lists are newest first and ticket #3's total is 90", async () => {
    const response = await john.get(`/api/users/${world.users.tech1}/time-sessions`)
    const starts = response.body.docs.map((entry: { startTime: string }) => entry.startTime)
    expect(starts).toEqual([...starts].sort().reverse())
    expect(await totalOf(tickets[3])).toBe(90)
  })
})

describe("seed 002's calculation examples", () => {
  it('10:00 to 12:30 is 150 minutes', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const response = await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-03T10:00:00Z', endTime: '2025-02-03T12:30:00Z' })
    expect(response.status).toBe(201)
    expect(response.body.durationMinutes).toBe(150)
  })

  it('120 + 45 + 30 (stopped) minutes make a ticket total of 195', async () => {
    const ticket = await newTicket()
    const [first, second, third] = [await newStaff(), await newStaff(), await newStaff()]
    expect((await first.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-03T08:00:00Z', endTime: '2025-02-03T10:00:00Z' })).status).toBe(201)
    expect((await second.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-03T09:00:00Z', endTime: '2025-02-03T09:45:00Z' })).status).toBe(201)
    // The third is a timer that ran 30 minutes: started by the system in the past, stopped over REST.
    const payload = await testPayload()
    const timer = await payload.create({
      collection: 'time-sessions',
      data: {
        organization: world.organizations.demo,
        location: world.locations.downtown,
        ticket,
        agent: third.id,
        kind: 'timer',
        startTime: new Date(Date.now() - 30 * MINUTE - 5_000).toISOString(),
      },
    })
    expect(await totalOf(ticket)).toBe(165)
    const stopped = await third.client.post('/api/time-sessions/stop', { session: timer.id })
    expect(stopped.body.durationMinutes).toBe(30)
    expect(await totalOf(ticket)).toBe(195)
  })
})

describe("seed 002's overlap examples", () => {
  it('10:00–12:00 then 11:00–13:00 by the same agent is blocked; by another agent it is allowed', async () => {
    const [tech1, tech2] = [await newStaff(), await newStaff()]
    const ticket = await newTicket()
    const existing = await tech1.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-03T10:00:00Z', endTime: '2025-02-03T12:00:00Z' })
    expect(existing.status).toBe(201)

    const blocked = await tech1.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-03T11:00:00Z', endTime: '2025-02-03T13:00:00Z' })
    expect(blocked.status).toBe(409)
    // In the words and zone of the ticket's people (Demo ISP: Nairobi, day first), not ISO strings.
    expect(errorOf(blocked)).toMatch(/^This time overlaps another of your time sessions\. It overlaps ticket #\d+ \(03\/02\/2025 13:00–15:00, East Africa Time \(Africa\/Nairobi\)\)\.$/)

    const allowed = await tech2.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-03T11:00:00Z', endTime: '2025-02-03T13:00:00Z' })
    expect(allowed.status).toBe(201)
    expect(allowed.body.durationMinutes).toBe(120)
  })

  it('touching ranges do not overlap (12:00–13:00 after 10:00–12:00)', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-04T10:00:00Z', endTime: '2025-02-04T12:00:00Z' })
    const next = await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-04T12:00:00Z', endTime: '2025-02-04T13:00:00Z' })
    expect(next.status).toBe(201)
  })

  it('a running timer blocks manual time after its start, not before', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const payload = await testPayload()
    await payload.create({
      collection: 'time-sessions',
      data: { organization: world.organizations.demo, ticket, agent: agent.id, kind: 'timer', startTime: new Date(Date.now() - 60 * MINUTE).toISOString() },
    })
    const after = await agent.client.post('/api/time-sessions/manual', {
      ticket,
      startTime: new Date(Date.now() - 30 * MINUTE).toISOString(),
      endTime: new Date(Date.now() - 10 * MINUTE).toISOString(),
    })
    expect(after.status).toBe(409)
    expect(errorOf(after)).toMatch(/still running/)
    const before = await agent.client.post('/api/time-sessions/manual', {
      ticket,
      startTime: new Date(Date.now() - 120 * MINUTE).toISOString(),
      endTime: new Date(Date.now() - 61 * MINUTE).toISOString(),
    })
    expect(before.status).toBe(201)
  })

  it('a start is blocked by a completed entry that has not ended yet (clock skew)', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const payload = await testPayload()
    await payload.create({
      collection: 'time-sessions',
      data: {
        organization: world.organizations.demo,
        ticket,
        agent: agent.id,
        kind: 'manual',
        startTime: new Date(Date.now() - 10 * MINUTE).toISOString(),
        endTime: new Date(Date.now() + 10 * MINUTE).toISOString(),
      },
    })
    const response = await agent.client.post('/api/time-sessions/start', { ticket })
    expect(response.status).toBe(409)
    expect(errorOf(response)).toMatch(/^This time overlaps another of your time sessions/)
  })
})

describe('one running timer per agent', () => {
  it('of 20 simultaneous starts by one agent exactly one succeeds; the others get the seed message', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const responses = await Promise.all(Array.from({ length: 20 }, () => agent.client.post('/api/time-sessions/start', { ticket })))
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(19)
    for (const response of responses.filter((candidate) => candidate.status === 409)) expect(errorOf(response)).toBe(ACTIVE_MESSAGE)
    const payload = await testPayload()
    const running = await payload.count({ collection: 'time-sessions', where: { and: [{ agent: { equals: agent.id } }, { endTime: { exists: false } }] } })
    expect(running.totalDocs).toBe(1)
  })

  it('20 simultaneous overlapping manual entries by one agent: exactly one is stored', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        agent.client.post('/api/time-sessions/manual', {
          ticket,
          startTime: new Date(Date.UTC(2025, 2, 1, 10, index)).toISOString(),
          endTime: new Date(Date.UTC(2025, 2, 1, 11, index)).toISOString(),
        }),
      ),
    )
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1)
    expect(responses.filter((response) => response.status === 409)).toHaveLength(19)
  })

  it('other agents start at the same time as one another', async () => {
    const ticket = await newTicket()
    const agents = await Promise.all([newStaff(), newStaff(), newStaff()])
    const responses = await Promise.all(agents.map((agent) => agent.client.post('/api/time-sessions/start', { ticket })))
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201])
  })

  it('the database itself refuses overlapping time, an end before the start, and a second running timer', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const client = await poolOf(await testPayload()).connect()
    const insert = (start: string, end: string | null) =>
      client.query({
        name: 'insert-time-session',
        text: `insert into time_sessions (organization_id, ticket_id, agent_id, kind, start_time, end_time)
               values ($1, $2, $3, 'timer', $4::timestamptz, $5::timestamptz)`,
        values: [world.organizations.demo, ticket, agent.id, start, end],
      })
    const refusal = (work: () => Promise<unknown>) =>
      work().then(
        () => null,
        (error: { code?: string; constraint?: string }) => `${error.code} ${error.constraint}`,
      )
    try {
      expect(await refusal(() => insert('2025-01-01T10:00:00Z', '2025-01-01T12:00:00Z'))).toBeNull()
      expect(await refusal(() => insert('2025-01-01T11:00:00Z', '2025-01-01T13:00:00Z'))).toBe('23P01 time_sessions_no_overlap')
      expect(await refusal(() => insert('2025-01-01T09:00:00Z', '2025-01-01T08:00:00Z'))).toBe('23514 time_sessions_ends_after_start')
      expect(await refusal(() => insert('2025-01-02T10:00:00Z', null))).toBeNull()

      // Two running timers always overlap (both run to infinity), so the exclusion constraint
      // refuses them too; with it out of the way, inside a transaction that is rolled back, the
      // unique index alone still does.
      await client.query('begin')
      await client.query('alter table time_sessions drop constraint time_sessions_no_overlap')
      expect(await refusal(() => insert('2025-01-03T10:00:00Z', null))).toBe('23505 time_sessions_one_running_timer')
    } finally {
      await client.query('rollback')
      client.release()
    }
    const db = await drizzleFor(await testPayload())
    const constraint = await db.execute(sql`select 1 from pg_constraint where conname = 'time_sessions_no_overlap'`)
    expect((constraint as unknown as { rows: unknown[] }).rows).toHaveLength(1)
  })
})

describe("the database's refusals, in the rules' words", () => {
  it('overlapping time written past the lock is a 409 with the overlap message', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const payload = await testPayload()
    const entry = (startTime: string, endTime: string) =>
      payload.create({ collection: 'time-sessions', data: { organization: world.organizations.demo, ticket, agent: agent.id, kind: 'manual', startTime, endTime } })
    await entry('2025-04-01T10:00:00Z', '2025-04-01T12:00:00Z')
    const error = await entry('2025-04-01T11:00:00Z', '2025-04-01T13:00:00Z').then(() => null, (caught: unknown) => caught)
    expect(asRuleViolation(error)).toMatchObject({ status: 409, message: 'This time overlaps another of your time sessions.' })
  })

  it('a second running timer refused by the unique index alone is a 409 with the seed message', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const payload = await testPayload()
    const req = await createLocalReq({}, payload)
    const timer = (startTime: string) =>
      payload.create({ collection: 'time-sessions', data: { organization: world.organizations.demo, ticket, agent: agent.id, kind: 'timer', startTime }, req })
    const error = await inTransaction(req, async () => {
      // Out of the way for this transaction only (rolled back below), so the index is what refuses.
      await (await drizzleFor(payload, req)).execute(sql`alter table time_sessions drop constraint time_sessions_no_overlap`)
      await timer('2025-04-02T10:00:00Z')
      await timer('2025-04-03T10:00:00Z')
    }).then(() => null, (caught: unknown) => caught)
    expect(asRuleViolation(error)).toMatchObject({ status: 409, message: ACTIVE_MESSAGE })
    expect((await payload.count({ collection: 'time-sessions', where: { agent: { equals: agent.id } } })).totalDocs).toBe(0)
  })
})

describe('ticket totals under concurrency', () => {
  it('a ticket saved while time is being recorded keeps the new total', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const admin = await RestClient.signIn('admin@demo-isp.test', DEMO_PASSWORDS.demoAdmin)
    const blocker = await poolOf(await testPayload()).connect()
    try {
      await blocker.query('begin')
      await blocker.query({ name: 'lock-ticket', text: 'select 1 from tickets where id = $1 for update', values: [ticket] })
      // The entry queues on the ticket's lock first; the save reads the ticket, then queues too.
      const recording = agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-04-04T10:00:00Z', endTime: '2025-04-04T11:00:00Z' })
      await new Promise((resolve) => setTimeout(resolve, 300))
      const saving = admin.patch(`/api/tickets/${ticket}`, { status: 'in-progress' })
      await new Promise((resolve) => setTimeout(resolve, 300))
      await blocker.query('commit')
      expect((await recording).status).toBe(201)
      expect((await saving).status).toBe(200)
    } finally {
      blocker.release()
    }
    expect(await totalOf(ticket)).toBe(60)
  })
})

describe('stopping', () => {
  it('only the agent who started a session stops it (403); another organization gets 404; twice is 409', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const started = await agent.client.post('/api/time-sessions/start', { ticket })
    expect(started.status).toBe(201)

    const byEmma = await emma.post('/api/time-sessions/stop', { session: started.body.id })
    expect(byEmma.status).toBe(403)
    expect(errorOf(byEmma)).toBe('Only the agent who started a session can stop it.')

    const other = await RestClient.signIn('admin@other-isp.test', DEMO_PASSWORDS.otherAdmin)
    const foreign = await other.post('/api/time-sessions/stop', { session: started.body.id })
    expect(foreign.status).toBe(404)
    expect(errorOf(foreign)).toBe('No such time session in your organization.')

    expect((await agent.client.post('/api/time-sessions/stop', { session: started.body.id })).status).toBe(200)
    const again = await agent.client.post('/api/time-sessions/stop', { session: started.body.id })
    expect(again.status).toBe(409)
    expect(errorOf(again)).toBe('This session has already been stopped.')
  })

  it('without a session id is a 400 that says what to send; an unknown id is a 404', async () => {
    const missing = await john.post('/api/time-sessions/stop', {})
    expect(missing.status).toBe(400)
    expect(errorOf(missing)).toMatch(/session is required/)
    expect((await john.post('/api/time-sessions/stop', { session: '00000000-0000-4000-8000-000000000000' })).status).toBe(404)
    expect((await john.post('/api/time-sessions/stop', { session: "1' or '1'='1" })).status).toBe(404)
    const notJson = await john.request('POST', '/api/time-sessions/stop', '{oops')
    expect(notJson.status).toBe(400)
  })
})

describe('manual entries', () => {
  const cases = [
    { name: 'end before start', body: { startTime: '2025-02-03T12:00:00Z', endTime: '2025-02-03T10:00:00Z' }, message: 'The end must be after the start.' },
    { name: 'end equal to start', body: { startTime: '2025-02-03T12:00:00Z', endTime: '2025-02-03T12:00:00Z' }, message: 'The end must be after the start.' },
    {
      name: 'end in the future',
      body: { startTime: new Date(Date.now() - 60 * MINUTE).toISOString(), endTime: new Date(Date.now() + 60 * MINUTE).toISOString() },
      message: 'The end cannot be in the future.',
    },
    { name: 'longer than a day', body: { startTime: '2025-02-03T00:00:00Z', endTime: '2025-02-04T00:01:00Z' }, message: /at most 24 hours/ },
    { name: 'no time zone', body: { startTime: '2025-02-03 10:00', endTime: '2025-02-03T12:00:00Z' }, message: /startTime must be a date and time with its time zone/ },
    { name: 'not a date', body: { startTime: '2025-02-03T10:00:00Z', endTime: 'tomorrow' }, message: /endTime must be a date and time/ },
    { name: 'an impossible date', body: { startTime: '2025-02-30T10:00:00Z', endTime: '2025-02-30T11:00:00Z' }, message: /startTime must be a date/ },
    { name: 'a note too long', body: { startTime: '2025-02-03T10:00:00Z', endTime: '2025-02-03T11:00:00Z', note: 'x'.repeat(2_001) }, message: /note is too long/ },
  ]

  it.each(cases)('$name: 400 with a clear message, nothing stored', async ({ body, message }) => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const response = await agent.client.post('/api/time-sessions/manual', { ticket, ...body })
    expect(response.status).toBe(400)
    expect(errorOf(response)).toMatch(message)
    const payload = await testPayload()
    expect((await payload.count({ collection: 'time-sessions', where: { agent: { equals: agent.id } } })).totalDocs).toBe(0)
  })

  it('accepts an offset instead of Z and stores the instant', async () => {
    const agent = await newStaff()
    const response = await agent.client.post('/api/time-sessions/manual', {
      ticket: await newTicket(),
      startTime: '2025-02-03T13:00:00+03:00',
      endTime: '2025-02-03T14:15:00+03:00',
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ startTime: '2025-02-03T10:00:00.000Z', durationMinutes: 75 })
  })
})

describe('who may track time', () => {
  it('the platform owner cannot create time sessions', async () => {
    const owner = await RestClient.signIn('super@beacon.test', DEMO_PASSWORDS.super)
    const response = await owner.post('/api/time-sessions/start', { ticket: tickets[1] })
    expect(response.status).toBe(403)
    expect(errorOf(response)).toBe("The platform owner does not track time on organizations' tickets.")
    const manual = await owner.post('/api/time-sessions/manual', { ticket: tickets[1], startTime: '2025-02-03T10:00:00Z', endTime: '2025-02-03T11:00:00Z' })
    expect(manual.status).toBe(403)
  })

  it('customers have no access at all', async () => {
    const alice = await RestClient.signIn('alice@demo-isp.test', DEMO_PASSWORDS.alice)
    for (const response of [
      await alice.post('/api/time-sessions/start', { ticket: tickets[1] }),
      await alice.post('/api/time-sessions/manual', { ticket: tickets[1], startTime: '2025-02-03T10:00:00Z', endTime: '2025-02-03T11:00:00Z' }),
      await alice.get(`/api/tickets/${tickets[1]}/time-sessions`),
      await alice.get(`/api/users/${world.users.alice}/time-sessions`),
      await alice.get('/api/time-sessions/export?from=2025-02-01&to=2025-02-28'),
    ]) {
      expect(response.status).toBe(403)
    }
    const list = await alice.get('/api/time-sessions')
    expect(list.status).toBe(403)
  })

  it('viewers read tickets but do not track time', async () => {
    const viewer = await newStaff('viewer')
    expect((await viewer.client.get(`/api/tickets/${tickets[1]}`)).status).toBe(200)
    const response = await viewer.client.post('/api/time-sessions/start', { ticket: tickets[1] })
    expect(response.status).toBe(403)
    expect(errorOf(response)).toBe('Only staff who work tickets can track time.')
  })

  it("another organization's ticket does not exist for the agent (404); a missing ticket id is a 400", async () => {
    const foreign = await newTicket(unique('foreign'), world.organizations.other, world.locations.mainStreet)
    const response = await john.post('/api/time-sessions/start', { ticket: foreign })
    expect(response.status).toBe(404)
    expect(errorOf(response)).toBe('No such ticket in your organization.')
    const missing = await john.post('/api/time-sessions/start', {})
    expect(missing.status).toBe(400)
    expect(errorOf(missing)).toMatch(/ticket is required/)
  })

  it('a closed ticket takes no new timer, but late manual time', async () => {
    const agent = await newStaff()
    const payload = await testPayload()
    const ticket = await newTicket()
    await payload.update({ collection: 'tickets', id: ticket, data: { status: 'closed' } })
    const response = await agent.client.post('/api/time-sessions/start', { ticket })
    expect(response.status).toBe(409)
    expect(errorOf(response)).toMatch(/is closed/)
    const manual = await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-05T10:00:00Z', endTime: '2025-02-05T10:20:00Z' })
    expect(manual.status).toBe(201)
  })

  it('nobody writes time sessions through the collection API', async () => {
    const admin = await RestClient.signIn('admin@demo-isp.test', DEMO_PASSWORDS.demoAdmin)
    const entry = (await john.get(`/api/users/${world.users.tech1}/time-sessions`)).body.docs[0]
    const create = await admin.post('/api/time-sessions', { ticket: tickets[1], agent: world.users.tech1, startTime: '2025-02-03T10:00:00Z' })
    expect(create.status).toBe(403)
    expect((await admin.patch(`/api/time-sessions/${entry.id}`, { durationMinutes: 999 })).status).toBe(403)
    expect((await admin.delete(`/api/time-sessions/${entry.id}`)).status).toBe(403)
    expect((await john.patch(`/api/time-sessions/${entry.id}`, { durationMinutes: 999 })).status).toBe(403)
    const after = await john.get(`/api/time-sessions/${entry.id}`)
    expect(after.body.durationMinutes).toBe(entry.durationMinutes)
  })
})

describe('who sees whose time', () => {
  it("agents list only their own; asking for another agent's is a 403 with the reason", async () => {
    const response = await emma.get(`/api/users/${world.users.tech1}/time-sessions`)
    expect(response.status).toBe(403)
    expect(errorOf(response)).toBe('You can only view your own time sessions.')
  })

  it("on a ticket, an agent sees only their own entries; a supervisor sees everyone's", async () => {
    const ticket = await newTicket()
    const [first, second] = [await newStaff(), await newStaff()]
    await first.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-06T10:00:00Z', endTime: '2025-02-06T11:00:00Z' })
    await second.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-06T12:00:00Z', endTime: '2025-02-06T12:30:00Z' })
    const asFirst = await first.client.get(`/api/tickets/${ticket}/time-sessions`)
    expect(asFirst.body.docs.map((entry: { agent: string }) => entry.agent)).toEqual([first.id])
    const asLead = await lead.get(`/api/tickets/${ticket}/time-sessions`)
    expect(asLead.body.docs.map((entry: { agent: string }) => entry.agent)).toEqual([second.id, first.id])
    // The total counts everyone's time whoever reads it.
    expect((await first.client.get(`/api/tickets/${ticket}`)).body.totalTimeSpent).toBe(90)
  })

  it("supervisors (timeSessions.viewTeam) list any agent's time in their organization", async () => {
    const response = await lead.get(`/api/users/${world.users.tech1}/time-sessions`)
    expect(response.status).toBe(200)
    expect(response.body.docs.length).toBeGreaterThan(0)
    expect(response.body.docs.every((entry: { agent: string }) => entry.agent === world.users.tech1)).toBe(true)
  })

  it("another organization's admin gets 404 for Demo ISP's people and tickets", async () => {
    const other = await RestClient.signIn('admin@other-isp.test', DEMO_PASSWORDS.otherAdmin)
    expect((await other.get(`/api/users/${world.users.tech1}/time-sessions`)).status).toBe(404)
    expect((await other.get(`/api/tickets/${tickets[1]}/time-sessions`)).status).toBe(404)
    expect((await other.get(`/api/tickets/${tickets[1]}`)).status).toBe(404)
    const list = await other.get('/api/time-sessions?limit=100')
    expect(list.status).toBe(200)
    expect(list.body.docs.every((entry: { organization: string }) => entry.organization === world.organizations.other)).toBe(true)
  })

  it('the time-sessions list follows the same rule', async () => {
    const asEmma = await emma.get('/api/time-sessions?limit=200&depth=0')
    expect(asEmma.body.docs.length).toBeGreaterThan(0)
    expect(asEmma.body.docs.every((entry: { agentName: string }) => entry.agentName === 'Emma Tech')).toBe(true)
    const asLead = await lead.get('/api/time-sessions?limit=200&depth=0')
    expect(asLead.body.docs.some((entry: { agentName: string }) => entry.agentName === 'John Tech')).toBe(true)
    expect(asLead.body.docs.some((entry: { agentName: string }) => entry.agentName === 'Emma Tech')).toBe(true)
  })
})

describe('forgotten timers', () => {
  it('are stopped after the limit, at start plus the limit, marked auto-stopped, and counted', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const payload = await testPayload()
    const start = new Date(Date.now() - 13 * 60 * MINUTE)
    const timer = await payload.create({
      collection: 'time-sessions',
      data: { organization: world.organizations.demo, ticket, agent: agent.id, kind: 'timer', startTime: start.toISOString() },
    })
    const fresh = await newStaff()
    const recent = await payload.create({
      collection: 'time-sessions',
      data: { organization: world.organizations.demo, ticket, agent: fresh.id, kind: 'timer', startTime: new Date(Date.now() - 11 * 60 * MINUTE).toISOString() },
    })

    expect(await stopForgottenTimers(payload, { limitHours: 12 })).toBeGreaterThanOrEqual(1)
    const stopped = await payload.findByID({ collection: 'time-sessions', id: timer.id })
    expect(stopped).toMatchObject({ autoStopped: true, durationMinutes: 720, endTime: new Date(start.getTime() + 12 * 60 * MINUTE).toISOString() })
    const untouched = await payload.findByID({ collection: 'time-sessions', id: recent.id })
    expect(untouched.endTime ?? null).toBeNull()
    expect(await totalOf(ticket)).toBe(720)
    // The agent can start again.
    expect((await agent.client.post('/api/time-sessions/start', { ticket })).status).toBe(201)
  })
})

describe('corrections', () => {
  it('add or take off minutes with a reason, linked to the entry, and the totals include them', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const entry = await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-07T10:00:00Z', endTime: '2025-02-07T11:00:00Z' })
    const plus = await agent.client.post(`/api/time-sessions/${entry.body.id}/adjust`, { minutes: 15, reason: 'Forgot the drive back' })
    expect(plus.status).toBe(201)
    expect(plus.body).toMatchObject({ kind: 'adjustment', durationMinutes: 15, adjusts: entry.body.id, reason: 'Forgot the drive back', recordedBy: agent.id, agent: agent.id })
    expect(await totalOf(ticket)).toBe(75)

    const minus = await lead.post(`/api/time-sessions/${entry.body.id}/adjust`, { minutes: -30, reason: 'Lunch break was included' })
    expect(minus.status).toBe(201)
    expect(minus.body.agent).toBe(agent.id)
    expect(await totalOf(ticket)).toBe(45)

    // The original is untouched: a correction is never an edit.
    const original = await agent.client.get(`/api/time-sessions/${entry.body.id}`)
    expect(original.body.durationMinutes).toBe(60)

    const tooMuch = await lead.post(`/api/time-sessions/${entry.body.id}/adjust`, { minutes: -46, reason: 'Wrong ticket' })
    expect(tooMuch.status).toBe(400)
    expect(errorOf(tooMuch)).toBe('A correction cannot take an entry below zero minutes; this one stands at 45.')
    expect(await totalOf(ticket)).toBe(45)
  })

  it('need a reason and whole non-zero minutes; another agent cannot correct; a running timer cannot be corrected', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const entry = await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-08T10:00:00Z', endTime: '2025-02-08T11:00:00Z' })
    const url = `/api/time-sessions/${entry.body.id}/adjust`
    expect(errorOf(await agent.client.post(url, { minutes: 10 }))).toMatch(/reason is required/)
    expect((await agent.client.post(url, { minutes: 0, reason: 'nothing' })).status).toBe(400)
    expect((await agent.client.post(url, { minutes: 1.5, reason: 'half' })).status).toBe(400)
    expect((await agent.client.post(url, { minutes: '10', reason: 'text' })).status).toBe(400)
    const byEmma = await emma.post(url, { minutes: 10, reason: 'Not mine to change' })
    expect(byEmma.status).toBe(403)
    const other = await RestClient.signIn('admin@other-isp.test', DEMO_PASSWORDS.otherAdmin)
    expect((await other.post(url, { minutes: 10, reason: 'Foreign' })).status).toBe(404)

    const running = await agent.client.post('/api/time-sessions/start', { ticket })
    const onRunning = await agent.client.post(`/api/time-sessions/${running.body.id}/adjust`, { minutes: 10, reason: 'Too early' })
    expect(onRunning.status).toBe(409)
    expect(errorOf(onRunning)).toBe('Stop the session before correcting it.')

    const correction = await agent.client.post(url, { minutes: 5, reason: 'Travel' })
    const ofCorrection = await agent.client.post(`/api/time-sessions/${correction.body.id}/adjust`, { minutes: 5, reason: 'Again' })
    expect(ofCorrection.status).toBe(400)
    expect(await totalOf(ticket)).toBe(65)
  })

  it('do not count as overlapping time or as a running timer', async () => {
    const agent = await newStaff()
    const ticket = await newTicket()
    const entry = await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-02-09T10:00:00Z', endTime: '2025-02-09T11:00:00Z' })
    await agent.client.post(`/api/time-sessions/${entry.body.id}/adjust`, { minutes: 5, reason: 'Travel' })
    expect((await agent.client.post('/api/time-sessions/start', { ticket })).status).toBe(201)
  })
})

describe('CSV export', () => {
  it("exports an agent's days in the branch's time zone, corrections included, and a team's for supervisors", async () => {
    const agent = await newStaff('agent', 'Csv Agent')
    const ticket = await newTicket('Router reboot, then "check"')
    // Downtown is in Demo ISP's zone, Africa/Nairobi (UTC+3): 22:30Z on the 9th is 01:30 on the 10th there.
    const late = await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-03-09T22:30:00Z', endTime: '2025-03-09T23:00:00Z', note: '=HYPERLINK("x")' })
    await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-03-10T06:00:00Z', endTime: '2025-03-10T07:15:00Z' })
    await agent.client.post(`/api/time-sessions/${late.body.id}/adjust`, { minutes: -10, reason: 'Counted twice' })
    await agent.client.post('/api/time-sessions/manual', { ticket, startTime: '2025-03-08T10:00:00Z', endTime: '2025-03-08T11:00:00Z' })

    const response = await agent.client.get(`/api/time-sessions/export?from=2025-03-10&to=2025-03-10&organization=${world.organizations.demo}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="time-demo-isp-2025-03-10-to-2025-03-10\.csv"/)
    const lines = response.text.trim().split('\n')
    expect(lines[0]).toBe('date,start,end,time_zone,minutes,kind,agent,ticket,ticket_title,note,correction_reason,auto_stopped')
    const ticketNumber = (await agent.client.get(`/api/tickets/${ticket}`)).body.number
    expect(lines.slice(1)).toEqual([
      `2025-03-10,01:30,02:00,Africa/Nairobi,30,manual,Csv Agent,#${ticketNumber},"Router reboot, then ""check""","'=HYPERLINK(""x"")",,`,
      `2025-03-10,,,Africa/Nairobi,-10,adjustment,Csv Agent,#${ticketNumber},"Router reboot, then ""check""",,Counted twice,`,
      `2025-03-10,09:00,10:15,Africa/Nairobi,75,manual,Csv Agent,#${ticketNumber},"Router reboot, then ""check""",,,`,
    ])

    const team = await lead.get(`/api/time-sessions/export?from=2025-03-08&to=2025-03-10&organization=${world.organizations.demo}`)
    expect(team.status).toBe(200)
    expect(team.text.trim().split('\n').filter((line) => line.includes('Csv Agent'))).toHaveLength(4)

    const notOwn = await emma.get(`/api/time-sessions/export?from=2025-03-10&to=2025-03-10&agent=${agent.id}&organization=${world.organizations.demo}`)
    expect(notOwn.status).toBe(403)
  })

  it('refuses bad ranges with a reason', async () => {
    const base = `/api/time-sessions/export?organization=${world.organizations.demo}`
    expect(errorOf(await lead.get(`${base}&from=2025-03-10`))).toBe('to is required as a date, YYYY-MM-DD.')
    expect(errorOf(await lead.get(`${base}&from=2025-03-10&to=2025-03-01`))).toBe('to must be on or after from.')
    expect(errorOf(await lead.get(`${base}&from=2025-02-30&to=2025-03-01`))).toBe('from is not a real date: 2025-02-30.')
    expect((await lead.get(`${base}&from=2024-01-01&to=2025-03-01`)).status).toBe(400)
    const other = `/api/time-sessions/export?organization=${world.organizations.other}&from=2025-03-01&to=2025-03-02`
    expect((await lead.get(other)).status).toBe(404)
  })
})
