/**
 * RADIUS throughput, latency and memory under a fixed concurrency, for Beacon's RADIUS service
 * and (with --against freeradius) FreeRADIUS 3 with rlm_sql on the same PostgreSQL, same users.
 *   npm run bench:radius                                   Beacon: 100,000 vouchers, 5,000 logins
 *   npm run bench:radius -- --logins 20000 --concurrency 64
 *   npm run bench:radius -- --against both --rounds 3      Beacon and FreeRADIUS in turn (see README)
 *   npm run bench:radius -- --help                         every option
 * Each login is an Access-Request (PAP, a voucher's first use), then an Accounting-Start and
 * --interims Interim-Updates for it. FreeRADIUS holds every voucher Beacon did not use as a user
 * (radcheck, radreply), with the plan's reply attributes. With --rounds, the servers take turns
 * (each round new vouchers), so a noisy machine weighs on both alike, and the medians are printed
 * side by side. The database is a throw-away one with fsync on, as a real server runs, unless
 * --no-fsync; the first line says which. Figures are printed, never asserted.
 * BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of Beacon's service there.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

import { sql } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'

import { accountingRequestAuthenticator } from '../radius-service/src/protocol/authenticator'
import { type AttributeValue, buildPacket, decodeAttributes, encodeAttributes, RADIUS_CODES } from '../radius-service/src/protocol/packet'
import { hidePassword } from '../radius-service/src/protocol/pap'
import { prepareDatabase } from '../src/db/prepare'
import { drizzleFor, rowsOf } from '../src/db/sql'
import { generateVoucherBatch } from '../src/plugins/network/vouchers/generateBatch'
import { projectRoot } from './runtime'
import { durabilityLine, openBenchDatabase } from './bench/database'
import { startFreeRadius } from './bench/freeradius'
import { FSYNC_OPTION, parseBenchOptions } from './bench/options'

const options = parseBenchOptions(
  {
    command: 'npm run bench:radius -- [options]',
    about: [
      "Drives Beacon's RADIUS service (and FreeRADIUS 3 with rlm_sql, with --against) as a router would: a voucher",
      'login by PAP, an Accounting-Start and Interim-Updates per login, after an uncounted warm-up round; prints',
      'requests per second, p50/p95/p99 latency and peak memory, on a throw-away database.',
    ].join('\n'),
    examples: ['npm run bench:radius -- --logins 20000 --concurrency 64', 'npm run bench:radius -- --against both --rounds 3'],
  },
  {
    against: { kind: 'choice', choices: ['beacon', 'freeradius', 'both'], default: 'beacon', help: 'which RADIUS servers to drive, in turns' },
    vouchers: { kind: 'count', default: 100_000, min: 1, help: 'vouchers created, each a FreeRADIUS user too' },
    logins: { kind: 'count', default: 5_000, min: 1, help: 'voucher logins per round' },
    interims: { kind: 'count', default: 2, help: 'Interim-Updates per login' },
    concurrency: { kind: 'count', default: 32, min: 1, help: 'requests in flight at once' },
    rounds: { kind: 'count', default: 1, min: 1, help: 'counted rounds per server, their medians printed' },
    ...FSYNC_OPTION,
  },
)
const against = options.against

const VOUCHERS = options.vouchers
const LOGINS = Math.min(options.logins, VOUCHERS)
const INTERIMS = options.interims
const ROUNDS = options.rounds
const SERVERS = against === 'both' ? 2 : 1
// Each server gets a warm-up and ROUNDS rounds of LOGINS vouchers nobody else uses.
if ((ROUNDS + 1) * SERVERS * LOGINS > VOUCHERS) {
  console.error(`${ROUNDS} round(s) of ${LOGINS} logins for ${SERVERS} server(s) need --vouchers ${(ROUNDS + 1) * SERVERS * LOGINS} or more`)
  process.exit(2)
}
const CONCURRENCY = options.concurrency
const SECRET = 'testing123' // the demo router at 127.0.0.1
const TIMEOUT_MS = 5_000

// ---------------------------------------------------------------------------------------------
// Data: a plan and VOUCHERS vouchers at the demo router's branch.

const database = await openBenchDatabase({ fsync: !options['no-fsync'] })
const { payload } = await prepareDatabase({ demoData: 'always' })
const superAdmin = (await payload.find({ collection: 'users', where: { email: { equals: 'super@beacon.test' } }, limit: 1 })).docs[0]
const downtown = (await payload.find({ collection: 'locations', where: { name: { equals: 'Downtown' } }, limit: 1 })).docs[0]
const plan = await payload.create({
  collection: 'plans',
  data: {
    organization: String(typeof downtown.organization === 'object' ? downtown.organization.id : downtown.organization),
    name: `Bench ${randomBytes(3).toString('hex')}`,
    uploadMbps: 10,
    downloadMbps: 20,
    validityMinutes: 24 * 60,
    devicesAllowed: 1,
    price: 1,
  } as never,
})
const req = await createLocalReq({ user: { ...superAdmin, collection: 'users' } }, payload)
const codes: string[] = []
const creating = performance.now()
for (let left = VOUCHERS; left > 0; left -= 10_000) {
  const batch = await generateVoucherBatch(req, { plan: String(plan.id), count: Math.min(10_000, left), location: String(downtown.id) } as never)
  const { docs } = await payload.find({ collection: 'vouchers', where: { batchId: { equals: batch.batchId } }, pagination: false, depth: 0 })
  codes.push(...docs.map((doc) => doc.code))
}
console.log(`${codes.length.toLocaleString()} vouchers created in ${((performance.now() - creating) / 1000).toFixed(1)} s`)
// Statistics as a server that has run a while has them (autovacuum would catch up on its own);
// the sessions grow during the rounds, and the hot paths must not care (migration hot_path_plans).
await (await drizzleFor(payload)).execute(sql`analyze`)

// ---------------------------------------------------------------------------------------------
// The load generator: one UDP socket per worker, CONCURRENCY workers, one request in flight each.

type Sample = { ms: number; ok: boolean }

async function drive(port: number, total: number, build: (i: number, id: number) => Buffer, check: (reply: Buffer, i: number) => boolean) {
  const samples: Sample[] = new Array(total)
  let next = 0
  const worker = async () => {
    const socket: Socket = createSocket('udp4')
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
    let id = Math.floor(Math.random() * 256)
    while (next < total) {
      const i = next++
      id = (id + 1) % 256
      const packet = build(i, id)
      const started = performance.now()
      const reply = await new Promise<Buffer | null>((resolve) => {
        const timer = setTimeout(() => {
          socket.off('message', onMessage)
          resolve(null)
        }, TIMEOUT_MS)
        const onMessage = (message: Buffer) => {
          if (message[1] !== id) return
          clearTimeout(timer)
          socket.off('message', onMessage)
          resolve(message)
        }
        socket.on('message', onMessage)
        socket.send(packet, port, '127.0.0.1')
      })
      samples[i] = { ms: performance.now() - started, ok: reply !== null && check(reply, i) }
    }
    socket.close()
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return { seconds: (performance.now() - started) / 1000, samples }
}

/** Prints a phase's figures and returns its requests per second. */
function report(label: string, { seconds, samples }: { seconds: number; samples: Sample[] }): number {
  const times = samples.map((sample) => sample.ms).sort((a, b) => a - b)
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1)
  const failed = samples.filter((sample) => !sample.ok).length
  console.log(
    `  ${label.padEnd(24)} ${String(samples.length).padStart(7)} req  ${(samples.length / seconds).toFixed(0).padStart(6)} req/s` +
      `   p50 ${at(50).padStart(7)} ms  p95 ${at(95).padStart(7)} ms  p99 ${at(99).padStart(7)} ms   failed ${failed}`,
  )
  return samples.length / seconds
}

