/**
 * Logs and metrics an operator can use (issue 18, item 13): refusals people cause are logged at
 * INFO or WARN with the ids to find them and no stack, faults at ERROR with theirs; the web
 * app's Prometheus endpoint counts requests by route template, job runs by task and queue, and
 * reads the job queues' depth when scraped.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { APIError } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest'

import { serveWebMetrics, webMetrics } from '@/plugins/monitoring'
import { instrumentTask } from '@/plugins/monitoring/jobs'

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

  it('a wrong password, a locked-out account and a forbidden list are WARN; a bad id and a missing field are INFO; none is an error', async () => {
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

/** The web app's Prometheus endpoint, on a free port, as scripts/web-server.ts serves it. */
async function scrape(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
  expect(response.status).toBe(200)
  return response.text()
}

/** A sample's value in Prometheus' text format (0 when the series is not there yet). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`)
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line)
    if (match && match[1] === name && wanted.every((pair) => match[2].split(',').includes(pair))) return Number(match[3])
  }
  return 0
}

let metricsServer: Server
let metricsPort: number

describe('the web app’s metrics', () => {
  beforeAll(async () => {
    ;({ server: metricsServer, port: metricsPort } = await serveWebMetrics(webMetrics(), '127.0.0.1', 0))
  })
  afterAll(() => metricsServer.close())

  it('answer GET /metrics only, with the process metrics', async () => {
    const text = await scrape()
    expect(text).toContain('# TYPE beacon_web_process_cpu_user_seconds_total counter')
    expect(text).toContain('# TYPE beacon_web_http_requests_total counter')
    expect((await fetch(`http://127.0.0.1:${metricsPort}/`)).status).toBe(404)
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(404)
  })

  it('count each request under its route template and status, with its latency', async () => {
    // The web server measures every request this way before handing it to Next.js.
    const app = createServer((request, response) => {
      webMetrics().measure(request, response)
      response.writeHead(request.url?.includes('missing') ? 404 : 200).end('ok')
    })
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
    const route = { method: 'GET', route: '/api/routers/:id/hotspot-login' }
    const before = await scrape()
    try {
      await fetch(`${base}/api/routers/${world.locations.downtown}/hotspot-login`)
      await fetch(`${base}/api/routers/${world.locations.airport}/hotspot-login`)
      await fetch(`${base}/api/routers/missing-${unique('x')}/hotspot-login?depth=0`)
    } finally {
      app.close()
    }
    const after = await scrape()
    expect(
      sample(after, 'beacon_web_http_requests_total', { ...route, status: '200' }) -
        sample(before, 'beacon_web_http_requests_total', { ...route, status: '200' }),
    ).toBe(2)
    expect(
      sample(after, 'beacon_web_http_requests_total', { ...route, status: '404' }) -
        sample(before, 'beacon_web_http_requests_total', { ...route, status: '404' }),
    ).toBe(1)
    expect(
      sample(after, 'beacon_web_http_request_duration_seconds_count', route) -
        sample(before, 'beacon_web_http_request_duration_seconds_count', route),
    ).toBe(3)
    expect(after).not.toContain(world.locations.downtown)
  })

  it('count job runs by task, queue and outcome', async () => {
    const labels = { task: 'archive-sessions', queue: 'maintenance', outcome: 'succeeded' }
    const before = sample(await scrape(), 'beacon_web_job_runs_total', labels)
    const job = await world.payload.jobs.queue({ task: 'archive-sessions', queue: 'maintenance', input: {} })
    const result = await world.payload.jobs.run({ queue: 'maintenance' })
    expect(result.jobStatus?.[String(job.id)]?.status).toBe('success')
    expect(sample(await scrape(), 'beacon_web_job_runs_total', labels) - before).toBe(1)
  })

  it('count a failing task as retrying while retries are left and as failed after the last, logged WARN then ERROR', async () => {
    const warn = vi.spyOn(world.payload.logger, 'warn')
    const error = vi.spyOn(world.payload.logger, 'error')
    const task = instrumentTask({
      slug: 'monitoring-test-task',
      retries: 1,
      handler: async () => {
        throw new Error('The router did not answer')
      },
    })
    const run = (totalTried: number) =>
      (task.handler as (args: unknown) => Promise<unknown>)({
        input: { session: 'session-1' },
        job: { id: 'job-1', queue: 'monitoring-test', totalTried, input: { session: 'session-1' } },
        req: { payload: world.payload },
      })
    try {
      await expect(run(0)).rejects.toThrow('The router did not answer')
      await expect(run(1)).rejects.toThrow('The router did not answer')
      const text = await scrape()
      const labels = { task: 'monitoring-test-task', queue: 'monitoring-test' }
      expect(sample(text, 'beacon_web_job_runs_total', { ...labels, outcome: 'retrying' })).toBe(1)
      expect(sample(text, 'beacon_web_job_runs_total', { ...labels, outcome: 'failed' })).toBe(1)
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({
          task: 'monitoring-test-task',
          job: 'job-1',
          attempt: 1,
          attempts: 2,
          error: 'The router did not answer',
        }),
        'Job monitoring-test-task failed; it runs again',
      )
      expect(error).toHaveBeenCalledWith(
        expect.objectContaining({ task: 'monitoring-test-task', job: 'job-1', attempt: 2, err: expect.any(Error) }),
        'Job monitoring-test-task failed after 2 attempts',
      )
    } finally {
      warn.mockRestore()
      error.mockRestore()
    }
  })

  it('read the depth of every job queue from payload-jobs when scraped', async () => {
    const queue = unique('monitoring')
    const later = new Date(Date.now() + 3_600_000)
    const jobs = [
      await world.payload.jobs.queue({ task: 'archive-sessions', queue, input: {} }),
      await world.payload.jobs.queue({ task: 'archive-sessions', queue, input: {} }),
      await world.payload.jobs.queue({ task: 'archive-sessions', queue, input: {}, waitUntil: later }),
    ]
    try {
      const text = await scrape()
      expect(sample(text, 'beacon_jobs_pending', { queue })).toBe(3)
      expect(sample(text, 'beacon_jobs_due', { queue })).toBe(2)
      expect(sample(text, 'beacon_jobs_oldest_due_seconds', { queue })).toBeGreaterThanOrEqual(0)
      // Queues the runners and schedules name are there even when empty.
      expect(text).toMatch(/^beacon_jobs_pending\{queue="maintenance"\} \d+$/m)
    } finally {
      await world.payload.delete({ collection: 'payload-jobs', where: { id: { in: jobs.map((job) => job.id) } } })
    }
    expect(sample(await scrape(), 'beacon_jobs_pending', { queue })).toBe(0)
  })
})
