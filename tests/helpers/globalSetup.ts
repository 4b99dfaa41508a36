import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * `npm run test:int` runs vitest inside `scripts/with-db.ts --fresh`, so DATABASE_URL points at a
 * new, empty database. Here it gets the schema and the demo data the tests speak about, in a
 * child process: loading Payload in vitest's own process can hang on module loading.
 */
export default function setup() {
  if (!process.env.DATABASE_URL || !process.env.PAYLOAD_SECRET) {
    throw new Error('Run the integration tests with `npm run test:int` (it provides a fresh database).')
  }
  execFileSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/prepare-db.ts'], {
    cwd: projectRoot,
    stdio: 'inherit',
  })
}
