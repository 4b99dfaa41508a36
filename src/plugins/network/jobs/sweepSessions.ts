import type { TaskConfig } from 'payload'

import { routerControl } from '../control'
import { sweepSessions } from '../sessions/sweep'

export const SWEEP_SESSIONS_TASK = 'sweep-sessions'

/**
 * Every 30 s in the RADIUS service: expired sessions disconnected, silent ones closed as stale,
 * logins whose router never started them closed as never started.
 */
export const sweepSessionsTask: TaskConfig<{ input: object; output: { expired: number; stale: number; neverStarted: number } }> = {
  slug: SWEEP_SESSIONS_TASK,
  label: 'Expire and close stale WiFi sessions',
  schedule: [{ cron: '*/30 * * * * *', queue: 'radius-sweep' }],
  outputSchema: [
    { name: 'expired', type: 'number', required: true },
    { name: 'stale', type: 'number', required: true },
    { name: 'neverStarted', type: 'number', required: true },
  ],
  retries: 0,
  handler: async ({ req }) => ({ output: await sweepSessions(req.payload, { control: routerControl() }) }),
}
