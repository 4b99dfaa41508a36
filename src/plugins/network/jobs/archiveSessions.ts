import type { TaskConfig } from 'payload'

import { purgeExpiredPortalCredentials } from '../portalCredentials/credentials'
import { archiveEndedSessions, archiveCutoff } from '../sessions/archive'

export const ARCHIVE_SESSIONS_TASK = 'archive-sessions'

/**
 * Nightly: moves sessions that ended more than the archive period ago to `archived-sessions`,
 * after removing the long-expired portal credentials that could still point at them.
 */
export const archiveSessionsTask: TaskConfig<{ input: object; output: { moved: number; purgedCredentials: number } }> = {
  slug: ARCHIVE_SESSIONS_TASK,
  label: 'Archive ended WiFi sessions',
  schedule: [{ cron: '0 30 2 * * *', queue: 'maintenance' }],
  retries: 2,
  handler: async ({ req }) => {
    const purgedCredentials = await purgeExpiredPortalCredentials(req.payload)
    const moved = await archiveEndedSessions(req.payload, { endedBefore: archiveCutoff() })
    return { output: { moved, purgedCredentials } }
  },
}