const macOf = (i: number) => `02:BE:${((i >> 24) & 255).toString(16).padStart(2, '0')}:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`.toUpperCase()

function accessRequest(i: number, id: number): Buffer {
  const authenticator = randomBytes(16)
  const attributes: Array<[string, AttributeValue]> = [
    ['User-Name', codes[i]],
    ['User-Password', hidePassword(codes[i], SECRET, authenticator)],
    ['Calling-Station-Id', macOf(i)],
    ['NAS-IP-Address', '127.0.0.1'],
  ]
  return buildPacket({ code: RADIUS_CODES['Access-Request'], identifier: id, authenticator, attributes: encodeAttributes(attributes) })
}

function accountingRequest(attributes: Array<[string, AttributeValue]>, id: number): Buffer {
  const packet = buildPacket({ code: RADIUS_CODES['Accounting-Request'], identifier: id, authenticator: Buffer.alloc(16), attributes: encodeAttributes(attributes) })
  accountingRequestAuthenticator(packet, SECRET).copy(packet, 4)
  return packet
}

/** Peak resident memory (VmHWM) of a process, in MB. */
function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

const PHASES = ['Access-Request (PAP)', 'Accounting-Start', 'Accounting-Interim'] as const
type Server = { name: string; ports: { auth: number; accounting: number }; pid: number; rates: number[][] }

