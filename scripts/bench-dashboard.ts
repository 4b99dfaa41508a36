/**
 * How fast the dashboard's busiest pages render on the server with a large sessions table:
 * fills a throw-away database with WiFi sessions (1 million by default), starts the production
 * web app on it, signs in as a branch manager and times full responses of the overview and
 * live-sessions pages (server render, HTML complete), printing p50/p99 and the web server's
 * peak memory.
 *   npm run bench:dashboard                               1,000,000 sessions, 100 samples a page
 *   npm run bench:dashboard -- --rows 200000 --samples 30 a quick look
 *   npm run bench:dashboard -- --help                     every option
 * The database is a throw-away one with fsync on unless --no-fsync. Figures are printed, never asserted.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

import { sql } from '@payloadcms/db-postgres'

import { freePort } from '../src/db/embedded'
import { prepareDatabase } from '../src/db/prepare'
import { drizzleFor, rowsOf } from '../src/db/sql'
import { durabilityLine, openBenchDatabase } from './bench/database'
import { fillBenchSessions } from './bench/fillSessions'
import { FSYNC_OPTION, parseBenchOptions } from './bench/options'
import { buildIfStale, projectRoot } from './runtime'

const options = parseBenchOptions(
  {
    command: 'npm run bench:dashboard -- [options]',
    about: [
      'Fills a throw-away database with WiFi sessions, starts the production web app on it and prints p50/p99',
      "of the server-rendered overview, live-sessions and history pages as a branch manager, and the web",
      "server's peak memory.",
    ].join('\n'),
    examples: ['npm run bench:dashboard -- --rows 200000 --samples 30'],
  },
  {
    rows: { kind: 'count', default: 1_000_000, min: 1, help: 'WiFi sessions' },
    samples: { kind: 'count', default: 100, min: 1, help: 'timed requests of each page' },
    ...FSYNC_OPTION,
  },
)

const ROWS = options.rows
const SAMPLES = options.samples
const PASSWORD = 'bench-manager-password'

const database = await openBenchDatabase({ fsync: !options['no-fsync'] })
const { payload } = await prepareDatabase({ demoData: 'always' })
const db = await drizzleFor(payload)
const query = async <Row>(statement: ReturnType<typeof sql>) => rowsOf<Row>(await db.execute(statement))
await fillBenchSessions(query, {
  rows: ROWS,
  organizations: 20,
  branchesPerOrganization: 5,
  customers: 20_000,
  openSessions: Math.max(100, Math.round(ROWS * 0.002)),
})

// The branch with the most devices online, and its manager.
const [branch] = await query<{ id: string; organization: string; online: number }>(sql`
  select location_id as id, organization_id as organization, count(*)::int as online
    from sessions where status = 'active' group by location_id, organization_id order by count(*) desc limit 1`)
const email = `bench-manager-${Date.now()}@bench.test`
await payload.create({
  collection: 'users',
  data: { email, password: PASSWORD, name: 'Bench manager', status: 'ACTIVE', memberships: [{ organization: branch.organization, role: 'loc-manager', locations: [branch.id] }] },
})
const [{ sessions }] = await query<{ sessions: number }>(sql`select count(*)::int as sessions from sessions where location_id = ${branch.id}::uuid`)
console.log(`  the manager's branch: ${sessions.toLocaleString('en')} sessions, ${branch.online} devices online`)
await payload.destroy()

if (!(await buildIfStale())) process.exit(1)

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const web: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/web-server.ts', '--port', String(port)], {
  cwd: projectRoot,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
})
process.on('exit', () => web.kill('SIGTERM'))

/** Resident memory of the web server process and its children, sampled while it runs. */
let peakRss = 0
const processTree = (root: number): number[] => {
  const pids = [root]
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const parent = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1])
      if (pids.includes(parent)) pids.push(Number(entry))
    } catch {
      // Gone meanwhile.
    }
  }
  return pids
}
const probe = setInterval(() => {
  let rss = 0
  for (const pid of processTree(web.pid!)) {
    try {
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
    } catch {
      // Gone meanwhile.
    }
  }
  peakRss = Math.max(peakRss, rss)
}, 250)

for (let attempt = 0; ; attempt++) {
  try {
    if ((await fetch(`${base}/api/users/me`)).ok) break
  } catch {
    // Not listening yet.
  }
  if (attempt > 240) throw new Error('The web app did not start within two minutes.')
  await new Promise((resolve) => setTimeout(resolve, 500))
}

const login = await fetch(`${base}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) })
if (!login.ok) throw new Error(`sign-in failed: ${login.status}`)
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

async function measure(label: string, path: string) {
  const fetchPage = async () => {
    const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
    const html = await response.text()
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
    return html
  }
  for (let i = 0; i < 5; i++) await fetchPage() // compile caches and warm the database
  const timings: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now()
    await fetchPage()
    timings.push(performance.now() - start)
  }
  timings.sort((a, b) => a - b)
  console.log(`  ${label.padEnd(36)} p50 ${percentile(timings, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(timings, 99).toFixed(1).padStart(7)} ms`)
}

console.log(`\nServer render time, ${SAMPLES} requests a page, one at a time (${ROWS.toLocaleString('en')} sessions in all)`)
await measure('overview  /dashboard', '/dashboard')
await measure('live sessions  /dashboard/sessions', '/dashboard/sessions')
await measure('history  /dashboard/history', '/dashboard/history')
clearInterval(probe)
console.log(`  web server peak memory: ${(peakRss / 1024 / 1024).toFixed(0)} MB`)
console.log(`  ${durabilityLine(database)}`)
await new Promise<void>((resolve) => (web.exitCode !== null ? resolve() : (web.once('exit', () => resolve()), web.kill('SIGTERM'))))
await database.close()
process.exit(0)
