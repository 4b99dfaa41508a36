/**
 * How the sessions table behaves at scale: fills it with millions of sessions across many
 * tenants, then prints p50/p99 latency of the lookups the platform makes all day, before and
 * after archiving the sessions that ended more than 90 days ago.
 *   npm run bench:sessions                      5,000,000 sessions on a throw-away database
 *   npm run bench:sessions -- --rows 500000     fewer, for a quick look
 *   npm run bench:sessions -- --help            every option
 * The database is a throw-away one with fsync on unless --no-fsync. Figures are printed, never asserted.
 */
import { performance } from 'node:perf_hooks'

import { sql } from '@payloadcms/db-postgres'

import { drizzleFor, rowsOf } from '../src/db/sql'
import { prepareDatabase } from '../src/db/prepare'
import { allowanceAtRouter, allowanceOfSession } from '../src/plugins/network/captivePortal/allowance'
import { archiveCutoff, archiveEndedSessions } from '../src/plugins/network/sessions/archive'
import { durabilityLine, openBenchDatabase } from './bench/database'
import { fillBenchSessions } from './bench/fillSessions'
import { FSYNC_OPTION, parseBenchOptions } from './bench/options'

const options = parseBenchOptions(
  {
    command: 'npm run bench:sessions -- [options]',
    about: [
      'Fills a throw-away database with WiFi sessions across many organizations and prints p50/p99 of the',
      'live-list, RADIUS, history and expiry lookups, before and after archiving the sessions that ended',
      'more than 90 days ago.',
    ].join('\n'),
    examples: ['npm run bench:sessions -- --rows 500000'],
  },
  {
    rows: { kind: 'count', default: 5_000_000, min: 1, help: 'WiFi sessions' },
    organizations: { kind: 'count', default: 40, min: 1, help: 'organizations (five branches each)' },
    customers: { kind: 'count', default: 50_000, min: 1, help: 'customers' },
    samples: { kind: 'count', default: 300, min: 1, help: 'timed runs of each lookup' },
    ...FSYNC_OPTION,
  },
)

const ROWS = options.rows
const ORGANIZATIONS = options.organizations
const BRANCHES_PER_ORGANIZATION = 5
const CUSTOMERS = options.customers
const OPEN_SESSIONS = Math.max(100, Math.round(ROWS * 0.002)) // ~10,000 devices online at 5 M rows
const SAMPLES = options.samples

let peakRss = process.memoryUsage().rss
const memoryProbe = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)

const database = await openBenchDatabase({ fsync: !options['no-fsync'] })
const { payload } = await prepareDatabase({ demoData: 'always' })
const db = await drizzleFor(payload)
const query = async <Row>(statement: ReturnType<typeof sql>) => rowsOf<Row>(await db.execute(statement))

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function measure(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run(i) // warm the plan and buffer caches
  const timings: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now()
    await run(i)
    timings.push(performance.now() - start)
  }
  timings.sort((a, b) => a - b)
  console.log(
    `  ${label.padEnd(68)} p50 ${percentile(timings, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(timings, 99).toFixed(2).padStart(7)} ms`,
  )
}

async function tableSizes() {
  const [row] = await query<{ sessions: string; archived: string; live: number; archivedRows: number }>(sql`
    select pg_size_pretty(pg_total_relation_size('sessions')) as sessions,
           pg_size_pretty(pg_total_relation_size('archived_sessions')) as archived,
           (select count(*)::int from sessions) as live,
           (select count(*)::int from archived_sessions) as "archivedRows"`)
  console.log(`  sessions: ${row.live.toLocaleString('en')} rows, ${row.sessions}; archived: ${row.archivedRows.toLocaleString('en')} rows, ${row.archived}`)
}

await fillBenchSessions(query, {
  rows: ROWS,
  organizations: ORGANIZATIONS,
  branchesPerOrganization: BRANCHES_PER_ORGANIZATION,
  customers: CUSTOMERS,
  openSessions: OPEN_SESSIONS,
})
await tableSizes()

// Sample inputs: busy branches, open and ended sessions, devices, customers.
const branches = await query<{ id: string; organization: string; router: string }>(sql`
  select l.id, l.organization_id as organization, r.id as router from locations l join routers r on r.location_id = l.id
  where l.name like 'Bench branch %' order by random() limit 50`)
