import config from '@payload-config'
import { headers as requestHeaders } from 'next/headers'
import { redirect } from 'next/navigation'
import { createLocalReq, getPayload, type PayloadRequest } from 'payload'
import { cache } from 'react'

import { type AccessContext, getAccessContext, grantsWith, type ID, isStaff, type Permission } from '@/access'
import type { Location, Organization, User } from '@/payload-types'

export type Branch = Pick<Location, 'id' | 'name'> & { timeZone: string }

/** The signed-in staff member a dashboard page works for, in their active organization. */
export type Staff = {
  req: PayloadRequest
  user: User
  context: AccessContext
  organization: Organization
  /** The branches they work in (all of the organization's for org-wide staff). */
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
  const { req, context } = await signedInPerson()
  if (!context.isSuperAdmin && !context.activeOrganization) redirect('/dashboard/login?reason=no-organization')
  if (!isStaff(context)) {
    // A customer here; staff, perhaps, in another of their organizations.
    redirect(context.allGrants.some((grant) => grant.role !== 'customer') ? '/dashboard/choose' : '/portal')
  }
  const organizationId = context.activeOrganization ?? null
  // A super-admin working across all organizations picks one first.
  if (!organizationId) redirect('/dashboard/choose')
  return staffIn(req, context, organizationId)
})

/** The dashboard's view of a signed-in staff member working in `organizationId`. */
export async function staffIn(req: PayloadRequest, context: AccessContext, organizationId: ID): Promise<Staff> {
  const organization = await req.payload.findByID({ collection: 'organizations', id: organizationId, depth: 0, req, overrideAccess: false })
  return { req, user: req.user as unknown as User, context, organization, branches: await readableBranches(req, context, organizationId) }
}

/** Whoever the request's Payload cookie signs in, with their access context; the sign-in page if nobody. */
export const signedInPerson = cache(async (): Promise<{ req: PayloadRequest; context: AccessContext }> => {
  const payload = await getPayload({ config })
  const headers = await requestHeaders()
  const { user } = await payload.auth({ headers })
  if (!user || user.collection !== 'users') redirect('/dashboard/login')
  const req = await createLocalReq({ user, req: { headers } }, payload)
  const context = await getAccessContext(req)
  if (!context.userId) redirect('/dashboard/login?reason=ended')
  return { req, context }
})

/**
 * The branches the person works in: every branch of the organization for org-wide staff, the
 * branches of their membership otherwise (as far as they may read them). What each page shows
 * of a branch is still up to that page's permission and Payload's access rules.
 */
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
  const grants = context.grants.filter((grant) => grant.organization === organizationId)
  const everywhere = context.isSuperAdmin || grants.some((grant) => grant.scope === 'organization')
  const mine = new Set(grants.flatMap((grant) => grant.locations))
  return docs
    .filter((branch) => everywhere || mine.has(String(branch.id)))
    .map((branch) => ({ id: String(branch.id), name: branch.name, timeZone: String(branch.timeZone ?? '') }))
}

/** Whether the person's role includes `permission` in the organization the dashboard shows. */
export function may(staff: Pick<Staff, 'context' | 'organization'>, permission: Permission): boolean {
  const organizationId = String(staff.organization.id)
  return staff.context.isSuperAdmin || grantsWith(staff.context, permission).some((grant) => grant.organization === organizationId)
}

/**
 * The organizations the person may switch the dashboard to, by name: where they are staff
 * (every organization for a super-admin). Empty when there is no choice to make.
 */
export async function switchableOrganizations(staff: Pick<Staff, 'req' | 'context'>): Promise<{ id: string; name: string }[]> {
  const { context } = staff
  const ids = context.isSuperAdmin ? null : [...new Set(context.allGrants.filter((grant) => grant.role !== 'customer').map((grant) => grant.organization))]
  if (ids && ids.length < 2 && context.activeOrganization && ids.includes(context.activeOrganization)) return []
  const { docs } = await staff.req.payload.find({
    collection: 'organizations',
    where: ids ? { id: { in: ids } } : {},
    sort: 'name',
    depth: 0,
    limit: ids ? ids.length : 500,
    pagination: false,
    overrideAccess: true,
    select: { name: true, branding: true },
  })
  return docs.map((organization) => ({ id: String(organization.id), name: organization.branding?.displayName || organization.name }))
}
