import type { TaskConfig } from 'payload'

import { stopForgottenTimers } from '../timeSessions/autoStop'

export const STOP_FORGOTTEN_TIMERS_TASK = 'stop-forgotten-timers'

/** Every five minutes, in the web app: timers left running past the limit are stopped. */
export const stopForgottenTimersTask: TaskConfig<{ input: object; output: { stopped: number } }> = {
  slug: STOP_FORGOTTEN_TIMERS_TASK,
  label: 'Stop forgotten timers',
  schedule: [{ cron: '0 */5 * * * *', queue: 'maintenance' }],
  retries: 1,
  handler: async ({ req }) => ({ output: { stopped: await stopForgottenTimers(req.payload) } }),
}
