/**
 * `npm run radius`: the RADIUS service on its own, on Beacon's database (embedded unless
 * DATABASE_URL is set), brought up to date and seeded like `npm start` does.
 */
import { runRadiusService } from '../radius-service/src/main'
import { demoDataPolicy, ensurePayloadSecret, openDatabaseOrExit, takeOverShutdownSignals } from './runtime'

// runRadiusService handles SIGTERM/SIGINT itself and the database is closed after it stops.
takeOverShutdownSignals()

ensurePayloadSecret()
const demoData = demoDataPolicy(false)
const database = await openDatabaseOrExit(false)
console.log(`Database: ${database.description}`)
const { prepareDatabase } = await import('../src/db/prepare')
const { payload } = await prepareDatabase({ demoData })
await runRadiusService(payload)
await database.close()
process.exit(0)
