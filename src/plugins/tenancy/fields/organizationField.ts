import type { RelationshipField } from 'payload'

import { activeOrganization } from '../activeOrganization'

/**
 * The tenant link every organization-owned document carries. It defaults to the organization the
 * user works in; which organizations a person may put there is enforced by `enforceTenantScope`.
 */
export function organizationField(overrides: Partial<RelationshipField> = {}): RelationshipField {
  return {
    name: 'organization',
    type: 'relationship',
    relationTo: 'organizations',
    required: true,
    index: true,
    defaultValue: async ({ req }) => (req ? ((await activeOrganization(req)) ?? undefined) : undefined),
    admin: { position: 'sidebar' },
    ...overrides,
  } as RelationshipField
}
