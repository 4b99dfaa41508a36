/**
 * The RADIUS hot paths on tables far larger than their statistics say, as on a fresh install: its
 * tables are analyzed nearly empty, then grow before autovacuum looks again. Every statement that
 * beacon_voucher_login and beacon_accounting_common run (auto_explain reports each one), and the
 * full path's lookups of the same rows, must read the few rows it needs through their key's index:
 * with the plans a connection made while the tables were small, and with plans made afresh,
 * generic or custom. Everything happens in one transaction that is rolled back.
 */
import { randomBytes } from 'node:crypto'

import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Statement } from '@/db/statements'
import { voucherLoginStatement } from '@/plugins/network/vouchers/redeemVoucher'

import { loadNetwork, loadWorld, type World } from '../../../tests/helpers/fixtures'
import { accountingRecordOf, commonCaseStatement, namedStatement, openStatement } from '../../src/accounting'
import { type KnownRouter, RouterDirectory } from '../../src/routers'

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Index Cond'?: string
  Plans?: PlanNode[]
}
type Explained = { query: string; plan: PlanNode }

/** The tables the hot paths read, and the indexes that find their rows by a key. */
const KEY_INDEXES: Record<string, string[]> = {
  organizations: ['organizations_pkey'],
  routers: ['routers_pkey'],
  plans: ['plans_pkey'],
  sessions: [
    'sessions_pkey',
    'router_acctSessionId_idx',
    'sessions_open_acct_session_id_idx',
    'sessions_voucher_idx',
    'user_startedAt_idx',
    'sessions_user_idx',
  ],
  vouchers: ['vouchers_pkey', 'vouchers_login_idx', 'organization_code_idx'],
  users: ['users_pkey', 'users_email_idx'],
}

/** Statements of the hot paths that each round must have run (parts of their text). */
const HOT_STATEMENTS = [
  'FROM vouchers v WHERE',
  'FROM sessions s WHERE s.voucher_id = v_voucher.id',
  'FROM users WHERE email = v_email',
  'WHERE s.router_id = p_router AND s.acct_session_id = p_acct_session_id',
  'WHERE s.id = p_class_session',
  's.voucher_id = v_session.voucher_id',
  's.user_id = v_session.user_id',
  'UPDATE sessions SET',
]

const ROWS = 30_000

let world: World
let network: Awaited<ReturnType<typeof loadNetwork>>
let router: KnownRouter
let client: pg.Client
let explained: Explained[] = []

/**
 * PostgreSQL's own foreign key checks: planned once per connection by whichever statement first
 * needs one (the test's own inserts included), and made again when autovacuum analyzes the table.
 */
const FOREIGN_KEY_CHECK = /^SELECT 1 FROM ONLY .* FOR KEY SHARE OF x$/s

/** Scans of the hot paths' tables that do not go straight to their rows through a key's index. */
function scansNotByKey({ query, plan }: Explained): string[] {
  if (FOREIGN_KEY_CHECK.test(query)) return []
  const problems: string[] = []
  const byKey = (node: PlanNode, relation: string) =>
    node['Index Cond'] !== undefined && KEY_INDEXES[relation].includes(node['Index Name'] ?? '')
  const visit = (node: PlanNode) => {
    const relation = node['Relation Name']
    // Scans only: an Insert or Update names its table too, and reaches rows through its own scan.
    if (relation && relation in KEY_INDEXES && node['Node Type'].endsWith('Scan')) {
      // A bitmap scan's indexes, through BitmapAnd and BitmapOr (a subquery's plan is a child too).
      const bitmapIndexes = (parent: PlanNode): PlanNode[] =>
        (parent.Plans ?? []).flatMap((child) =>
          child['Node Type'] === 'Bitmap Index Scan' ? [child] : child['Node Type'].startsWith('Bitmap') ? bitmapIndexes(child) : [],
        )
      const indexed = node['Node Type'] === 'Bitmap Heap Scan' ? bitmapIndexes(node) : [node]
      const fine =
        ['Index Scan', 'Index Only Scan', 'Bitmap Heap Scan'].includes(node['Node Type']) &&
        indexed.length > 0 &&
        indexed.every((index) => byKey(index, relation))
      if (!fine) {
        const how = indexed.map((index) => `${index['Node Type']} ${index['Index Name'] ?? ''} ${index['Index Cond'] ?? ''}`.trim())
        problems.push(`${relation} by ${how.join(', ')} in: ${query.replace(/\s+/g, ' ').trim().slice(0, 160)}`)
      }
    }
    for (const child of node.Plans ?? []) visit(child)
  }
  visit(plan)
  return problems
}

