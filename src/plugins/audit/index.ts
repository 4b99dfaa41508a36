import type { CollectionConfig, Plugin } from 'payload'

import { AuditLogs, AUDIT_LOGS_SLUG } from './auditLogs'
import { auditHooks } from './auditLogs/hooks'
import { auditRetentionField } from './auditLogs/retention'
import { pruneAuditLogsTask } from './jobs/pruneAuditLogs'

export { AUDIT_LOGS_SLUG } from './auditLogs'

/** Collections whose rows are records of their own, not changes people make. */
const NOT_AUDITED = new Set([AUDIT_LOGS_SLUG])

function audited(collection: CollectionConfig): CollectionConfig {
  if (NOT_AUDITED.has(collection.slug)) return collection
  const { afterChange, afterDelete } = auditHooks(collection.fields)
  return {
    ...collection,
    fields: collection.slug === 'organizations' ? [...collection.fields, auditRetentionField] : collection.fields,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), afterChange],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), afterDelete],
    },
  }
}

/**
 * The audit log: every create, update and delete staff make in any collection, in a
 * tamper-evident, append-only table kept for each organization's retention (the nightly
 * `prune-audit-logs` job, on the `maintenance` queue the web app works). Goes last among the
 * plugins, so it sees every collection.
 */
export const auditPlugin =
  (): Plugin =>
  (config) => ({
    ...config,
    collections: [...(config.collections ?? []), AuditLogs].map(audited),
    jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), pruneAuditLogsTask] },
  })
