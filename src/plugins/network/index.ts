import type { Config, Plugin } from 'payload'

import { isSuperAdmin } from '@/access'

import { archiveSessionsTask } from './jobs/archiveSessions'
import { disconnectSessionTask } from './jobs/disconnectSession'
import { Plans } from './plans'
import { Routers } from './routers'
import { ArchivedSessions } from './sessions/archived'
import { Sessions } from './sessions'
import { Vouchers } from './vouchers'

export { PLANS_SLUG } from './plans'
export { ROUTERS_SLUG } from './routers'
export { routerCredentials } from './routers/credentials'
export { ARCHIVED_SESSIONS_SLUG } from './sessions/archived'
export { SESSIONS_SLUG } from './sessions'
export { VOUCHERS_SLUG } from './vouchers'

/** Cron runners other plugins configured, so this plugin adds to them rather than replacing them. */
function autoRunOf(config: Config) {
  const autoRun = config.jobs?.autoRun
  if (typeof autoRun === 'function') throw new Error('networkPlugin: jobs.autoRun must be a list when plugins add to it')
  return autoRun ?? []
}

/**
 * Routers (NAS), plans, vouchers and WiFi sessions, with the jobs that act on them. Jobs on the
 * `radius` queue are carried out by the RADIUS service; the `maintenance` queue runs in the web
 * app (archiving ended sessions).
 */
export const networkPlugin =
  (): Plugin =>
  (config) => ({
    ...config,
    collections: [...(config.collections ?? []), Routers, Plans, Vouchers, Sessions, ArchivedSessions],
    jobs: {
      ...config.jobs,
      // Payload lets any signed-in user run, queue and cancel jobs over HTTP by default.
      access: { run: isSuperAdmin, queue: isSuperAdmin, cancel: isSuperAdmin, ...config.jobs?.access },
      tasks: [...(config.jobs?.tasks ?? []), disconnectSessionTask, archiveSessionsTask],
      // Crons start only where Payload is initialised with `cron: true`: the Next.js server.
      autoRun: [...autoRunOf(config), { cron: '0 * * * * *', queue: 'maintenance' }],
    },
  })