const run = async (statement: Statement) => (await client.query(statement)).rows

const mac = () => `02:99:${randomBytes(4).toString('hex').match(/../g)!.join(':')}`.toUpperCase()

/**
 * What the RADIUS service does for eight devices: a voucher login (a first use, so the voucher
 * guests account is looked up), an Interim-Update with the Class of the Access-Accept (the session
 * claims its Acct-Session-Id) and another without it; the Day Pass has a data cap, so each counts
 * the voucher's usage. And Interim-Updates of a customer's own plan session with a cap.
 */
async function exercise(round: string): Promise<void> {
  const record = (attributes: Record<string, unknown>) => accountingRecordOf(attributes, new Date())
  const codes = Array.from({ length: 8 }, (_, index) => `PLAN${round}${index}${randomBytes(3).toString('hex')}`.toUpperCase())
  await client.query(
    `insert into vouchers (organization_id, location_id, plan_id, code, status)
     select $1, $2, $3, code, 'AVAILABLE' from unnest($4::text[]) code`,
    [router.organization, router.location, network.plans.dayPass, codes],
  )
  for (const code of codes) {
    const deviceMac = mac()
    const [login] = await run(voucherLoginStatement([{ router: router.id, code, deviceMac, now: new Date() }]))
    expect(login.outcome).toBe('accept')
    const acctSessionId = `plan-${round}-${code}`
    const common = { 'Acct-Session-Id': acctSessionId, 'Calling-Station-Id': deviceMac, 'Acct-Output-Octets': 1_000 }
    const claimed = await run(
      commonCaseStatement([
        { router, record: record({ ...common, 'Acct-Status-Type': 'Interim-Update', Class: Buffer.from(`beacon:${login.session_id}`) }) },
      ]),
    )
    const updated = await run(commonCaseStatement([{ router, record: record({ ...common, 'Acct-Status-Type': 'Interim-Update' }) }]))
    expect([claimed[0].session, updated[0].session]).toEqual([login.session_id, login.session_id])
  }

  const acctSessionId = `plan-${round}-${randomBytes(4).toString('hex')}`
  await client.query(
    `insert into sessions (user_id, organization_id, location_id, router_id, plan_id, device_mac, status, started_at, expires_at, acct_session_id)
     values ($1, $2, $3, $4, $5, $6, 'active', now(), now() + interval '1 day', $7)`,
    [world.users.alice, router.organization, router.location, router.id, network.plans.dayPass, mac(), acctSessionId],
  )
  for (let update = 1; update <= 8; update++) {
    const interim = record({ 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': acctSessionId, 'Acct-Output-Octets': update })
    expect((await run(commonCaseStatement([{ router, record: interim }])))[0].session).toBeTruthy()
  }
}

/** Runs a round: its scans that were not by a key must be none, and every hot statement must have run. */
async function expectScansByKey(round: string): Promise<void> {
  explained = []
  await exercise(round)
  expect(explained.flatMap(scansNotByKey), round).toEqual([])
  const queries = explained.map(({ query }) => query.replace(/\s+/g, ' '))
  expect(
    HOT_STATEMENTS.filter((statement) => !queries.some((query) => query.includes(statement))),
    `${round}: statements that did not run`,
  ).toEqual([])
}

/**
 * A connection of its own (its own plan cache) on which auto_explain reports every plan, nested
 * ones too; null where it cannot be loaded (only a superuser may, as on the embedded database).
 */
async function explainingClient(): Promise<pg.Client | null> {
  const connection = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await connection.connect()
  const [{ rolsuper }] = (await connection.query(`select rolsuper from pg_roles where rolname = current_user`)).rows
  if (!rolsuper) {
    await connection.end()
    return null
  }
  connection.on('notice', (notice) => {
    const message = notice.message ?? ''
    if (!message.startsWith('duration:')) return
    const report = JSON.parse(message.slice(message.indexOf('{'))) as { 'Query Text': string; Plan: PlanNode }
    explained.push({ query: report['Query Text'], plan: report.Plan })
  })
  await connection.query(`LOAD 'auto_explain'`)
  for (const setting of ['log_min_duration = 0', 'log_nested_statements = on', 'log_format = json']) {
    await connection.query(`SET auto_explain.${setting}`)
  }
  await connection.query('SET client_min_messages = log')
  return connection
}

beforeAll(async () => {
  world = await loadWorld()
  network = await loadNetwork(world)
  router = (await new RouterDirectory(world.payload).lookup('127.0.0.1'))!
})

describe('the hot paths, on tables much larger than their statistics say', () => {
  it.for<[string, string]>([
    ['empty tables (a fresh install before autovacuum)', 'true'],
    ["a few sessions at one router (a fresh install's demo data)", 'router_id is distinct from $1'],
  ])('find their rows by their key, the statistics being those of %s', { timeout: 120_000 }, async ([, gone], { skip }) => {
    const explaining = await explainingClient()
    if (!explaining) return skip('auto_explain needs a superuser: run the tests on the embedded database (no DATABASE_URL)')
    client = explaining
    try {
      // Nothing of this stays: the transaction is rolled back (or dropped with the connection).
      await client.query('BEGIN')
      const values = gone.includes('$1') ? [router.id] : []
      await client.query(`delete from portal_credentials where session_id in (select id from sessions where ${gone})`, values)
      await client.query(`delete from sessions where ${gone}`, values)
      if (gone === 'true') await client.query('delete from portal_credentials; delete from vouchers')
      // The statistics of the small tables; nothing is analyzed after this.
      await client.query('ANALYZE sessions, vouchers, users')
      // This connection's plans, made and kept (PL/pgSQL keeps a generic plan after five calls).
      await exercise('small')

      await client.query(
        `insert into vouchers (organization_id, location_id, plan_id, code, status)
         select $1, $2, $3, 'GROW' || g, 'USED' from generate_series(1, $4::int) g`,
        [router.organization, router.location, network.plans.dayPass, ROWS],
      )
      // A busy router: half of its sessions open, a third of them on vouchers, all on the Day Pass,
      // all of other customers than the one whose plan period is summed.
      const guests = (
        await client.query(`select beacon_organization_account($1, 'voucher-guests', 'Voucher guests') as id`, [router.organization])
      ).rows[0].id
      await client.query(
        `insert into sessions (user_id, organization_id, location_id, router_id, plan_id, voucher_id, device_mac, status,
           started_at, expires_at, acct_session_id, usage_last_ip)
         select $1, $2, $3, $4, $5, case when g % 3 = 0 then v.id end, '02:00:00:00:00:01',
           (case when g % 2 = 0 then 'active' else 'terminated' end)::enum_sessions_status,
           now() - interval '1 hour', now() + interval '1 day', 'grow-' || g, '10.5.' || (g / 250) || '.' || (g % 250)
         from generate_series(1, $6::int) g left join vouchers v on v.organization_id = $2 and v.code = 'GROW' || g`,
        [guests, router.organization, router.location, router.id, network.plans.dayPass, ROWS],
      )

      await expectScansByKey('kept')

      // Plans made now, from the small tables' statistics and the large tables.
      for (const mode of ['force_generic_plan', 'force_custom_plan']) {
        await client.query('DISCARD PLANS')
        await client.query(`SET LOCAL plan_cache_mode = ${mode}`)
        await expectScansByKey(mode)
      }

      // The full path's lookups of the same rows (one-off statements, planned with their values).
      const [open] = (await client.query(`select id, acct_session_id from sessions where acct_session_id = 'grow-2'`)).rows
      for (const statement of [openStatement(router, open.acct_session_id), namedStatement(router, open.id)]) {
        const [
          {
            'QUERY PLAN': [report],
          },
        ] = (await client.query({ text: `EXPLAIN (FORMAT JSON) ${statement.text}`, values: statement.values })).rows as [
          { 'QUERY PLAN': [{ Plan: PlanNode }] },
        ]
        expect(scansNotByKey({ query: statement.text, plan: report.Plan })).toEqual([])
      }
      await client.query('ROLLBACK')
    } finally {
      await client.end()
    }
  })
})
