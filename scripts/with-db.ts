/**
 * Runs a command with Beacon's database up and DATABASE_URL set, then stops the database:
 *   tsx scripts/with-db.ts [--fresh] -- <command> [args…]
 * `--fresh` gives the command a new, empty database that is thrown away afterwards.
 */
import { spawn } from 'node:child_process'

import { ensurePayloadSecret, openDatabaseOrExit, projectRoot, takeOverShutdownSignals } from './runtime'

const separator = process.argv.indexOf('--')
const flags = process.argv.slice(2, separator === -1 ? undefined : separator)
const command = separator === -1 ? [] : process.argv.slice(separator + 1)
if (command.length === 0) {
  console.error('usage: tsx scripts/with-db.ts [--fresh] -- <command> [args…]')
  process.exit(2)
}

ensurePayloadSecret()
const database = await openDatabaseOrExit(flags.includes('--fresh'))

const child = spawn(command[0], command.slice(1), { cwd: projectRoot, stdio: 'inherit', env: process.env, shell: false })
takeOverShutdownSignals((signal) => child.kill(signal))
const code: number = await new Promise((resolve) => {
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  child.on('error', (error) => {
    console.error(`Cannot run ${command[0]}: ${error.message}`)
    resolve(127)
  })
})
await database.close()
process.exit(code)
