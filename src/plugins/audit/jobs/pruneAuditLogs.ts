import type { TaskConfig } from 'payload'

import { pruneAuditLogs } from '../auditLogs/retention'

export const PRUNE_AUDIT_LOGS_TASK = 'prune-audit-logs'

/** Nightly, in the web app: audit entries older than their organization's retention are removed. */
export const pruneAuditLogsTask: TaskConfig<{ input: object; output: { removed: number } }> = {
  slug: PRUNE_AUDIT_LOGS_TASK,
  label: 'Prune the audit log',
  schedule: [{ cron: '0 10 3 * * *', queue: 'maintenance' }],
  retries: 2,
  handler: async ({ req }) => ({ output: { removed: await pruneAuditLogs(req.payload) } }),
}
