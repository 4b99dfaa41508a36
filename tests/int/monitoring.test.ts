/**
 * Logs an operator can use (issue 18, item 13): refusals people cause are logged at INFO or WARN
 * with the ids to find them and no stack, faults at ERROR with theirs.
 */
import { APIError } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest'

import { loadWorld, unique, type World } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

const PASSWORD = 'a-long-password-1'

let world: World
type Level = 'info' | 'warn' | 'error'
let spies: Record<Level, MockInstance>

beforeAll(async () => {
  world = await loadWorld()
})

/** What the logger was given at each level since the spies were set: its fields and message. */
function logged(level: Level): { fields: Record<string, unknown>; message: string }[] {
  return spies[level].mock.calls.map(([first, second]) => {
    const fields = (typeof first === 'object' && first !== null ? first : {}) as Record<string, unknown>
    return { fields, message: typeof second === 'string' ? second : typeof first === 'string' ? first : String(fields.msg ?? '') }
  })
}

function lineAbout(level: Level, message: string) {
  return logged(level).find((line) => line.message === message)
}

describe('logs of failed requests', () => {
  beforeAll(() => {
    const logger = world.payload.logger
    spies = { info: vi.spyOn(logger, 'info'), warn: vi.spyOn(logger, 'warn'), error: vi.spyOn(logger, 'error') }
  })
  afterEach(() => Object.values(spies).forEach((spy) => spy.mockClear()))
  afterAll(() => Object.values(spies).forEach((spy) => spy.mockRestore()))

  it('a rule the person broke is INFO with their organization, their id and the ids it names, without a stack', async () => {
    const email = `${unique('agent')}@demo-isp.test`
    const agent = await world.payload.create({
      collection: 'users',
      data: {
        email,
        password: PASSWORD,
        name: 'Log Agent',
        status: 'ACTIVE',
        memberships: [{ organization: world.organizations.demo, role: 'agent' }],
      },
    })
    const ticket = (title: string) =>
      world.payload.create({
        collection: 'tickets',
        data: {
          organization: world.organizations.demo,
          location: world.locations.downtown,
          title,
          status: 'open',
          priority: 'normal',
          number: 0,
          totalTimeSpent: 0,
        },
      })
    const [first, second] = [await ticket(unique('first')), await ticket(unique('second'))]
    const client = await RestClient.signIn(email, PASSWORD)
    const started = await client.post('/api/time-sessions/start', { ticket: first.id })
    expect(started.status).toBe(201)

    const refused = await client.post('/api/time-sessions/start', { ticket: second.id })
    expect(refused.status).toBe(409)
    const message = 'You have an active session. Please stop it before starting a new one.'
    const line = lineAbout('info', message)
    expect(line?.fields).toMatchObject({
      status: 409,
      method: 'POST',
      path: '/api/time-sessions/start',
      user: agent.id,
      organization: world.organizations.demo,
      data: { activeSession: started.body.doc?.id ?? expect.any(String) },
    })
    expect(line?.fields).not.toHaveProperty('err')
    expect(JSON.stringify(line?.fields)).not.toContain('    at ')
    expect(logged('error')).toEqual([])
  })

  it('a wrong password, a locked-out account and a forbidden list are WARN; a bad id and a missing field are INFO; none is ERROR', async () => {
    const email = `${unique('locked')}@demo-isp.test`
    await world.payload.create({
      collection: 'users',
      data: {
        email,
        password: PASSWORD,
        name: 'Often Wrong',
        status: 'ACTIVE',
        memberships: [{ organization: world.organizations.demo, role: 'agent' }],
      },
    })
    const anonymous = RestClient.anonymous({ headers: { 'x-beacon-client-ip': '198.51.100.77' } })
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await anonymous.post('/api/users/login', { email, password: 'wrong-password' })).status).toBe(401)
    }
    expect((await anonymous.post('/api/users/login', { email, password: PASSWORD })).status).toBe(401)
    expect(lineAbout('warn', 'The email or password provided is incorrect.')?.fields).toMatchObject({
      status: 401,
      path: '/api/users/login',
      collection: 'users',
      ip: '198.51.100.77',
    })
    expect(lineAbout('warn', 'This user is locked due to having too many failed login attempts.')?.fields).toMatchObject({
      status: 401,
      error: 'LockedAuth',
    })

    const customer = await RestClient.signIn('alice@demo-isp.test', 'beacon-alice-1')
    expect((await customer.get('/api/routers')).status).toBe(403)
    expect(logged('warn').find((line) => line.fields.status === 403)?.fields).toMatchObject({
      user: world.users.alice,
      path: '/api/routers',
    })

    const admin = await RestClient.signIn('admin@demo-isp.test', 'beacon-admin-1')
    expect((await admin.get('/api/routers/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await admin.post('/api/plans', { organization: world.organizations.demo })).status).toBe(400)
    expect(logged('info').map((line) => line.fields.status)).toEqual(expect.arrayContaining([404, 400]))

    const graphql = await anonymous.graphql('mutation ($email: String!) { loginUser(email: $email, password: "nope") { token } }', {
      email,
    })
    expect(graphql.body.errors?.length).toBeGreaterThan(0)
    expect(logged('warn').filter((line) => line.fields.path === '/api/graphql')).not.toEqual([])

    for (const level of ['info', 'warn'] as const) {
      for (const { fields } of logged(level)) {
        expect(fields).not.toHaveProperty('err')
        expect(JSON.stringify(fields)).not.toContain('    at ')
      }
    }
    expect(logged('error')).toEqual([])
  })

  it('a genuine fault still logs ERROR with its stack', async () => {
    const admin = await RestClient.signIn('admin@demo-isp.test', 'beacon-admin-1')
    const find = world.payload.db.find.bind(world.payload.db)
    const failing = vi.spyOn(world.payload.db, 'find').mockImplementation(async (args) => {
      if (args.collection === 'plans') throw new Error('connection to the database was lost')
      if (args.collection === 'routers') throw new APIError('The router registry is unavailable')
      return find(args)
    })
    try {
      expect((await admin.get('/api/plans')).status).toBe(500)
      expect((await admin.get('/api/routers')).status).toBe(500)
    } finally {
      failing.mockRestore()
    }
    const errors = logged('error').map(({ fields }) => fields.err as Error | undefined)
    expect(errors.map((error) => error?.message)).toEqual(['connection to the database was lost', 'The router registry is unavailable'])
    for (const error of errors) expect(error?.stack).toContain('    at ')
    expect(logged('error')[1].fields).toMatchObject({ status: 500, path: '/api/routers', organization: world.organizations.demo })
  })
})
