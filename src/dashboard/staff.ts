import config from '@payload-config'
import { headers as requestHeaders } from 'next/headers'
import { redirect } from 'next/navigation'
import { createLocalReq, getPayload, type PayloadRequest } from 'payload'
import { cache } from 'react'

import { type AccessContext, getAccessContext, grantsWith, type ID, isStaff } from '@/access'
import type { Location, Organization, User } from '@/payload-types'

export type Branch = Pick<Location, 'id' | 'name'> & { timeZone: string }

/** The signed-in staff member a dashboard page works for, in their active organization. */
export type Staff = {
  req: PayloadRequest
  user: User
  context: AccessContext
  organization: Organization
  /** The branches whose WiFi sessions they may read (all of the organization's for org-wide staff). */
  branches: Branch[]
}

/**
 * The dashboard's person: the same Payload sign-in as the admin panel (its cookie), checked on
 * every page. Nobody signed in → the dashboard's sign-in page; a customer → the captive portal;
 * staff with no organization left → the sign-in page with the reason. Every read a page makes
 * goes through `staff.req` with `overrideAccess: false`, so Payload's access rules and the
 * tenant context apply as they do over the API.
 */
export const requireStaff = cache(async (): Promise<Staff> => {
  const payload = await getPayload({ config })
  const headers = await requestHeaders()
  const { user } = await payload.auth({ headers })
  if (!user || user.collection !== 'users') redirect('/dashboard/login')
  const req = await createLocalReq({ user, req: { headers } }, payload)
  const context = await getAccessContext(req)
  if (!context.userId) redirect('/dashboard/login?reason=ended')
  if (!isStaff(context)) {
    if (context.allGrants.length > 0 && context.allGrants.every((grant) => grant.role === 'customer')) redirect('/portal')
    if (!context.isSuperAdmin && !context.activeOrganization) redirect('/dashboard/login?reason=no-organization')
  }
  const organizationId = context.activeOrganization ?? null
  if (!organizationId) redirect('/admin')
  const organization = await payload.findByID({ collection: 'organizations', id: organizationId, depth: 0, req, overrideAccess: false })
  return { req, user: user as User, context, organization, branches: await readableBranches(req, context, organizationId) }
})

async function readableBranches(req: PayloadRequest, context: AccessContext, organizationId: ID): Promise<Branch[]> {
  const { docs } = await req.payload.find({
    collection: 'locations',
    where: { organization: { equals: organizationId } },
    sort: 'name',
    depth: 0,
    limit: 500,
    pagination: false,
    req,
    overrideAccess: false,
  })
  // Branch managers read their own branches' sessions; org-wide staff every branch.
  const scoped = grantsWith(context, 'sessions.read').filter((grant) => grant.organization === organizationId)
  const everywhere = context.isSuperAdmin || scoped.some((grant) => grant.scope === 'organization')
  const mine = new Set(scoped.flatMap((grant) => grant.locations))
  return docs
    .filter((branch) => everywhere || mine.has(String(branch.id)))
    .map((branch) => ({ id: String(branch.id), name: branch.name, timeZone: String(branch.timeZone ?? '') }))
}
