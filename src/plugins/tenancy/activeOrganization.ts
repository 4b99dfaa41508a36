import type { PayloadRequest, Where } from 'payload'

import { getAccessContext, type ID } from '@/access'

/**
 * The organization the request runs in: the login session's tenant context, validated on this
 * request (see `src/access/tenantContext.ts`). `null` for a super-admin working across all.
 */
export async function activeOrganization(req: PayloadRequest): Promise<ID | null> {
  return (await getAccessContext(req)).activeOrganization
}

/** An admin list filter that shows the active organization's documents only. */
export const activeOrganizationFilter =
  (path: string) =>
  async ({ req }: { req: PayloadRequest }): Promise<Where | null> => {
    const organization = await activeOrganization(req)
    return organization ? { [path]: { equals: organization } } : null
  }
