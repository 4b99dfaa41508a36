import type { TaskConfig } from 'payload'

import { routerControl } from '../control'
import { TERMINATE_CAUSES, type TerminateCause } from '../sessions/fields'
import { DISCONNECT_SESSION_TASK } from '../sessions/forceLogout'

/**
 * Tells a session's router to disconnect the device (RFC 5176 Disconnect-Request, the RouterOS
 * API when that fails) and ends the session with `cause`. Queued by force-logout (Admin-Reset)
 * and by accounting when a data cap is reached (Data-Cap), on the `radius` queue, which only the
 * RADIUS service works through. The router's answer is recorded on the session.
 */
export const disconnectSessionTask: TaskConfig<{
  input: { session: string; requestedBy?: string; cause?: string }
  output: { outcome: string; errorCause?: string }
}> = {
  slug: DISCONNECT_SESSION_TASK,
  label: 'Disconnect a WiFi session',
  inputSchema: [
    { name: 'session', type: 'text', required: true },
    { name: 'requestedBy', type: 'text' },
    { name: 'cause', type: 'text' },
  ],
  outputSchema: [
    { name: 'outcome', type: 'text', required: true },
    { name: 'errorCause', type: 'text' },
  ],
  retries: 3,
  handler: async ({ input }) => {
    const cause: TerminateCause = (TERMINATE_CAUSES as readonly string[]).includes(input.cause ?? '') ? (input.cause as TerminateCause) : 'Admin-Reset'
    const result = await routerControl().disconnect(input.session, cause)
    // No answer: the job runs again (and the outcome on the session says so meanwhile).
    if (result.outcome === 'failed') throw new Error(`The router did not answer the Disconnect-Request for session ${input.session}`)
    return { output: { outcome: result.outcome, errorCause: result.errorCause ?? undefined } }
  },
}
