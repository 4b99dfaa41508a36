import type { PayloadRequest, Where } from 'payload'

import { getAccessContext, type ID } from '@/access'

/**
 * The organization a user works in when they belong to several. In this first version the
 * admin panel's switcher keeps it in a cookie, which is only a hint: it narrows lists to one
 * organization the user really belongs to and never widens access.
 */
export const ACTIVE_ORGANIZATION_COOKIE = 'beacon-organization'

export function requestedOrganization(req: Pick<PayloadRequest, 'headers'>): ID | null {
  const cookie = req.headers?.get('cookie')
  if (!cookie) return null
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === ACTIVE_ORGANIZATION_COOKIE) {
      const value = decodeURIComponent(rest.join('='))
      return /^[0-9a-f-]{36}$/i.test(value) ? value : null
    }
  }
  return null
}

/** The organization to work in: the requested one if the user may, else their only one. */
export async function activeOrganization(req: PayloadRequest): Promise<ID | null> {
  const context = await getAccessContext(req)
  const requested = requestedOrganization(req)
  const memberOf = [...new Set(context.grants.map((grant) => grant.organization))]
  if (requested && (context.isSuperAdmin || memberOf.includes(requested))) return requested
  return memberOf.length === 1 ? memberOf[0] : null
}

/** An admin list filter that shows the active organization's documents only. */
export const activeOrganizationFilter =
  (path: string) =>
  async ({ req }: { req: PayloadRequest }): Promise<Where | null> => {
    const organization = await activeOrganization(req)
    return organization ? { [path]: { equals: organization } } : null
  }
