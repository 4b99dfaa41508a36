import type { CollectionBeforeChangeHook } from 'payload'

import { badRequest } from '@/http/errors'
import { isReservedEmail, RESERVED_EMAIL_SUFFIX } from '@/lib/reservedEmails'

/**
 * Beacon's own accounts are found by their address: nobody may give a user such an address (and
 * so take over the sessions they own), their own address never changes, and they never get a
 * password (nobody signs in to them).
 */
export const reserveBeaconAddresses: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const before = typeof originalDoc?.email === 'string' ? originalDoc.email : undefined
  const after = typeof data.email === 'string' ? data.email : undefined
  if (data.password && isReservedEmail(before ?? after)) throw badRequest("Beacon's own accounts have no password: nobody signs in to them.")
  if (after === undefined || after.trim().toLowerCase() === before?.toLowerCase()) return data
  if (before !== undefined && isReservedEmail(before)) throw badRequest("This is one of Beacon's own accounts: its address cannot change.")
  if (isReservedEmail(after)) throw badRequest(`Addresses ending in ${RESERVED_EMAIL_SUFFIX} are Beacon's own; choose another.`)
  return data
}
