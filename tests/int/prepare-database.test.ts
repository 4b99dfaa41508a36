/**
 * A new database is planned on statistics of what it holds: once migrated and seeded, its tables
 * are analyzed, rather than planned as empty until autovacuum gets to them.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'

import pg from 'pg'
import { describe, expect, it } from 'vitest'

const projectRoot = path.resolve(import.meta.dirname, '../..')

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

describe('preparing a new database', () => {
  it('analyzes its tables once the migrations and the demo data are in', async () => {
    const server = new URL(process.env.DATABASE_URL!)
    const name = `beacon_prepare_${randomBytes(4).toString('hex')}`
    const url = new URL(server)
    url.pathname = `/${name}`
    server.pathname = '/postgres'
    await withClient(server.toString(), (client) => client.query(`create database ${name}`))
    try {
      execFileSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/prepare-db.ts'], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: url.toString() },
        stdio: 'pipe',
      })
      const tables = await withClient(url.toString(), async (client) => {
        const { rows } = await client.query<{ relname: string; analyzed: boolean; tuples: number; rows: number }>(`
          select t.relname, t.last_analyze is not null as analyzed, c.reltuples::int as tuples,
            (xpath('/row/count/text()', query_to_xml(format('select count(*) from %I', t.relname), false, true, '')))[1]::text::int as rows
          from pg_stat_user_tables t join pg_class c on c.oid = t.relid
          where t.relname in ('sessions', 'vouchers', 'users', 'routers', 'plans')
          order by t.relname`)
        return rows
      })
      // Analyzed by the preparation itself (autovacuum's would be last_autoanalyze), counting the demo data.
      expect(tables.map(({ relname, analyzed }) => [relname, analyzed])).toEqual([
        ['plans', true],
        ['routers', true],
        ['sessions', true],
        ['users', true],
        ['vouchers', true],
      ])
      for (const table of tables) expect(table.tuples, table.relname).toBe(table.rows)
    } finally {
      await withClient(server.toString(), (client) => client.query(`drop database ${name} with (force)`))
    }
  }, 120_000)
})
