import type { CollectionBeforeDeleteHook, Config, Plugin } from 'payload'

import { isSuperAdmin } from '@/access'

import { refuseDeleteWhileReferenced, withDeleteGuards } from '../tenancy'

import { captivePortalEndpoints } from './captivePortal/endpoint'
import { applyPlanTask } from './jobs/applyPlan'
import { archiveSessionsTask } from './jobs/archiveSessions'
import { checkRoutersTask } from './jobs/checkRouters'
import { disconnectSessionTask } from './jobs/disconnectSession'
import { sweepSessionsTask } from './jobs/sweepSessions'
import { Plans } from './plans'
import { withCustomerPlan } from './plans/customerPlan'
import { PortalCredentials } from './portalCredentials'
import { Routers } from './routers'
import { ArchivedSessions } from './sessions/archived'
import { Sessions } from './sessions'
import { Vouchers } from './vouchers'

export { provideRouterControl, type RouterControl, routerControl } from './control'
export { PLANS_SLUG } from './plans'
export { PORTAL_CREDENTIALS_SLUG } from './portalCredentials'
export { ROUTERS_SLUG } from './routers'
export { routerCredentials } from './routers/credentials'
export { ARCHIVED_SESSIONS_SLUG } from './sessions/archived'
export { SESSIONS_SLUG } from './sessions'
export { VOUCHERS_SLUG } from './vouchers'
export { mayGenerateForEveryBranch } from './vouchers/batchChoices'

const sessionsOf = (field: string) => [
  { collection: 'sessions' as const, field, label: 'WiFi sessions' },
  { collection: 'archived-sessions' as const, field, label: 'archived sessions' },
]

/** Branches and people that network records point at are kept; they are retired instead. */
const DELETE_GUARDS: Record<string, CollectionBeforeDeleteHook> = {
  locations: refuseDeleteWhileReferenced(
    'branch',
    [
      { collection: 'routers', field: 'location', label: 'routers' },
      { collection: 'vouchers', field: 'location', label: 'vouchers' },
      ...sessionsOf('location'),
    ],
    'mark it inactive instead.',
  ),
  users: refuseDeleteWhileReferenced('user', sessionsOf('user'), 'set their status to DELETED instead.'),
}

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
    collections: [
      ...withDeleteGuards(
        (config.collections ?? []).map((collection) => (collection.slug === 'users' ? withCustomerPlan(collection) : collection)),
        DELETE_GUARDS,
      ),
      Routers,
      Plans,
      Vouchers,
      Sessions,
      ArchivedSessions,
      PortalCredentials,
    ],
    endpoints: [...(config.endpoints ?? []), ...captivePortalEndpoints],
    jobs: {
      ...config.jobs,
      // Payload lets any signed-in user run, queue and cancel jobs over HTTP by default.
      access: { run: isSuperAdmin, queue: isSuperAdmin, cancel: isSuperAdmin, ...config.jobs?.access },
      tasks: [...(config.jobs?.tasks ?? []), disconnectSessionTask, applyPlanTask, sweepSessionsTask, checkRoutersTask, archiveSessionsTask],
      // Crons start only where Payload is initialised with `cron: true`: the Next.js server.
      autoRun: [...autoRunOf(config), { cron: '0 * * * * *', queue: 'maintenance' }],
    },
  })
