import type { TaskConfig } from 'payload'

import { DISCONNECT_SESSION_TASK } from '../sessions/forceLogout'

/**
 * Tells a session's router to disconnect the device (RFC 5176 Disconnect-Request). Queued by
 * force-logout on the `radius` queue, which only the RADIUS service works through: the web app
 * never sends RADIUS packets. Until the RADIUS service's CoA client exists, a run fails with
 * this message and the job stays visible with its error.
 */
export const disconnectSessionTask: TaskConfig<{
  input: { session: string; requestedBy: string }
  output: object
}> = {
  slug: DISCONNECT_SESSION_TASK,
  label: 'Disconnect a WiFi session',
  inputSchema: [
    { name: 'session', type: 'text', required: true },
    { name: 'requestedBy', type: 'text' },
  ],
  retries: 3,
  handler: () => {
    throw new Error('Disconnect-Request is sent by the RADIUS service; this process has no CoA client')
  },
}