const openSessions = await query<{ id: string; organization: string; router: string; acct: string; mac: string; ip: string }>(sql`
  select id, organization_id as organization, router_id as router, acct_session_id as acct, device_mac as mac, usage_last_ip as ip
  from sessions where status = 'active' order by random() limit 200`)
const customers = await query<{ id: string }>(sql`select id from users where email like 'bench-%@bench.test' order by random() limit 200`)

const manager = await payload.create({
  collection: 'users',
  data: {
    email: `bench-manager-${Date.now()}@bench.test`,
    password: 'bench-manager-password',
    name: 'Bench manager',
    status: 'ACTIVE',
    memberships: [{ organization: branches[0].organization, role: 'loc-manager', locations: [branches[0].id] }],
  },
})
const asManager = { ...manager, collection: 'users' as const }

async function runQueries(title: string) {
  console.log(`\n${title}`)
  const pick = <T>(list: T[], i: number) => list[i % list.length]
  await measure('branch live list, as its manager (Local API, 50 newest)', () =>
    payload.find({
      collection: 'sessions',
      where: { and: [{ location: { equals: branches[0].id } }, { status: { equals: 'active' } }] },
      sort: '-startedAt',
      limit: 50,
      depth: 0,
      user: asManager,
      overrideAccess: false,
    }),
  )
  await measure('branch live list (SQL, 50 newest)', (i) =>
    query(sql`select id from sessions where location_id = ${pick(branches, i).id} and status = 'active' order by started_at desc limit 50`),
  )
  await measure('RADIUS accounting: by router + Acct-Session-Id', (i) => {
    const session = pick(openSessions, i)
    return query(sql`select id, status from sessions where router_id = ${session.router} and acct_session_id = ${session.acct}`)
  })
  await measure('RADIUS auth: open sessions of a device', (i) =>
    query(sql`select id from sessions where device_mac = ${pick(openSessions, i).mac} and status in ('pending', 'active')`),
  )
  await measure('captive portal API (RFC 8908): open session by router + address', (i) => {
    const session = pick(openSessions, i)
    return allowanceAtRouter(payload, { router: session.router, ip: session.ip })
  })
  await measure("captive portal status: a session's allowance (time, data, devices)", (i) => {
    const session = pick(openSessions, i)
    return allowanceOfSession(payload, { session: session.id, organization: session.organization })
  })
  await measure('customer history (20 newest)', (i) =>
    query(sql`select id from sessions where user_id = ${pick(customers, i).id} order by started_at desc limit 20`),
  )
  await measure('expiry sweep: open sessions past expiresAt', () =>
    query(sql`select id from sessions where status = 'active' and expires_at < now() limit 500`),
  )
  await measure('organization overview: devices online per branch', (i) =>
    query(sql`select location_id, count(*) from sessions where organization_id = ${pick(branches, i).organization} and status = 'active' group by location_id`),
  )
  await measure('branch history, one day, from live + archive', (i) =>
    query(sql`
      (select id from sessions where location_id = ${pick(branches, i).id} and started_at >= now() - interval '200 days' and started_at < now() - interval '199 days')
      union all
      (select id from archived_sessions where location_id = ${pick(branches, i).id} and started_at >= now() - interval '200 days' and started_at < now() - interval '199 days')`),
  )
}

await runQueries(`Before archiving (${ROWS.toLocaleString('en')} rows in sessions)`)

console.log('\nArchiving sessions that ended more than 90 days ago')
const archiveStart = performance.now()
// A first run over a year's backlog; nightly runs move one day's sessions.
const moved = await archiveEndedSessions(payload, { endedBefore: archiveCutoff(new Date(), '90'), batchSize: 50_000 })
const archiveSeconds = (performance.now() - archiveStart) / 1000
console.log(`  moved ${moved.toLocaleString('en')} sessions in ${archiveSeconds.toFixed(1)} s (${Math.round(moved / archiveSeconds).toLocaleString('en')} rows/s)`)
await query(sql`vacuum analyze sessions`)
await query(sql`analyze archived_sessions`)
await tableSizes()

await runQueries('After archiving')

clearInterval(memoryProbe)
console.log(`\nPeak memory of this process (RSS): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`)
console.log(durabilityLine(database))
await payload.destroy()
await database.close()
process.exit(0)
