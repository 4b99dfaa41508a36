/**
 * The service as its own process (`radius-service/src/main.ts`, what `npm start` and
 * `npm run radius` run): accounting while the database is down gets no answer, the router's
 * retry lands once it is back, and SIGTERM stops the process cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadNetwork, loadWorld, unique, type World } from '../../../tests/helpers/fixtures'
import { classSession, radclient, valueOf } from '../helpers/radclient'
import { TcpProxy } from '../helpers/tcpProxy'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const SECRET = 'testing123'

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>
let proxy: TcpProxy
let child: ChildProcess
let output = ''
let listening: unknown = null
const ports = { auth: 0, accounting: 0, metrics: 0 }

function waitForOutput(text: string | RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (typeof text === 'string' ? output.includes(text) : text.test(output)) {
        clearInterval(timer)
        clearTimeout(deadline)
        resolve()
      }
    }, 100)
    const deadline = setTimeout(() => {
      clearInterval(timer)
      reject(new Error(`"${text}" did not appear in ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
  })
}

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
  const database = new URL(process.env.DATABASE_URL!)
  proxy = new TcpProxy({ host: database.hostname, port: Number(database.port) })
  const proxyPort = await proxy.start()
  const viaProxy = new URL(database)
  viaProxy.host = `127.0.0.1:${proxyPort}`

  child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['radius-service/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: viaProxy.toString(),
      RADIUS_HOST: '127.0.0.1',
      // Any free ports, read back from the service's start-up log: choosing them here first could race.
      RADIUS_AUTH_PORT: '0',
      RADIUS_ACCT_PORT: '0',
      RADIUS_METRICS_PORT: '0',
      // Jobs queued by other test files would make this process send CoA to routers that are not there.
      RADIUS_RUN_JOBS: '0',
    },
    // The IPC channel `npm start` opens, on which the service says where it listens.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  child.on('message', (message) => (listening = message))
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await waitForOutput(/metricsPort\S*:\s*\d+\s/, 90_000)
  const portOf = (name: string) => Number(new RegExp(`${name}\\S*:\\s*(\\d+)`).exec(output)?.[1])
  Object.assign(ports, { auth: portOf('authPort'), accounting: portOf('accountingPort'), metrics: portOf('metricsPort') })
  expect(ports.auth * ports.accounting * ports.metrics, output).toBeGreaterThan(0)
}, 120_000)

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  await proxy?.stop()
})

async function droppedWhileProcessing(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${ports.metrics}/metrics`).catch((error: unknown) => {
    throw new Error(`metrics unreachable (${String(error)}); the service said:\n${output}`)
  })
  const body = await response.text()
  const match = /beacon_radius_dropped_total\{type="accounting",reason="processing-failed"\} (\d+)/.exec(body)
  return Number(match?.[1] ?? 0)
}

describe('the RADIUS service process', () => {
  it('tells npm start where it listens, the ports it took for port 0', async () => {
    await expect
      .poll(() => listening)
      .toEqual({ type: 'radius-listening', authPort: ports.auth, accountingPort: ports.accounting, metricsHost: '127.0.0.1', metricsPort: ports.metrics })
  })

  it('answers no accounting while the database is down, and records the retried request once it is back', async () => {
    const voucher = await world.payload.create({
      collection: 'vouchers',
      data: { organization: world.organizations.demo, location: world.locations.downtown, plan: network.plans.oneHour, status: 'AVAILABLE' } as never,
    })
    const accept = await radclient({
      port: ports.auth,
      type: 'auth',
      secret: SECRET,
      attributes: { 'User-Name': voucher.code, 'User-Password': voucher.code, 'Calling-Station-Id': '02:42:AC:13:00:01' },
    })
    expect(accept.code, accept.output).toBe('Access-Accept')
    const sessionId = classSession(accept)!
    const acctSessionId = unique('outage')
    const accounting = (octets: number, retries: number, timeoutSeconds: number) =>
      radclient({
        port: ports.accounting,
        type: 'acct',
        secret: SECRET,
        retries,
        timeoutSeconds,
        attributes: {
          'Acct-Status-Type': 'Interim-Update',
          'Acct-Session-Id': acctSessionId,
          Class: valueOf(accept, 'Class')!,
          'Acct-Output-Octets': octets,
          'Acct-Session-Time': 60,
        },
      })

    await proxy.stop()
    const before = await droppedWhileProcessing()
    const unanswered = await accounting(1_000, 1, 2)
    expect(unanswered.code, unanswered.output).toBeNull()
    expect(await droppedWhileProcessing()).toBeGreaterThan(before)
    const stored = await world.payload.findByID({ collection: 'sessions', id: sessionId, depth: 0 })
    expect(stored.status).toBe('pending') // nothing half-written

    // The router keeps retransmitting the same request; the database comes back meanwhile.
    const retried = accounting(2_000, 10, 2)
    await new Promise((resolve) => setTimeout(resolve, 4_000))
    await proxy.start()
    const answered = await retried
    expect(answered.code, answered.output).toBe('Accounting-Response')
    const landed = await world.payload.findByID({ collection: 'sessions', id: sessionId, depth: 0 })
    expect(landed).toMatchObject({ status: 'active', acctSessionId, usage: { outputOctets: 2_000 } })
  }, 60_000)

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited, output).toBe(0)
    expect(output).toContain('RADIUS service stopping')
  }, 30_000)
})
