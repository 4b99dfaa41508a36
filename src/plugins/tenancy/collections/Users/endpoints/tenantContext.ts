import type { CollectionAfterChangeHook, Endpoint, PayloadRequest } from 'payload'

import { type AccessContext, changeActiveOrganization, getAccessContext, recordContextChange, relationId } from '@/access'
import { systemRequestIn } from '@/db/transaction'
import { badRequest, forbidden, notFound, unauthorized } from '@/http/errors'
import { requestIp } from '@/lib/clientIp'
import { isUuid } from '@/lib/ids'
import { jsonBodyOf } from '@/lib/jsonBody'

import { ORGANIZATIONS_SLUG } from '../../Organizations'

type OrganizationOption = { id: string; name: string; role: string | null }

/** The tenant context as the person's client needs it: where they are and where they may go. */
async function describeContext(req: PayloadRequest, context: AccessContext) {
  const ids = context.isSuperAdmin ? null : [...context.organizations]
  const { docs } = await req.payload.find({
    collection: ORGANIZATIONS_SLUG,
    where: ids ? { id: { in: ids } } : {},
    depth: 0,
    limit: ids ? ids.length : 500,
    pagination: false,
    sort: 'name',
    overrideAccess: true,
    select: { name: true },
  })
  const memberships = ((req.user as { memberships?: { organization?: unknown; role?: string }[] } | null)?.memberships ?? [])
  const roleIn = (organization: string) => memberships.find((row) => relationId(row.organization) === organization)?.role ?? null
  const organizations: OrganizationOption[] = docs.map((doc) => ({ id: String(doc.id), name: String(doc.name), role: roleIn(String(doc.id)) }))
  return {
    activeOrganization: context.activeOrganization,
    defaultOrganization: relationId((req.user as { defaultOrganization?: unknown } | null)?.defaultOrganization),
    isSuperAdmin: context.isSuperAdmin,
    organizations,
  }
}

async function signedIn(req: PayloadRequest): Promise<AccessContext> {
  const context = await getAccessContext(req)
  if (!context.userId) throw unauthorized()
  if (!context.isSuperAdmin && context.activeOrganization === null) {
    throw forbidden('You no longer have access to any organization in Beacon. Ask an administrator to add you to one.')
  }
  return context
}

/**
 * `GET /api/users/context`: the organization this login session works in and the ones it may
 * switch to. `POST /api/users/switch-organization` `{ organization }` moves the session to
 * another organization the person belongs to (super-admins: any, or `null` for all). The move
 * is logged as SWITCH_TENANT; asking for one's current organization changes and logs nothing.
 */
export const tenantContextEndpoints: Endpoint[] = [
  {
    path: '/context',
    method: 'get',
    handler: async (req) => Response.json(await describeContext(req, await signedIn(req))),
  },
  {
    path: '/switch-organization',
    method: 'post',
    handler: async (req) => {
      const context = await signedIn(req)
      const body = await jsonBodyOf(req, '{ organization }')
      const target = body.organization ?? null
      if (target !== null && (typeof target !== 'string' || !isUuid(target))) throw badRequest('organization must be an organization id.')
      if (target === null && !context.isSuperAdmin) throw badRequest('Choose an organization: send { organization: <id> }.')
      if (context.isSuperAdmin && target) {
        const exists = await req.payload.count({ collection: ORGANIZATIONS_SLUG, where: { id: { equals: target } }, overrideAccess: true })
        if (exists.totalDocs === 0) throw notFound('No such organization.')
      }
      if (!context.isSuperAdmin && !context.organizations.includes(target as string)) {
        throw forbidden('You can only work in organizations you are an active member of.')
      }
      if (!context.sessionLogId) throw badRequest('Switching needs a login session: sign in through /api/users/login first.')

      const ip = requestIp(req.headers)
      const activeOrganization = await changeActiveOrganization(await systemRequestIn(req), context.sessionLogId, (current) =>
        current === target
          ? null
          : { user: context.userId!, event: 'SWITCH_TENANT', to: target as string | null, reason: 'switched', ip, platformOwner: context.isSuperAdmin },
      )
      return Response.json(await describeContext(req, { ...context, activeOrganization }))
    },
  },
]

/** A change of someone's default organization is its own context event (SET_DEFAULT_TENANT). */
export const recordDefaultOrganizationChange: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update') return doc
  const from = relationId(previousDoc?.defaultOrganization)
  const to = relationId(doc.defaultOrganization)
  if (from === to) return doc
  const changedBy = relationId(req.user?.id)
  await recordContextChange(await systemRequestIn(req), {
    user: String(doc.id),
    event: 'SET_DEFAULT_TENANT',
    from,
    to,
    reason: 'default organization changed',
    ip: requestIp(req.headers),
    changedBy,
    platformOwner: Boolean(doc.isSuperAdmin),
  })
  return doc
}
