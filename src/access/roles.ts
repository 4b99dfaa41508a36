/** The roles a membership can carry, from most to least powerful inside an organization. */
export const ROLES = ['org-admin', 'loc-manager', 'supervisor', 'agent', 'viewer', 'customer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  'org-admin': 'Organization admin',
  'loc-manager': 'Branch manager',
  supervisor: 'Supervisor',
  agent: 'Agent',
  viewer: 'Viewer (read-only)',
  customer: 'Customer',
}

/** A user may grant a role only up to their own rank in the same organization. */
export const ROLE_RANK: Record<Role, number> = {
  'org-admin': 50,
  'loc-manager': 40,
  supervisor: 30,
  agent: 20,
  viewer: 10,
  customer: 0,
}

/**
 * How far a membership reaches:
 * - `organization`: every document of the organization;
 * - `branch`: documents of the membership's locations (and the organization's own record);
 * - `self`: only the user's own records.
 * Staff roles other than org-admin are narrowed to their branches when the membership lists any.
 */
export type Scope = 'organization' | 'branch' | 'self'

export function scopeOf(role: Role, locationCount: number): Scope {
  switch (role) {
    case 'org-admin':
      return 'organization'
    case 'loc-manager':
      return 'branch'
    case 'customer':
      return 'self'
    default:
      return locationCount > 0 ? 'branch' : 'organization'
  }
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
