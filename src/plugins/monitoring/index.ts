import type { Plugin } from 'payload'

import { logRequestError, requestErrorLoggingLevels } from './logging'

export { levelForStatus } from './logging'

/**
 * Logs an operator can use: request errors logged by status (`logging.ts`), refusals people
 * cause at INFO/WARN with the ids to find them and no stack, ERROR for faults.
 */
export const monitoringPlugin =
  (): Plugin =>
  (config) => ({
    ...config,
    loggingLevels: { ...config.loggingLevels, ...requestErrorLoggingLevels },
    hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), logRequestError] },
  })
