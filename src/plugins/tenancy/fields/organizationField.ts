import type { RelationshipField } from 'payload'

import { relationId } from '@/access'
import { badRequest } from '@/http/errors'

import { activeOrganization } from '../activeOrganization'

/**
 * The tenant link every organization-owned document carries. It defaults to the organization the
 * user works in; which organizations a person may put there is enforced by `enforceTenantScope`.
 * It never changes after creation: a document that moved would keep links (a branch, a plan) into
 * the organization it left.
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
    hooks: {
      beforeChange: [
        ({ operation, previousValue, value }) => {
          if (operation === 'update' && value !== undefined && previousValue && relationId(value) !== relationId(previousValue)) {
            throw badRequest('A document cannot move to another organization; create it there instead.')
          }
          return value
        },
      ],
    },
    ...overrides,
  } as RelationshipField
}
