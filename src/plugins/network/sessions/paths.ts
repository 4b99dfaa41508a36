import type { TenantPaths } from '@/access'

/** Sessions belong to a branch, and to the customer using the device. */
export const SESSION_PATHS: TenantPaths = { organization: 'organization', location: 'location', owner: 'user' }
