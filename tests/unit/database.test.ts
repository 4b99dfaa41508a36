/** The database explains why it cannot start, in words, with what to do. */
import { mkdtempSync, chmodSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { DatabaseStartError, openDatabase } from '@/db'
import { diagnoseStartFailure } from '@/db/errors'

const projectRoot = path.resolve(import.meta.dirname, '../..')
const saved = { ...process.env }

afterEach(() => {
  for (const key of ['DATABASE_URL', 'BEACON_DB_PORT', 'BEACON_DATA_DIR']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

describe('diagnosing PostgreSQL start-up failures', () => {
  const where = { dataDir: '/srv/beacon/.data/postgres', port: 5499 }
  it.each([
    ['LOG:  could not bind IPv4 address "127.0.0.1": Address already in use', /Port 5499 is already in use/, /BEACON_DB_PORT/],
    ['FATAL:  could not write to file "pg_wal/xlogtemp": No space left on device', /disk .* is full/, /Free some disk space/],
    ['FATAL:  data directory "/x" has invalid permissions', /not allowed to use/, /accessible/],
    ['FATAL:  lock file "postmaster.pid" already exists', /already running/, /Stop the other Beacon/],
    ['something nobody expected', /did not start/, /DATABASE_URL/],
  ])('%s', (log, message, hint) => {
    const error = diagnoseStartFailure(log, where)
    expect(error).toBeInstanceOf(DatabaseStartError)
    expect(error.message).toMatch(message)
    expect(error.hint).toMatch(hint)
  })
})

describe('opening the database', () => {
  let blocker: Server | null = null
  afterEach(() => {
    blocker?.close()
    blocker = null
  })

  it('says so when the chosen port is taken', async () => {
    blocker = createServer()
    const port: number = await new Promise((resolve) =>
      blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)),
    )
    delete process.env.DATABASE_URL
    process.env.BEACON_DB_PORT = String(port)
    await expect(openDatabase({ fresh: true, projectRoot })).rejects.toMatchObject({
      name: 'DatabaseStartError',
      message: expect.stringContaining(`Port ${port} is already in use`),
    })
  }, 60_000)

  it('refuses a port that is no port', async () => {
    delete process.env.DATABASE_URL
    process.env.BEACON_DB_PORT = 'seventy'
    await expect(openDatabase({ fresh: true, projectRoot })).rejects.toMatchObject({ name: 'DatabaseStartError' })
  })

  it('says so when the data folder cannot be used', async () => {
    delete process.env.DATABASE_URL
    const closed = mkdtempSync(path.join(tmpdir(), 'beacon-closed-'))
    // As root PostgreSQL runs as "postgres", who cannot enter a 0700 folder; others cannot write a 0500 one.
    chmodSync(closed, process.getuid?.() === 0 ? 0o700 : 0o500)
    process.env.BEACON_DATA_DIR = path.join(closed, 'sub', 'postgres')
    await expect(openDatabase({ projectRoot })).rejects.toMatchObject({ name: 'DatabaseStartError' })
  })

  it('says so when DATABASE_URL points nowhere', async () => {
    process.env.DATABASE_URL = 'postgres://nobody:secret@127.0.0.1:1/none'
    const error = await openDatabase({ projectRoot }).catch((caught) => caught)
    expect(error).toBeInstanceOf(DatabaseStartError)
    expect(error.message).toContain('Cannot connect to PostgreSQL')
    expect(error.message).not.toContain('secret')
  })
})
