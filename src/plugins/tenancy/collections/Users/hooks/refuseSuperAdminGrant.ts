import type { CollectionBeforeOperationHook } from 'payload'

import { getAccessContext } from '@/access'
import { forbidden } from '@/http/errors'

/**
 * Only a super-admin makes another super-admin. Field access would silently drop the value; an
 * attempt deserves a clear refusal instead, so it is checked on the raw request data.
 */
export const refuseSuperAdminGrant: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!req.user || data?.isSuperAdmin !== true) return args
  const context = await getAccessContext(req)
  if (!context.isSuperAdmin) throw forbidden('Only a super-admin can make someone a super-admin.')
  return args
}
