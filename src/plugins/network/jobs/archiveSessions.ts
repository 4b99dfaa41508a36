import type { TaskConfig } from 'payload'

import { archiveEndedSessions, archiveCutoff } from '../sessions/archive'

export const ARCHIVE_SESSIONS_TASK = 'archive-sessions'

/** Moves sessions that ended more than the archive period ago to `archived-sessions`, nightly. */
export const archiveSessionsTask: TaskConfig<{ input: object; output: { moved: number } }> = {
  slug: ARCHIVE_SESSIONS_TASK,
  label: 'Archive ended WiFi sessions',
  schedule: [{ cron: '0 30 2 * * *', queue: 'maintenance' }],
  retries: 2,
  handler: async ({ req }) => {
    const moved = await archiveEndedSessions(req.payload, { endedBefore: archiveCutoff() })
    return { output: { moved } }
  },
}
