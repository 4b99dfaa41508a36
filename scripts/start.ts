/**
 * `npm start`: database (embedded unless DATABASE_URL is set), migrations, demo data, a
 * production build when the sources changed, then the web app (admin, API, dashboard, portal)
 * and the RADIUS service.
 *   --dev        run `next dev` instead of a production build
 *   --fresh      use a new, throw-away database (the browser tests use this)
 *   --port N     web port (default PORT or 3000)
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { webMetricsAddress } from '../src/plugins/monitoring/metrics'
import { isRadiusListening, radiusBanner, radiusListeningLine } from './banner'
import { buildIfStale, demoDataPolicy, ensurePayloadSecret, openDatabaseOrExit, projectRoot, takeOverShutdownSignals } from './runtime'

const { values: options } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
  },
})
const port = Number(options.port)
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port/PORT must be a port number, not "${options.port}".`)
  process.exit(2)
}

const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name)

async function portIsFree(candidate: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(candidate, () => server.close(() => resolve(true)))
  })
}

const children: ChildProcess[] = []
let database: Awaited<ReturnType<typeof openDatabaseOrExit>> | null = null
let stopping = false

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true
    await Promise.all(
      children
        .filter((child) => child.exitCode === null)
        .map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))),
    )
    await database?.close()
  }
  process.exit(code)
}
takeOverShutdownSignals(() => void shutdown(0))

if (!(await portIsFree(port))) {
  console.error(`\nPort ${port} is already in use. Stop what is using it, or start Beacon with PORT=<another port> npm start.\n`)
  process.exit(1)
}

ensurePayloadSecret()
process.env.NEXT_TELEMETRY_DISABLED ??= '1'
const demoData = demoDataPolicy(options.fresh)
database = await openDatabaseOrExit(options.fresh)
console.log(`Database: ${database.description}`)

const { prepareDatabase } = await import('../src/db/prepare')
const { payload, created } = await prepareDatabase({ demoData })
if (created.length > 0) console.log(`Demo data created: ${created.length} records (see README for the sign-ins).`)
const portalExample = await firstPortal()
await payload.destroy()

/** The portal of the first branch with a router (Downtown with the demo data), to print as an example. */
async function firstPortal(): Promise<string | null> {
  const { docs } = await payload.find({ collection: 'routers', sort: 'createdAt', limit: 1, depth: 1 })
  const router = docs[0]
  if (!router || typeof router.organization !== 'object' || typeof router.location !== 'object') return null
  return `/portal/${router.organization.slug}/${router.location.id} (${router.location.name}; each branch has its own)`
}

if (!options.dev && !(await buildIfStale())) await shutdown(1)

const web = spawn(bin('tsx'), ['scripts/web-server.ts', ...(options.dev ? ['--dev'] : []), '--port', String(port)], {
  cwd: projectRoot,
  stdio: 'inherit',
  // PORT: the address the app links to when no BEACON_PUBLIC_URL says otherwise (reset links).
  env: { ...process.env, PORT: String(port), NODE_ENV: options.dev ? 'development' : 'production' },
})
children.push(web)
web.on('exit', (code) => {
  if (!stopping) {
    console.error(`The web app stopped (exit code ${code}).`)
    void shutdown(code ?? 1)
  }
})

// The RADIUS service: its own process over the same database (RADIUS_* variables configure it).
// Over IPC it says where it listens: with a port 0 (any free one) only it knows which.
const radius = spawn(bin('tsx'), ['radius-service/src/main.ts'], { cwd: projectRoot, stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: process.env })
children.push(radius)
const radiusPorts = radiusBanner()
radius.on('message', (message) => {
  if (radiusPorts.portsPicked && isRadiusListening(message)) console.log(`\n${radiusListeningLine(message)}\n`)
})
radius.on('exit', (code) => {
  if (!stopping) {
    console.error(`The RADIUS service stopped (exit code ${code}).`)
    void shutdown(code || 1)
  }
})

const base = `http://localhost:${port}`
console.log(`
Beacon is starting on ${base}
  Admin panel   ${base}/admin
  Dashboard     ${base}/dashboard
  Portal        ${portalExample ? `${base}${portalExample}` : `${base}/portal/<organization>/<branch id>`}
  REST API      ${base}/api
  RADIUS        ${radiusPorts.line}
  Metrics       ${webMetricsLine()}
Sign in with the demo accounts listed in README.md (e.g. admin@demo-isp.test / beacon-admin-1).
Press Ctrl+C to stop.
`)

/** Where the web app's Prometheus endpoint is (scripts/web-server.ts serves it, or says why it cannot). */
function webMetricsLine(): string {
  try {
    const address = webMetricsAddress()
    return address
      ? `http://${address.host}:${address.port}/metrics (web app; WEB_METRICS_PORT=0 turns it off)`
      : 'web app: off (WEB_METRICS_PORT=0)'
  } catch (error) {
    return (error as Error).message
  }
}

/**
 * Next.js loads Payload on the first request, and Payload's job crons (archiving sessions,
 * stopping forgotten timers) start with it; one request as soon as the server answers starts
 * them without waiting for the first visitor.
 */
async function startJobCrons(): Promise<void> {
  for (let attempt = 0; attempt < 120 && !stopping; attempt++) {
    try {
      const response = await fetch(`${base}/api/users/me`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  if (!stopping) console.error(`The web app did not answer on ${base} within two minutes; its scheduled jobs start with the first request.`)
}
void startJobCrons()
