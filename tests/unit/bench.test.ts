/** The benchmarks explain themselves, refuse what they do not know, and measure on a durable database. */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { openDatabase } from '@/db'

import { durabilityLine, durabilitySettings } from '../../scripts/bench/database'

const projectRoot = path.resolve(import.meta.dirname, '../..')
const scripts = readdirSync(path.join(projectRoot, 'scripts')).filter((file) => /^bench-.*\.ts$/.test(file))
const saved = process.env.DATABASE_URL

afterEach(() => {
  process.env.DATABASE_URL = saved
})

/** The script run as `npm run bench:…` runs it, with no database at hand: it must not need one. */
function bench(script: string, args: string[]) {
  const env = { ...process.env }
  delete env.DATABASE_URL
  return spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [path.join('scripts', script), ...args], {
    cwd: projectRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe.each(scripts)('%s', (script) => {
  const name = `bench:${script.replace(/^bench-|\.ts$/g, '')}`

  it(`is npm run ${name}`, () => {
    const { scripts: npmScripts } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(npmScripts[name]).toBe(`tsx scripts/${script}`)
  })

  it('answers --help with its usage and options, and starts nothing', () => {
    const { status, stdout } = bench(script, ['--help'])
    expect(status, stdout).toBe(0)
    expect(stdout).toContain(`Usage: npm run ${name} -- [options]`)
    expect(stdout).toMatch(/^ {2}--no-fsync +run the throw-away database without fsync/m)
    expect(stdout).toMatch(/^ {2}--help +print this and exit$/m)
    expect(stdout).not.toContain('Database:')
  }, 60_000)

  it('refuses an option it does not know, saying which it knows', () => {
    const { status, stderr, stdout } = bench(script, ['--fast'])
    expect(status).toBe(2)
    expect(stderr).toContain('Unknown option "--fast". Known: ')
    expect(stderr).toContain(`See: npm run ${name} -- --help`)
    expect(stdout).toBe('')
  }, 60_000)
})

describe("a benchmark's database", () => {
  it('is durable (fsync on) unless told otherwise, and says which it is', async () => {
    delete process.env.DATABASE_URL
    const opened = async (durable: boolean) => {
      const database = await openDatabase({ fresh: true, durable, projectRoot })
      try {
        const settings = await durabilitySettings(database.url)
        return { description: database.description, settings, durable: settings.fsync === 'on' }
      } finally {
        await database.close()
      }
    }
    const durable = await opened(true)
    expect(durable.settings).toEqual({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' })
    expect(durabilityLine(durable)).toBe(
      'Database: a throw-away embedded PostgreSQL; fsync on, synchronous_commit on, full_page_writes on (durable, as in production)',
    )
    // What the tests run on, and what --no-fsync asks for.
    const quick = await opened(false)
    expect(quick.settings).toEqual({ fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' })
    expect(durabilityLine(quick)).toMatch(/without fsync; fsync off, .* \(NOT durable: write figures are flattered\)$/)
  }, 120_000)
})