/**
 * One round of the load against one server, on vouchers no other round uses (`slot`); a warm-up
 * round is printed but not counted.
 */
async function run(server: Server, slot: number, title: string, { logins = LOGINS, counted = true } = {}) {
  const { ports } = server
  const classes: Array<Buffer | null> = new Array(logins).fill(null)
  const offset = slot * LOGINS
  if (offset + logins > codes.length) throw new Error('Not enough vouchers for every round of every server: raise --vouchers')
  const base = (i: number) => offset + i
  console.log(`\n${server.name}, ${title}: ${logins.toLocaleString()} logins, ${INTERIMS} interim updates each, concurrency ${CONCURRENCY}`)
  const rates: number[] = []
  rates.push(report(
    'Access-Request (PAP)',
    await drive(ports.auth, logins, (i, id) => accessRequest(base(i), id), (reply, i) => {
      if (reply[0] !== RADIUS_CODES['Access-Accept']) return false
      const value = decodeAttributes(reply).attributes.Class
      classes[i] = Buffer.isBuffer(value) ? value : null
      return true
    }),
  ))
  const common = (i: number): Array<[string, AttributeValue]> => [
    ['Acct-Session-Id', `bench-${slot}-${i}`],
    ['User-Name', codes[base(i)]],
    ['Calling-Station-Id', macOf(base(i))],
    ['Framed-IP-Address', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
    ['NAS-IP-Address', '127.0.0.1'],
    ...(classes[i] ? ([['Class', classes[i]!]] as Array<[string, AttributeValue]>) : []),
  ]
  const accounted = (reply: Buffer) => reply[0] === RADIUS_CODES['Accounting-Response']
  rates.push(report('Accounting-Start', await drive(ports.accounting, logins, (i, id) => accountingRequest([['Acct-Status-Type', 'Start'], ...common(i)], id), accounted)))
  const interims = await drive(
    ports.accounting,
    logins * INTERIMS,
    (n, id) => {
      const i = n % logins
      const update = Math.floor(n / logins) + 1
      return accountingRequest(
        [['Acct-Status-Type', 'Interim-Update'], ...common(i), ['Acct-Output-Octets', update * 1_000_000], ['Acct-Input-Octets', update * 100_000], ['Acct-Session-Time', update * 300]],
        id,
      )
    },
    accounted,
  )
  rates.push(report('Accounting-Interim', interims))
  if (counted) server.rates.push(rates)
}

async function waitFor(child: ChildProcess, text: string, what: string): Promise<void> {
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 120_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(text)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${output}`)))
  })
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))

const servers: Server[] = []
const stops: Array<() => Promise<void>> = []
try {
  if (against === 'beacon' || against === 'both') {
    const ports = { auth: 21812, accounting: 21813 }
    // Node with tsx's loader in one process, so its memory is the service's own.
    const beacon = spawn(process.execPath, [...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []), '--import', 'tsx', path.join(projectRoot, 'radius-service/src/main.ts')], {
      cwd: projectRoot,
      env: { ...process.env, RADIUS_HOST: '127.0.0.1', RADIUS_AUTH_PORT: String(ports.auth), RADIUS_ACCT_PORT: String(ports.accounting), RADIUS_METRICS_PORT: '0', RADIUS_RUN_JOBS: '0', PAYLOAD_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    stops.push(() => stop(beacon))
    await waitFor(beacon, 'RADIUS service listening', 'Beacon RADIUS service')
    servers.push({ name: 'Beacon RADIUS service', ports, pid: beacon.pid!, rates: [] })
  }
  if (against === 'freeradius' || against === 'both') {
    // Every voucher is a FreeRADIUS user too, so both look up among as many.
    const server = await startFreeRadius({ databaseUrl: process.env.DATABASE_URL!, payload, codes, secret: SECRET, devicesAllowed: plan.devicesAllowed })
    servers.push({ name: 'FreeRADIUS 3 + rlm_sql (PostgreSQL)', ports: server.ports, pid: server.pid, rates: [] })
    stops.push(() => server.stop())
  }
  // A short first round per server is not counted: Node's JIT, PostgreSQL's plan caches and the
  // connection pools warm up on it.
  for (const [index, server] of servers.entries()) await run(server, index, 'warm-up', { logins: Math.min(LOGINS, 1_000), counted: false })
  for (let round = 0; round < ROUNDS; round++) {
    // Who goes first alternates, so the database's background work after one server's writes
    // (autovacuum, checkpoints) falls on each alike.
    const turns = round % 2 === 0 ? [...servers.entries()] : [...servers.entries()].reverse()
    for (const [index, server] of turns) await run(server, (round + 1) * servers.length + index, `round ${round + 1}`)
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  console.log(`\n${ROUNDS > 1 ? `Median of ${ROUNDS} rounds, requests per second` : 'Requests per second'}:`)
  console.log(`  ${''.padEnd(24)}${servers.map((server) => server.name.split(' ')[0].padStart(12)).join('')}`)
  for (const [phase, label] of PHASES.entries()) {
    console.log(`  ${label.padEnd(24)}${servers.map((server) => median(server.rates.map((rates) => rates[phase])).toFixed(0).padStart(12)).join('')}`)
  }
  for (const server of servers) console.log(`  peak memory of ${server.name}: ${peakMemoryMb(server.pid).toFixed(0)} MB`)
  const db = await drizzleFor(payload)
  if (against !== 'freeradius') {
    const [sessions] = rowsOf<{ updates: string; hot: string }>(
      await db.execute(sql`select n_tup_upd::text as updates, n_tup_hot_upd::text as hot from pg_stat_user_tables where relname = 'sessions'`),
    )
    console.log(`  Beacon's sessions: ${Number(sessions.hot).toLocaleString()} of ${Number(sessions.updates).toLocaleString()} updates in place (HOT)`)
  }
  if (against !== 'beacon') {
    const [logged] = rowsOf<{ count: string }>(await db.execute(sql`select count(*)::text as count from radpostauth`))
    console.log(`  FreeRADIUS logged ${Number(logged.count).toLocaleString()} logins in radpostauth`)
  }
} finally {
  for (const stopServer of stops) await stopServer()
}
console.log(`  ${durabilityLine(database)}`)
await payload.destroy()
await database.close()
process.exit(0)
