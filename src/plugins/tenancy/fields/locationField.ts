import type { RelationshipField } from 'payload'

import { relationId } from '@/access'

/**
 * The branch a document belongs to. The picker offers the branches of the document's
 * organization; `requireSameOrganization` refuses a branch of another organization with a clear
 * message, and `enforceTenantScope` a branch outside a manager's own.
 */
export function locationField(overrides: Partial<RelationshipField> = {}): RelationshipField {
  return {
    name: 'location',
    label: 'Branch',
    type: 'relationship',
    relationTo: 'locations',
    required: true,
    index: true,
    filterOptions: ({ data }) => {
      const organization = relationId(data?.organization)
      return organization ? { organization: { equals: organization } } : true
    },
    admin: { position: 'sidebar' },
    ...overrides,
  } as RelationshipField
}
