import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { startEmbeddedPostgres } from './embedded'
import { DatabaseStartError } from './errors'

export { DatabaseStartError } from './errors'

export type Database = {
  url: string
  /** Where it came from, for the start-up message. */
  description: string
  close: () => Promise<void>
}

type Options = {
  /** A new, empty database for this run (tests); removed again by `close`. */
  fresh?: boolean
  /**
   * Crash-safe (fsync on), as the embedded database always is except a fresh one's throw-away
   * cluster, which tests run without it; benchmarks ask for it. A `DATABASE_URL` server is as it is.
   */
  durable?: boolean
  projectRoot: string
  log?: (line: string) => void
}

const DATABASE_NAME = 'beacon'

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseStartError(
      `Cannot connect to PostgreSQL at ${redact(url)}: ${reason}`,
      'Check DATABASE_URL (host, port, user, password, database) and that the server is running.',
    )
  }
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

async function ensureDatabase(adminUrl: string, name: string) {
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
  })
}

async function dropDatabase(adminUrl: string, name: string) {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`))
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable DATABASE_URL)'
  }
}

function throwAwayDataDir(): string {
  const parent = mkdtempSync(path.join(tmpdir(), 'beacon-test-'))
  // As root, PostgreSQL runs as "postgres", which must be able to enter the folder.
  chmodSync(parent, 0o711)
  return path.join(parent, 'postgres')
}

/**
 * The database Beacon runs on: `DATABASE_URL` when set, otherwise an embedded PostgreSQL server
 * whose data stays in `.data/postgres` (or BEACON_DATA_DIR). With `fresh`, a new empty database
 * (on the given server, or on a throw-away embedded cluster) that `close` removes.
 */
export async function openDatabase({ fresh = false, durable = !fresh, projectRoot, log }: Options): Promise<Database> {
  const external = process.env.DATABASE_URL
  if (external) {
    if (!fresh) {
      await withClient(external, async () => undefined)
      return { url: external, description: `PostgreSQL at ${redact(external)}`, close: async () => {} }
    }
    const name = `beacon_test_${Date.now()}_${randomBytes(3).toString('hex')}`
    await ensureDatabase(external, name)
    return {
      url: withDatabaseName(external, name),
      description: `fresh database ${name} on ${redact(external)}`,
      close: () => dropDatabase(external, name),
    }
  }

  const port = process.env.BEACON_DB_PORT ? Number(process.env.BEACON_DB_PORT) : undefined
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new DatabaseStartError(`BEACON_DB_PORT=${process.env.BEACON_DB_PORT} is not a port number.`, 'Use a number from 1 to 65535, or leave it unset.')
  }
  const dataDir = fresh ? throwAwayDataDir() : path.resolve(process.env.BEACON_DATA_DIR ?? path.join(projectRoot, '.data', 'postgres'))
  const server = await startEmbeddedPostgres({ dataDir, port, persistent: !fresh, durable, log })
  try {
    await ensureDatabase(server.adminUrl('postgres'), DATABASE_NAME)
  } catch (error) {
    await server.stop()
    throw error
  }
  return {
    url: server.adminUrl(DATABASE_NAME),
    description: fresh ? `a throw-away embedded PostgreSQL${durable ? '' : ' without fsync'}` : `embedded PostgreSQL (data in ${dataDir})`,
    close: server.stop,
  }
}
