import type { Role } from './roles'

/**
 * Permissions are named `<collection>.<action>` for the collections' CRUD operations plus domain
 * actions. Collections join this list as the plugins that own them land.
 */
export const PERMISSION_COLLECTIONS = ['organizations', 'locations', 'users'] as const
export const CRUD_ACTIONS = ['create', 'read', 'update', 'delete'] as const

export type PermissionCollection = (typeof PERMISSION_COLLECTIONS)[number]
export type CrudAction = (typeof CRUD_ACTIONS)[number]
export type CrudPermission = `${PermissionCollection}.${CrudAction}`

export const DOMAIN_PERMISSIONS = [
  'sessions.forceLogout',
  'vouchers.generate',
  'timeSessions.viewTeam',
] as const
export type DomainPermission = (typeof DOMAIN_PERMISSIONS)[number]

export type Permission = CrudPermission | DomainPermission

export const ALL_PERMISSIONS: readonly Permission[] = [
  ...PERMISSION_COLLECTIONS.flatMap((collection) =>
    CRUD_ACTIONS.map((action) => `${collection}.${action}` as CrudPermission),
  ),
  ...DOMAIN_PERMISSIONS,
]

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (ALL_PERMISSIONS as readonly string[]).includes(value)
}

/**
 * What each role may do by default, inside the scope its membership gives it (see `scopeOf`).
 * Creating and deleting organizations, and hard-deleting users, belong to super-admins alone:
 * deleting a user is done by setting their status to DELETED.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  'org-admin': [
    'organizations.read',
    'organizations.update',
    'locations.create',
    'locations.read',
    'locations.update',
    'locations.delete',
    'users.create',
    'users.read',
    'users.update',
    'sessions.forceLogout',
    'vouchers.generate',
    'timeSessions.viewTeam',
  ],
  'loc-manager': [
    'organizations.read',
    'locations.read',
    'locations.update',
    'users.create',
    'users.read',
    'users.update',
    'sessions.forceLogout',
    'vouchers.generate',
    'timeSessions.viewTeam',
  ],
  supervisor: ['organizations.read', 'locations.read', 'users.read', 'timeSessions.viewTeam'],
  agent: ['organizations.read', 'locations.read', 'users.read'],
  viewer: ['organizations.read', 'locations.read', 'users.read'],
  // Customers reach their own user record through the self rule of the users collection.
  customer: [],
}

export function effectivePermissions(
  role: Role,
  added: readonly string[] | null | undefined,
  removed: readonly string[] | null | undefined,
): Set<Permission> {
  const result = new Set<Permission>(ROLE_PERMISSIONS[role])
  for (const permission of added ?? []) if (isPermission(permission)) result.add(permission)
  for (const permission of removed ?? []) if (isPermission(permission)) result.delete(permission)
  return result
}
