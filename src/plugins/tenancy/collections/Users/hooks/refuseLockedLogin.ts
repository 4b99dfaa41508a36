import type { CollectionBeforeLoginHook } from 'payload'
import { APIError } from 'payload'

import { findLockedOrganizations, relationId } from '@/access'
import { isReservedEmail } from '@/lib/reservedEmails'

/**
 * Runs after the password was accepted, so these messages reveal nothing to someone guessing.
 * Suspended and deleted accounts, and members whose every organization is suspended or expired,
 * are turned away with a reason (super-admins are never locked out by an organization).
 */
export const refuseLockedLogin: CollectionBeforeLoginHook = async ({ user, req }) => {
  // Beacon's own accounts (Voucher guests, Unregistered devices) own many people's sessions.
  if (isReservedEmail(user.email)) throw new APIError('This account cannot sign in.', 403, null, true)
  if (user.status === 'SUSPENDED') {
    throw new APIError('This account is suspended. Contact your administrator.', 403, null, true)
  }
  if (user.status === 'DELETED') {
    throw new APIError('This account has been deleted.', 403, null, true)
  }
  if (user.isSuperAdmin) return user

  const organizationIds = [
    ...new Set(((user.memberships ?? []) as { organization?: unknown }[]).map((row) => relationId(row.organization))),
  ].filter((id): id is string => id !== null)
  if (organizationIds.length === 0) {
    throw new APIError('This account is not a member of any organization.', 403, null, true)
  }
  const locked = await findLockedOrganizations(req, organizationIds)
  if (locked.size === organizationIds.length) {
    throw new APIError(
      "Your organization's Beacon account is suspended or has expired. Contact your provider.",
      403,
      null,
      true,
    )
  }
  return user
}
