import type { Config, Plugin } from 'payload'

import { instrumentTask } from './jobs'
import { logRequestError, requestErrorLoggingLevels } from './logging'
import { webMetrics } from './metrics'
import { queueDepths } from './queues'

export { levelForStatus } from './logging'
export { routeTemplate, serveWebMetrics, webMetrics, webMetricsAddress, WebMetrics } from './metrics'

/** Every queue a runner or a schedule names, so an idle queue shows as 0 rather than not at all. */
function knownQueues(config: Config): string[] {
  const autoRun = Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []
  const scheduled = (config.jobs?.tasks ?? []).flatMap((task) => (task.schedule ?? []).map((schedule) => schedule.queue))
  return [...new Set([...autoRun.map((runner) => runner.queue ?? 'default'), ...scheduled])].sort()
}

/**
 * Logs and metrics an operator can use, last among the plugins so it sees every task:
 * - request errors logged by status (`logging.ts`): refusals people cause at INFO/WARN with the
 *   ids to find them and no stack, ERROR for faults;
 * - every job counted and its failures logged in words (`jobs.ts`), the cron runners `silent`
 *   about task errors so each failure is logged once, by Beacon;
 * - the queue depth gauges of the web app's Prometheus endpoint, read from `payload-jobs` when
 *   scraped (the endpoint itself is served by scripts/web-server.ts, beside the app).
 */
export const monitoringPlugin = (): Plugin => (config) => ({
  ...config,
  loggingLevels: { ...config.loggingLevels, ...requestErrorLoggingLevels },
  hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), logRequestError] },
  jobs: {
    ...config.jobs,
    tasks: (config.jobs?.tasks ?? []).map(instrumentTask),
    autoRun: Array.isArray(config.jobs?.autoRun)
      ? config.jobs.autoRun.map((runner) => ({ silent: { error: true }, ...runner }))
      : config.jobs?.autoRun,
  },
  onInit: async (payload) => {
    await config.onInit?.(payload)
    const queues = knownQueues(config)
    webMetrics().queueDepth = async () => {
      try {
        return await queueDepths(payload, queues)
      } catch (error) {
        payload.logger.warn({ err: error }, 'Could not read the job queues for /metrics')
        return []
      }
    }
  },
})
