/**
 * FreeRADIUS 3 (Debian's `freeradius` with `freeradius-postgresql`) set up for the RADIUS
 * benchmark: a throw-away configuration directory whose only virtual server authorizes with
 * rlm_sql and PAP and records accounting with rlm_sql, on the benchmark's PostgreSQL, with the
 * same users (voucher codes), reply attributes and devices at once as Beacon's plan. Like Beacon,
 * which records a pending session for every login it accepts and counts the voucher's devices,
 * it logs each login (rlm_sql post-auth, as Debian's default site does) and checks
 * Simultaneous-Use against radacct (the `session` section).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { drizzleFor } from '../../src/db/sql'

const SYSTEM_CONFIG = '/etc/freeradius/3.0'
const SCHEMA = `${SYSTEM_CONFIG}/mods-config/sql/main/postgresql/schema.sql`

export type FreeRadius = { ports: { auth: number; accounting: number }; pid: number; stop(): Promise<void> }

export async function startFreeRadius({
  databaseUrl,
  payload,
  codes,
  secret,
  devicesAllowed,
  port = 22812,
}: {
  databaseUrl: string
  payload: Payload
  codes: string[]
  secret: string
  /** The plan's devices at once: each user's Simultaneous-Use. */
  devicesAllowed: number
  port?: number
}): Promise<FreeRadius> {
  if (!existsSync('/usr/sbin/freeradius') || !existsSync(SCHEMA)) {
    throw new Error('FreeRADIUS is not installed: apt-get install freeradius freeradius-postgresql (see README, "RADIUS benchmark")')
  }
  // The same users, as rlm_sql keeps them.
  const db = await drizzleFor(payload)
  await db.execute(sql.raw(readFileSync(SCHEMA, 'utf8')))
  // Simultaneous-Use counts a user's open sessions; Debian's schema has no index for that, and
  // without one the check scans radacct on every login. A deployment that checks it adds this.
  await db.execute(sql`create index radacct_open_user_idx on radacct (username) where acctstoptime is null`)
  // As Beacon's sessions: room in each page for the Interim-Updates of its rows.
  await db.execute(sql`alter table radacct set (fillfactor = 80)`)
  await db.execute(sql`
    insert into radcheck (username, attribute, op, value)
    select code, attribute, ':=', value from unnest(${sql.param(codes)}::text[]) as code
      cross join lateral (values ('Cleartext-Password', code), ('Simultaneous-Use', ${String(devicesAllowed)})) as check_item(attribute, value)`)
  await db.execute(sql`
    insert into radreply (username, attribute, op, value)
    select code, attribute, ':=', value from unnest(${sql.param(codes)}::text[]) as code,
      (values ('Mikrotik-Rate-Limit', '10M/20M'), ('Session-Timeout', '86400'), ('Acct-Interim-Interval', '300')) as reply(attribute, value)`)

  const directory = mkdtempSync(path.join(tmpdir(), 'beacon-freeradius-'))
  const raddb = path.join(directory, 'raddb')
  cpSync(SYSTEM_CONFIG, raddb, { recursive: true, dereference: false, verbatimSymlinks: true })
  execFileSync('chmod', ['-R', 'a+rX', directory])

  // Only what the benchmark's virtual server uses.
  for (const name of readdirSync(path.join(raddb, 'sites-enabled'))) unlinkSync(path.join(raddb, 'sites-enabled', name))
  for (const name of ['eap', 'ntlm_auth', 'mschap', 'detail', 'detail.log', 'radutmp', 'sradutmp', 'unix', 'files', 'linelog', 'replicate', 'soh', 'dynamic_clients']) {
    rmSync(path.join(raddb, 'mods-enabled', name), { force: true })
  }
  symlinkSync('../mods-available/sql', path.join(raddb, 'mods-enabled', 'sql'))

  const url = new URL(databaseUrl)
  const sqlModule = path.join(raddb, 'mods-available', 'sql')
  writeFileSync(
    sqlModule,
    readFileSync(sqlModule, 'utf8')
      .replace(/^\s*dialect = "sqlite"/m, '\tdialect = "postgresql"')
      .replace(/^\s*driver = "rlm_sql_null"/m, '\tdriver = "rlm_sql_${dialect}"')
      .replace(/^#?\s*server = "localhost"/m, `\tserver = "${url.hostname}"`)
      .replace(/^#?\s*port = 3306/m, `\tport = ${url.port}`)
      .replace(/^#?\s*login = "radius"/m, `\tlogin = "${decodeURIComponent(url.username)}"`)
      .replace(/^#?\s*password = "radpass"/m, `\tpassword = "${decodeURIComponent(url.password)}"`)
      .replace(/^\s*radius_db = "radius"/m, `\tradius_db = "${url.pathname.slice(1)}"`),
  )
  writeFileSync(
    path.join(raddb, 'clients.conf'),
    `client bench {\n\tipaddr = 127.0.0.1\n\tsecret = ${secret}\n}\n`,
  )
  writeFileSync(
    path.join(raddb, 'sites-enabled', 'bench'),
    `server bench {
	listen {
		type = auth
		ipaddr = 127.0.0.1
		port = ${port}
	}
	listen {
		type = acct
		ipaddr = 127.0.0.1
		port = ${port + 1}
	}
	authorize {
		preprocess
		sql
		pap
	}
	authenticate {
		Auth-Type PAP {
			pap
		}
	}
	preacct {
		preprocess
		acct_unique
	}
	accounting {
		sql
	}
	session {
		sql
	}
	post-auth {
		sql
		Post-Auth-Type REJECT {
			sql
		}
	}
}
`,
  )

  const child: ChildProcess = spawn('/usr/sbin/freeradius', ['-f', '-d', raddb, '-l', 'stdout'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`FreeRADIUS did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (/Ready to process requests/.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`FreeRADIUS exited (${code}):\n${output}`))
    })
  })
  return {
    ports: { auth: port, accounting: port + 1 },
    pid: child.pid!,
    async stop() {
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
