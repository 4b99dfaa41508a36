import { ForceLogoutField as ForceLogoutField_a9e75675911991b74e0dd38e1d37c193 } from '../../../src/plugins/network/sessions/components/ForceLogoutField'
import { OrganizationSwitcher as OrganizationSwitcher_a611db98bdafcac9c8b5df1f5dcc848f } from '../../../src/plugins/tenancy/components/OrganizationSwitcher'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/plugins/network/sessions/components/ForceLogoutField#ForceLogoutField": ForceLogoutField_a9e75675911991b74e0dd38e1d37c193,
  "/plugins/tenancy/components/OrganizationSwitcher#OrganizationSwitcher": OrganizationSwitcher_a611db98bdafcac9c8b5df1f5dcc848f,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
