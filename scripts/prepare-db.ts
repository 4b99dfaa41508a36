/**
 * Migrates the database in DATABASE_URL and puts the demo data in (adding what is missing):
 *   npm run seed                       (the embedded database, or DATABASE_URL)
 *   tsx scripts/prepare-db.ts          (with DATABASE_URL set; the tests use this)
 */
import { prepareDatabase } from '../src/db/prepare'

const { payload, created } = await prepareDatabase({ demoData: 'always' })
console.log(created.length ? `Seeded ${created.length} demo records.` : 'Demo data already present.')
await payload.destroy()
process.exit(0)
