/**
 * The database a benchmark runs on: a new one thrown away afterwards (on a throw-away embedded
 * PostgreSQL, or on the DATABASE_URL server), crash-safe like a real server unless told otherwise,
 * and saying which it is: without fsync, commits cost nothing and write figures flatter.
 */
import pg from 'pg'

import type { Database } from '../../src/db'
import { ensurePayloadSecret, openDatabaseOrExit } from '../runtime'

/** fsync, synchronous_commit and full_page_writes as the server runs them. */
export type DurabilitySettings = Record<'fsync' | 'synchronous_commit' | 'full_page_writes', string>

export type BenchDatabase = Database & { settings: DurabilitySettings; durable: boolean }

export async function durabilitySettings(url: string): Promise<DurabilitySettings> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: keyof DurabilitySettings; setting: string }>(
      `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')`,
    )
    return Object.fromEntries(rows.map((row) => [row.name, row.setting])) as DurabilitySettings
  } finally {
    await client.end()
  }
}

/** One line on the database's durability, for the benchmark's output. */
export function durabilityLine({ description, settings, durable }: Pick<BenchDatabase, 'description' | 'settings' | 'durable'>): string {
  const state = `fsync ${settings.fsync}, synchronous_commit ${settings.synchronous_commit}, full_page_writes ${settings.full_page_writes}`
  return `Database: ${description}; ${state} (${durable ? 'durable, as in production' : 'NOT durable: write figures are flattered'})`
}

/**
 * Opens the benchmark's database and puts its URL in DATABASE_URL. `fsync: false` runs the
 * throw-away embedded server without it (a DATABASE_URL server keeps its own settings). The
 * database is closed, and the embedded server stopped, if the benchmark fails.
 */
export async function openBenchDatabase({ fsync }: { fsync: boolean }): Promise<BenchDatabase> {
  ensurePayloadSecret()
  if (!fsync && process.env.DATABASE_URL) console.warn('--no-fsync: ignored, the DATABASE_URL server runs with its own settings.')
  const database = await openDatabaseOrExit(true, { durable: fsync })
  let closing = false
  process.on('uncaughtException', (error) => {
    // Connections still open in Payload's pool are cut off when the server stops: expected then.
    if (closing) return
    console.error(error)
    closing = true
    void database.close().finally(() => process.exit(1))
  })
  const settings = await durabilitySettings(database.url)
  const opened: BenchDatabase = {
    ...database,
    settings,
    durable: settings.fsync === 'on' && settings.synchronous_commit !== 'off',
    close: () => {
      closing = true
      return database.close()
    },
  }
  console.log(durabilityLine(opened))
  return opened
}
