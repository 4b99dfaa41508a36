import { inWords } from '@/lib/words'

/**
 * An audit log action in words for the admin panel ("TICKET_UPDATE" → "Ticket updated"). The
 * stored action stays the code: it is sealed into the entry's hash (see chain.ts).
 */

/** The subjects of `auditAction` (hooks.ts), and of the actions recorded elsewhere, as people name them. */
const SUBJECT_WORDS: Record<string, string> = {
  ORGANIZATION: 'Organization',
  BRANCH: 'Branch',
  ROUTER: 'Router',
  PLAN: 'Plan',
  VOUCHER: 'Voucher',
  SESSION: 'WiFi session',
  ARCHIVED_SESSION: 'Archived WiFi session',
  PORTAL_CREDENTIAL: 'Portal sign-in',
  TICKET: 'Ticket',
  TICKET_COMMENT: 'Ticket reply',
  TIME_SESSION: 'Time entry',
  USER: 'User',
  CUSTOMER: 'Customer',
}

const OPERATION_WORDS: Record<string, string> = { CREATE: 'created', UPDATE: 'updated', DELETE: 'deleted' }

/** Actions that are not a create, update or delete of their subject. */
const ACTION_WORDS: Record<string, string> = {
  SESSION_FORCE_LOGOUT: 'WiFi session force-logged out',
  TIME_SESSION_STOP: 'Timer stopped',
  LOGIN_SESSION_REVOKE: 'Sign-in session ended',
  VOUCHER_BATCH_GENERATE: 'Voucher batch generated',
}

export function auditActionInWords(action: string): string {
  if (ACTION_WORDS[action]) return ACTION_WORDS[action]
  const match = /^(.+)_(CREATE|UPDATE|DELETE)$/.exec(action)
  if (!match) return inWords(action)
  const [, subject, operation] = match
  return `${SUBJECT_WORDS[subject] ?? inWords(subject)} ${OPERATION_WORDS[operation]}`
}
