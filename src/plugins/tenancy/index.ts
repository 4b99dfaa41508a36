import type { Plugin } from 'payload'

import { Locations } from './collections/Locations'
import { Organizations } from './collections/Organizations'
import { Users, USERS_SLUG } from './collections/Users'
import { forgotPasswordMutation } from './collections/Users/passwordReset'
import { scopeEditLocks } from './editLocks'

export { LOCATIONS_SLUG } from './collections/Locations'
export { ORGANIZATIONS_SLUG } from './collections/Organizations'
export { USERS_SLUG } from './collections/Users'
export { locationField } from './fields/locationField'
export { ipAddressField, macAddressField } from './fields/networkAddressFields'
export { organizationColumn } from './fields/organizationColumn'
export { organizationField } from './fields/organizationField'
export { secretField } from './fields/secretField'
export { activeOrganizationFilter } from './activeOrganization'
export { answerRefusedSignInOnTime } from './collections/Users/hooks/equalizeSignInTime'
export { enforceTenantScope } from './hooks/enforceTenantScope'
export { inheritFromOrganization } from './hooks/inheritFromOrganization'
export { type Reference, refuseDeleteWhileReferenced } from './hooks/refuseDeleteWhileReferenced'
export { requireSameOrganization } from './hooks/requireSameOrganization'
export { withDeleteGuards } from './hooks/withDeleteGuards'
export { namesKnownToStaff } from './knownNames'

/** Organizations, their branches and the people in them, with the admin panel's switcher. */
export const tenancyPlugin =
  (): Plugin =>
  (config) => ({
    ...config,
    collections: [...(config.collections ?? []), Organizations, Locations, Users],
    graphQL: {
      ...config.graphQL,
      mutations: (GraphQL, context) => ({ ...config.graphQL?.mutations?.(GraphQL, context), ...forgotPasswordMutation(GraphQL, context) }),
    },
    onInit: async (payload) => {
      await config.onInit?.(payload)
      scopeEditLocks(payload)
    },
    admin: {
      ...config.admin,
      user: USERS_SLUG,
      components: {
        ...config.admin?.components,
        // In the header, so it stays in reach when the navigation drawer is closed.
        actions: [
          ...(config.admin?.components?.actions ?? []),
          '/plugins/tenancy/components/OrganizationSwitcher#OrganizationSwitcher',
        ],
      },
    },
  })
