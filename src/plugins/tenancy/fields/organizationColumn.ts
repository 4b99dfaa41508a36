import { createDataloaderCacheKey, type PayloadRequest, type TextField } from 'payload'

import { getAccessContext, relationId } from '@/access'

/** The one reader whose lists mix organizations: a super-admin working across all of them. */
async function worksAcrossOrganizations(req: PayloadRequest): Promise<boolean> {
  if (!req.user) return false
  const context = await getAccessContext(req)
  return context.isSuperAdmin && context.activeOrganization === null
}

/** The organization ids at `path` of a document (`organization`, or `memberships.organization`). */
function organizationIdsAt(doc: Record<string, unknown> | undefined, path: string): string[] {
  const [head, ...rest] = path.split('.')
  const value = doc?.[head]
  if (rest.length === 0) return [relationId(value)].filter((id): id is string => id !== null)
  const rows = Array.isArray(value) ? value : [value]
  return [...new Set(rows.flatMap((row) => organizationIdsAt(row as Record<string, unknown>, rest.join('.'))))]
}

/**
 * The "Organization" column of a tenant-owned list, for the super-admin working across all
 * organizations; everyone else reads one organization at a time and never gets the field, so
 * neither the column nor its lookups. Names are loaded through the request's data loader: one
 * query per list, not per row. Shown in lists only (it repeats the organization field in forms).
 */
export function organizationColumn(path = 'organization'): TextField {
  return {
    name: 'organizationName',
    label: path.includes('.') ? 'Organizations' : 'Organization',
    type: 'text',
    virtual: true,
    access: { read: ({ req }) => worksAcrossOrganizations(req) },
    admin: { readOnly: true, disableListFilter: true, condition: () => false },
    hooks: {
      afterRead: [
        async ({ req, data, overrideAccess }) => {
          // Reads by the system (Beacon's own lookups, among them those that work out who the
          // person is) have no list to show, and must not wait on the person's access.
          if (overrideAccess || !(await worksAcrossOrganizations(req))) return undefined
          const organizations = await Promise.all(
            organizationIdsAt(data, path).map((id) =>
              req.payloadDataLoader.load(
                // The key Payload's own virtual fields use (Beacon has no locales: both are unset).
                createDataloaderCacheKey({
                  collectionSlug: 'organizations',
                  currentDepth: 0,
                  depth: 0,
                  docID: id,
                  draft: false,
                  fallbackLocale: null,
                  locale: req.locale,
                  overrideAccess: true,
                  select: { name: true },
                  showHiddenFields: false,
                  transactionID: req.transactionID,
                } as Parameters<typeof createDataloaderCacheKey>[0]),
              ),
            ),
          )
          return organizations.map((organization) => (organization as { name?: string } | null)?.name ?? '').filter(Boolean).join(', ')
        },
      ],
    },
  }
}
