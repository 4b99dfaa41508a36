/**
 * Migrates the database in DATABASE_URL and seeds the demo data, then exits:
 *   tsx scripts/with-db.ts -- tsx scripts/prepare-db.ts
 */
import { prepareDatabase } from '../src/db/prepare'

const { payload, created } = await prepareDatabase()
console.log(created.length ? `Seeded ${created.length} demo records.` : 'Demo data already present.')
await payload.destroy()
process.exit(0)
