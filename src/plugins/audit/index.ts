import type { CollectionConfig, Plugin } from 'payload'

import { AuditLogs, AUDIT_LOGS_SLUG } from './auditLogs'
import { auditChange, auditDelete } from './auditLogs/hooks'

export { AUDIT_LOGS_SLUG } from './auditLogs'

/** Collections whose rows are records of their own, not changes people make. */
const NOT_AUDITED = new Set([AUDIT_LOGS_SLUG])

function audited(collection: CollectionConfig): CollectionConfig {
  if (NOT_AUDITED.has(collection.slug)) return collection
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), auditChange],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), auditDelete],
    },
  }
}

/**
 * The audit log: every create, update and delete staff make in any collection, in a
 * tamper-evident, append-only table. Goes last among the plugins, so it sees every collection.
 */
export const auditPlugin =
  (): Plugin =>
  (config) => ({
    ...config,
    collections: [...(config.collections ?? []), AuditLogs].map(audited),
  })
