import type { CollectionBeforeChangeHook } from 'payload'

import { OPEN_SESSION_STATUSES, type SessionStatus } from '../fields'

/**
 * A session that ends always gets an end time (its last accounting, else now), so reports can
 * rely on it and the archive job, which goes by `endedAt`, eventually moves it.
 */
export const stampEndedAt: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const status = (data.status ?? originalDoc?.status) as SessionStatus | undefined
  if (!status || OPEN_SESSION_STATUSES.includes(status)) return data
  if (data.endedAt ?? originalDoc?.endedAt) return data
  return { ...data, endedAt: data.lastAccountingAt ?? originalDoc?.lastAccountingAt ?? new Date().toISOString() }
}
