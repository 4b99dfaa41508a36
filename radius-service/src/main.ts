/**
 * The RADIUS service as a process: `npm run radius` (with its own database start) or a child of
 * `npm start`. Needs DATABASE_URL and PAYLOAD_SECRET; listens as RADIUS_* say (see config.ts).
 * SIGTERM or SIGINT: stop listening, answer what is in flight, close the database, exit 0.
 */
import { pathToFileURL } from 'node:url'

import type { Payload } from 'payload'

import { loadPayload } from '@/db/loadPayload'

import { RadiusConfigError, radiusConfigFromEnv } from './config'
import { type RadiusService, startRadiusService } from './service'

type Client = { on(event: 'error', listener: (error: Error) => void): void }
type Pool = {
  on(event: 'error', listener: (error: Error) => void): void
  on(event: 'connect', listener: (client: Client) => void): void
}

/** Starts the service on a loaded Payload; resolves once it has stopped after a signal. */
export async function runRadiusService(payload: Payload): Promise<void> {
  let config
  try {
    config = radiusConfigFromEnv()
  } catch (error) {
    if (error instanceof RadiusConfigError) {
      console.error(`The RADIUS service cannot start: ${error.message}`)
      process.exit(2)
    }
    throw error
  }
  // A pooled connection that dies (database restarted, network cut) must not end the process:
  // idle ones report on the pool, checked-out ones on the client (pg throws an 'error' event
  // nobody listens to). The query in progress fails, the request gets no answer, and the next
  // query opens a new connection.
  const lost = (error: Error) => payload.logger.warn({ err: error }, 'RADIUS service: a database connection was lost')
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  pool?.on('error', lost)
  pool?.on('connect', (client) => client.on('error', lost))
  for (const client of (pool as unknown as { _clients?: Client[] } | undefined)?._clients ?? []) client.on('error', lost)

  let service: RadiusService
  try {
    service = await startRadiusService({ payload, config })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      console.error(
        `The RADIUS service cannot listen on ${config.host} (auth ${config.authPort}, accounting ${config.accountingPort}, metrics ${config.metricsPort}): ${(error as Error).message}.\n` +
          'Stop what uses these ports (e.g. a FreeRADIUS server) or choose others with RADIUS_AUTH_PORT, RADIUS_ACCT_PORT and RADIUS_METRICS_PORT.',
      )
      process.exit(1)
    }
    throw error
  }
  // Under `npm start` (an IPC channel): where it listens, which only it knows for a port 0.
  process.send?.({
    type: 'radius-listening',
    authPort: service.authPort,
    accountingPort: service.accountingPort,
    metricsHost: config.metricsHost,
    metricsPort: service.metricsPort,
  })

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      payload.logger.info({ signal }, 'RADIUS service stopping: finishing requests in flight')
      service.close().then(resolve, (error: unknown) => {
        payload.logger.error({ err: error }, 'RADIUS service did not stop cleanly')
        resolve()
      })
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  })
  await payload.destroy()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.env.DATABASE_URL || !process.env.PAYLOAD_SECRET) {
    console.error('The RADIUS service needs DATABASE_URL and PAYLOAD_SECRET (npm run radius sets both).')
    process.exit(2)
  }
  await runRadiusService(await loadPayload())
  process.exit(0)
}
