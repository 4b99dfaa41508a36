/**
 * Fails when the collections describe a schema that the committed migrations do not create:
 * someone changed a collection and forgot `npm run migrate:create -- <name>`. Compares the schema
 * Payload derives from the config with the latest migration snapshot, as migrate:create does,
 * without writing anything. Needs DATABASE_URL (run through scripts/with-db.ts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { loadPayload } from '../src/db/loadPayload'

type DrizzleAdapter = {
  migrationDir: string
  schema: unknown
  requireDrizzleKit: () => {
    generateDrizzleJson: (schema: unknown) => Promise<unknown> | unknown
    generateMigration: (before: unknown, after: unknown) => Promise<string[]>
  }
}

const payload = await loadPayload()
const adapter = payload.db as unknown as DrizzleAdapter
const snapshots = readdirSync(adapter.migrationDir).filter((file) => file.endsWith('.json')).sort()
const latest = snapshots.at(-1)
if (!latest) {
  console.error('No migration snapshots in src/migrations: create the first with `npm run migrate:create -- initial`.')
  process.exit(1)
}

const { generateDrizzleJson, generateMigration } = adapter.requireDrizzleKit()
const before = JSON.parse(readFileSync(path.join(adapter.migrationDir, latest), 'utf8'))
const after = await generateDrizzleJson(adapter.schema)
const statements = await generateMigration(before, after)
await payload.destroy()

if (statements.length > 0) {
  console.error(
    `The collections changed the schema, but no migration does (compared with ${latest}):\n` +
      statements.map((statement) => `  ${statement}`).join('\n') +
      '\nCreate one with `npm run migrate:create -- <what-changed>` and commit it.',
  )
  process.exit(1)
}
console.log(`Migrations are up to date with the collections (${snapshots.length} migration(s)).`)
process.exit(0)
