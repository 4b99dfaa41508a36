import type { Endpoint, PayloadRequest } from 'payload'

import { getAccessContext, grantsWith } from '@/access'
import { badRequest, forbidden, notFound, unauthorized } from '@/http/errors'
import { toCsv } from '@/lib/csv'
import { dayRange } from '@/lib/days'
import { isUuid } from '@/lib/ids'

import { activeOrganization } from '../../../tenancy/activeOrganization'
import { verifyAuditChain } from '../verify'

/**
 * The organization whose audit log is asked for (`?organization=`, else the one the person works
 * in): org-admins (`auditLogs.read`) their own, super-admins any.
 */
async function auditedOrganization(req: PayloadRequest) {
  const context = await getAccessContext(req)
  if (!context.userId) throw unauthorized()
  const readable = grantsWith(context, 'auditLogs.read').filter((grant) => grant.scope === 'organization')
  if (!context.isSuperAdmin && readable.length === 0) throw forbidden('Only organization admins read the audit log.')
  const id = req.searchParams?.get('organization') ?? (await activeOrganization(req))
  if (!id) throw badRequest('Choose an organization: ?organization=<id>, or switch to one.')
  if (!isUuid(id) || (!context.isSuperAdmin && !readable.some((grant) => grant.organization === id))) throw notFound('No such organization.')
  const organization = await req.payload.findByID({ collection: 'organizations', id, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (!organization) throw notFound('No such organization.')
  return organization
}

const EXPORT_COLUMNS = ['created_at', 'sequence', 'action', 'actor', 'actor_name', 'target_type', 'target_id', 'changes', 'hash'] as const

/** `GET /api/audit-logs/verify` and `GET /api/audit-logs/export`. */
export const auditLogEndpoints: Endpoint[] = [
  {
    path: '/verify',
    method: 'get',
    handler: async (req) => {
      const organization = await auditedOrganization(req)
      return Response.json(await verifyAuditChain(req.payload, String(organization.id)))
    },
  },
  {
    path: '/export',
    method: 'get',
    handler: async (req) => {
      const organization = await auditedOrganization(req)
      const params = req.searchParams ?? new URLSearchParams()
      const format = params.get('format') ?? 'csv'
      if (format !== 'csv' && format !== 'json') throw badRequest('format is csv or json.')
      const range = dayRange(params.get('from'), params.get('to'), organization.timeZone, 366)
      if ('error' in range) throw badRequest(range.error)
      const { docs } = await req.payload.find({
        collection: 'audit-logs',
        where: {
          and: [
            { organization: { equals: organization.id } },
            { createdAt: { greater_than_equal: range.start.toISOString() } },
            { createdAt: { less_than: range.end.toISOString() } },
          ],
        },
        sort: 'sequence',
        pagination: false,
        depth: 0,
        user: req.user,
        overrideAccess: false,
        req,
      })
      const name = `audit-${organization.slug}-${params.get('from')}-to-${params.get('to')}.${format}`.replace(/[^\w.-]/g, '_')
      const headers = { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' }
      if (format === 'json') return Response.json(docs, { headers })
      const rows = docs.map((doc) => [
        doc.createdAt,
        doc.sequence,
        doc.action,
        String(doc.actor ?? ''),
        doc.actorName ?? '',
        doc.targetType,
        doc.targetId,
        JSON.stringify(doc.changes ?? {}),
        doc.hash,
      ])
      return new Response(toCsv(EXPORT_COLUMNS, rows), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } })
    },
  },
]
