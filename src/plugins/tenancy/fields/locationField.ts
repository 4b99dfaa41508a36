import type { RelationshipField } from 'payload'

import { relationId } from '@/access'

/** The branch a document belongs to; the admin panel offers only the document's organization's. */
export function locationField(overrides: Partial<RelationshipField> = {}): RelationshipField {
  return {
    name: 'location',
    type: 'relationship',
    relationTo: 'locations',
    index: true,
    filterOptions: ({ data }) => {
      const organization = relationId(data?.organization)
      return organization ? { organization: { equals: organization } } : true
    },
    admin: { position: 'sidebar' },
    ...overrides,
  } as RelationshipField
}
