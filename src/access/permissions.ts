import type { Role } from './roles'

/**
 * Permissions are named `<collection>.<action>` for the collections' operations plus domain
 * actions. Collections join this list as the plugins that own them land. WiFi sessions are only
 * ever read by people: the system writes them (RADIUS accounting) and force-logout ends them.
 */
export const COLLECTION_ACTIONS = {
  organizations: ['create', 'read', 'update', 'delete'],
  locations: ['create', 'read', 'update', 'delete'],
  users: ['create', 'read', 'update', 'delete'],
  routers: ['create', 'read', 'update', 'delete'],
  plans: ['create', 'read', 'update', 'delete'],
  vouchers: ['create', 'read', 'update', 'delete'],
  sessions: ['read'],
  // Tickets are closed, never deleted: their numbers run without gaps and time is booked on them.
  tickets: ['create', 'read', 'update'],
  // Written only by the audit hooks; read by org-admins for their organization.
  auditLogs: ['read'],
  // Login sessions and tenant-context changes: written by Beacon itself, read by org-admins.
  sessionLogs: ['read'],
  contextChanges: ['read'],
} as const satisfies Record<string, readonly CrudAction[]>

export const CRUD_ACTIONS = ['create', 'read', 'update', 'delete'] as const

export type PermissionCollection = keyof typeof COLLECTION_ACTIONS
export type CrudAction = (typeof CRUD_ACTIONS)[number]
export type CrudPermission = {
  [C in PermissionCollection]: `${C}.${(typeof COLLECTION_ACTIONS)[C][number]}`
}[PermissionCollection]

export const DOMAIN_PERMISSIONS = [
  'sessions.forceLogout',
  'vouchers.generate',
  // Time tracking: `track` books one's own time on tickets; `viewTeam` reads everyone's in reach
  // (seed 002: supervisors and admins); `adjustTeam` adds corrections to other people's entries.
  'timeSessions.track',
  'timeSessions.viewTeam',
  'timeSessions.adjustTeam',
  // Ending other people's login sessions (everyone may end their own).
  'sessionLogs.revoke',
] as const
export type DomainPermission = (typeof DOMAIN_PERMISSIONS)[number]

export type Permission = CrudPermission | DomainPermission

export const ALL_PERMISSIONS: readonly Permission[] = [
  ...Object.entries(COLLECTION_ACTIONS).flatMap(([collection, actions]) =>
    actions.map((action) => `${collection}.${action}` as CrudPermission),
  ),
  ...DOMAIN_PERMISSIONS,
]

/** Each permission as the admin panel offers it in a user's overrides: what it lets the person do. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'organizations.create': 'Create organizations',
  'organizations.read': 'See organizations',
  'organizations.update': 'Change organizations',
  'organizations.delete': 'Delete organizations',
  'locations.create': 'Add branches',
  'locations.read': 'See branches',
  'locations.update': 'Change branches',
  'locations.delete': 'Delete branches',
  'users.create': 'Add users',
  'users.read': 'See users',
  'users.update': 'Change users',
  'users.delete': 'Delete users',
  'routers.create': 'Add routers',
  'routers.read': 'See routers',
  'routers.update': 'Change routers',
  'routers.delete': 'Delete routers',
  'plans.create': 'Add plans',
  'plans.read': 'See plans',
  'plans.update': 'Change plans',
  'plans.delete': 'Delete plans',
  'vouchers.create': 'Add vouchers',
  'vouchers.read': 'See vouchers',
  'vouchers.update': 'Change vouchers',
  'vouchers.delete': 'Delete vouchers',
  'sessions.read': 'See WiFi sessions',
  'tickets.create': 'Open tickets',
  'tickets.read': 'See tickets',
  'tickets.update': 'Work on tickets',
  'auditLogs.read': 'See the audit log',
  'sessionLogs.read': 'See session logs (sign-ins)',
  'contextChanges.read': 'See context changes (organization switches)',
  'sessions.forceLogout': 'Force-logout WiFi sessions',
  'vouchers.generate': 'Generate voucher batches',
  'timeSessions.track': 'Book own time on tickets',
  'timeSessions.viewTeam': "See the team's time",
  'timeSessions.adjustTeam': "Correct the team's time",
  'sessionLogs.revoke': "End other people's sign-in sessions",
}

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
    'routers.create',
    'routers.read',
    'routers.update',
    'routers.delete',
    'plans.create',
    'plans.read',
    'plans.update',
    'plans.delete',
    'vouchers.create',
    'vouchers.read',
    'vouchers.update',
    'vouchers.delete',
    'sessions.read',
    'sessions.forceLogout',
    'vouchers.generate',
    'tickets.create',
    'tickets.read',
    'tickets.update',
    'timeSessions.track',
    'timeSessions.viewTeam',
    'timeSessions.adjustTeam',
    'auditLogs.read',
    'sessionLogs.read',
    'sessionLogs.revoke',
    'contextChanges.read',
  ],
  'loc-manager': [
    'organizations.read',
    'locations.read',
    'locations.update',
    'users.create',
    'users.read',
    'users.update',
    'routers.read',
    'plans.read',
    'vouchers.create',
    'vouchers.read',
    'vouchers.update',
    'sessions.read',
    'sessions.forceLogout',
    'vouchers.generate',
    'tickets.create',
    'tickets.read',
    'tickets.update',
    'timeSessions.track',
    'timeSessions.viewTeam',
    'timeSessions.adjustTeam',
  ],
  // Seed 000 shows WiFi sessions to managers and customers only, and voucher codes are worth
  // money: of the roles below only supervisors (who run the front desk) read vouchers, and none
  // reads sessions unless a permission is added for them. Routers, whose settings decide which
  // packets Beacon trusts, are changed by org-admins alone.
  supervisor: [
    'organizations.read',
    'locations.read',
    'users.read',
    'routers.read',
    'plans.read',
    'vouchers.read',
    'tickets.create',
    'tickets.read',
    'tickets.update',
    'timeSessions.track',
    'timeSessions.viewTeam',
    'timeSessions.adjustTeam',
  ],
  agent: [
    'organizations.read',
    'locations.read',
    'users.read',
    'routers.read',
    'plans.read',
    'tickets.create',
    'tickets.read',
    'tickets.update',
    'timeSessions.track',
  ],
  viewer: ['organizations.read', 'locations.read', 'users.read', 'routers.read', 'plans.read', 'tickets.read'],
  // Customers reach their own user record through the self rule of the users collection, their
  // own WiFi sessions through `sessions.read` and the tickets they opened through `tickets.*`,
  // which the self scope limits to them.
  customer: ['sessions.read', 'tickets.create', 'tickets.read'],
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
