import type { CollectionConfig, Field, Plugin } from 'payload'

import { AuditLogs, AUDIT_LOGS_SLUG } from './auditLogs'
import { auditHooks } from './auditLogs/hooks'
import { auditRetentionField } from './auditLogs/retention'
import { ContextChanges, CONTEXT_CHANGES_SLUG } from './contextChanges'
import { closeEndedSessionLogsTask } from './jobs/closeEndedSessionLogs'
import { pruneAuditLogsTask } from './jobs/pruneAuditLogs'
import { SessionLogs, SESSION_LOGS_SLUG } from './sessionLogs'
import {
  limitSignInsPerAddress,
  noteReplacedSession,
  recordFailedGraphQLLogin,
  recordFailedLogin,
  recordLogin,
  recordLogout,
  recordRefresh,
  refuseEndedSessionRefresh,
} from './sessionLogs/hooks'

export { AUDIT_LOGS_SLUG } from './auditLogs'
export { CONTEXT_CHANGES_SLUG } from './contextChanges'
export { SESSION_LOGS_SLUG } from './sessionLogs'

/** Collections whose rows are records of their own, not changes people make. */
const NOT_AUDITED = new Set([AUDIT_LOGS_SLUG, SESSION_LOGS_SLUG, CONTEXT_CHANGES_SLUG])

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

/** "Where you're signed in" on a user's page (one's own account, or an org-admin's people). */
const signedInSessionsField: Field = {
  name: 'signedInSessions',
  type: 'ui',
  admin: { components: { Field: '/plugins/audit/components/SignedInSessionsField#SignedInSessionsField' } },
}

/** Five wrong passwords in a row lock an account for 15 minutes, unless a collection says otherwise. */
const DEFAULT_LOCKOUT = { maxLoginAttempts: 5, lockTime: 15 * 60 * 1000 }

/** Every auth collection logs its sign-ins, sign-outs and failed attempts, and locks out guessers. */
export function withSessionLogs(collection: CollectionConfig): CollectionConfig {
  if (!collection.auth) return collection
  const hooks = collection.hooks ?? {}
  const auth = collection.auth === true ? {} : collection.auth
  return {
    ...collection,
    fields: [...collection.fields, signedInSessionsField],
    auth: {
      ...auth,
      maxLoginAttempts: auth.maxLoginAttempts || DEFAULT_LOCKOUT.maxLoginAttempts,
      lockTime: auth.lockTime || DEFAULT_LOCKOUT.lockTime,
    },
    hooks: {
      ...hooks,
      beforeOperation: [limitSignInsPerAddress, refuseEndedSessionRefresh, ...(hooks.beforeOperation ?? []), noteReplacedSession],
      afterLogin: [...(hooks.afterLogin ?? []), recordLogin],
      afterLogout: [...(hooks.afterLogout ?? []), recordLogout],
      afterRefresh: [...(hooks.afterRefresh ?? []), recordRefresh],
      afterError: [...(hooks.afterError ?? []), recordFailedLogin],
    },
  }
}

/**
 * The audit plugin, last among the plugins so it sees every collection:
 * - `audit-logs`: every create, update and delete staff make in any collection, in a
 *   tamper-evident, append-only table kept for each organization's retention (the nightly
 *   `prune-audit-logs` job, on the `maintenance` queue the web app works);
 * - `session-logs`: sign-ins, sign-outs and failed attempts of every auth collection, closed by
 *   the `close-ended-session-logs` job when a session lapses;
 * - `context-changes`: the tenant context's changes (see `src/access/tenantContext.ts`).
 */
export const auditPlugin =
  (): Plugin =>
  (config) => ({
    ...config,
    collections: [...(config.collections ?? []), AuditLogs, SessionLogs, ContextChanges].map(audited).map(withSessionLogs),
    jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), pruneAuditLogsTask, closeEndedSessionLogsTask] },
    hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), recordFailedGraphQLLogin] },
  })
