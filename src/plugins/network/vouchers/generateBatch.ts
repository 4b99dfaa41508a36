import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import { getAccessContext, grantsWith, relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { badRequest, forbidden } from '@/http/errors'
import { recordStaffAction } from '@/plugins/audit/auditLogs/hooks'

import { generateVoucherCodes, validateVoucherOptions, VoucherOptionsError } from './codes'

export const MAX_VOUCHER_BATCH = 10_000

export type VoucherBatchRequest = {
  plan?: unknown
  count?: unknown
  location?: unknown
  validUntil?: unknown
  codeLength?: unknown
  prefix?: unknown
}

export type VoucherBatch = {
  batchId: string
  count: number
  organization: string
  plan: string
  location: string | null
  validUntil: string | null
  sheetUrl: string
  csvUrl: string
}

/** Batch ids sort by day and are unguessable enough not to enumerate: `20261122-7QK3MZ`. */
function newBatchId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '')
  return `${day}-${randomBytes(4).toString('hex').toUpperCase()}`
}

function parseRequest(input: VoucherBatchRequest) {
  if (typeof input.plan !== 'string' || input.plan.length === 0) throw badRequest('Choose a plan (plan: its id).')
  const count = input.count
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_VOUCHER_BATCH) {
    throw badRequest(`Count must be a whole number from 1 to ${MAX_VOUCHER_BATCH.toLocaleString('en')}.`)
  }
  if (input.location != null && (typeof input.location !== 'string' || input.location.length === 0)) {
    throw badRequest('Location must be the id of a branch, or left out.')
  }
  let validUntil: Date | null = null
  if (input.validUntil != null && input.validUntil !== '') {
    validUntil = typeof input.validUntil === 'string' ? new Date(input.validUntil) : new Date(NaN)
    if (Number.isNaN(validUntil.getTime())) throw badRequest('Valid until must be a date (ISO 8601).')
    if (validUntil.getTime() <= Date.now()) throw badRequest('Valid until must be in the future.')
  }
  let options
  try {
    options = validateVoucherOptions({ length: input.codeLength, prefix: input.prefix })
  } catch (error) {
    if (error instanceof VoucherOptionsError) throw badRequest(error.message)
    throw error
  }
  return { plan: input.plan, count, location: (input.location as string | null | undefined) ?? null, validUntil, options }
}

/**
 * Generates `count` AVAILABLE vouchers for a plan in one transaction: all of them or none. The
 * person needs `vouchers.generate` in the plan's organization; a branch manager must name one of
 * their branches. Codes are drawn at random and any that clash with the organization's existing
 * codes are drawn again.
 */
export async function generateVoucherBatch(req: PayloadRequest, input: VoucherBatchRequest): Promise<VoucherBatch> {
  const { payload } = req
  const request = parseRequest(input)
  const context = await getAccessContext(req)
  const grants = grantsWith(context, 'vouchers.generate')
  if (!context.isSuperAdmin && grants.length === 0) throw forbidden('You are not allowed to generate vouchers.')

  const plan = await payload.findByID({ collection: 'plans', id: request.plan, depth: 0, overrideAccess: true, req, disableErrors: true })
  const organization = relationId(plan?.organization)
  const grantsHere = grants.filter((grant) => grant.organization === organization && grant.scope !== 'self')
  if (!plan || !organization || (!context.isSuperAdmin && grantsHere.length === 0)) {
    throw forbidden('That plan is not one of your organization’s plans.')
  }
  if (!plan.active) throw badRequest(`The plan “${plan.name}” is not active.`)

  if (request.location) {
    const location = await payload.findByID({
      collection: 'locations',
      id: request.location,
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
    })
    if (!location || relationId(location.organization) !== organization) {
      throw badRequest('The branch is not a branch of the plan’s organization.')
    }
  }
  const reachesWholeOrganization = context.isSuperAdmin || grantsHere.some((grant) => grant.scope === 'organization')
  if (!reachesWholeOrganization) {
    const ownBranches = grantsHere.flatMap((grant) => grant.locations)
    if (!request.location) throw forbidden('Choose one of your branches: you can generate vouchers for your branches only.')
    if (!ownBranches.includes(request.location)) throw forbidden('You can generate vouchers for your own branches only.')
  }

  const batchId = newBatchId(new Date())
  const ownsTransaction = await initTransaction(req)
  try {
    const db = await drizzleFor(payload, req)
    let inserted = 0
    // A clash with an existing code is rare (49 bits at the default length); redraw the missing ones.
    for (let round = 0; inserted < request.count; round++) {
      if (round === 5) throw new Error('Could not find unused voucher codes; use a longer code length')
      const codes = generateVoucherCodes(request.count - inserted, request.options)
      const result = await db.execute(sql`
        insert into vouchers (organization_id, location_id, plan_id, code, status, batch_id, valid_until, updated_at, created_at)
        select ${organization}::uuid, ${request.location}::uuid, ${plan.id}::uuid, code, 'AVAILABLE', ${batchId},
               ${request.validUntil?.toISOString() ?? null}::timestamptz, now(), now()
        from unnest(${sql.param(codes)}::text[]) as code
        on conflict (organization_id, code) do nothing
        returning code`)
      inserted += rowsOf(result).length
    }
    // One row for the batch: the bulk insert passes no Payload hooks, and one row per code would bury the log.
    await recordStaffAction(req, {
      organization,
      action: 'VOUCHER_BATCH_GENERATE',
      targetType: 'vouchers',
      targetId: batchId,
      changes: {
        batchId: { from: null, to: batchId },
        count: { from: null, to: request.count },
        plan: { from: null, to: String(plan.id) },
        location: { from: null, to: request.location ?? null },
        validUntil: { from: null, to: request.validUntil?.toISOString() ?? null },
      },
    })
    if (ownsTransaction) await commitTransaction(req)
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
  payload.logger.info({ organization, plan: plan.id, batchId, count: request.count, by: context.userId }, 'Voucher batch generated')
  const base = `/api/vouchers/batches/${batchId}`
  return {
    batchId,
    count: request.count,
    organization,
    plan: String(plan.id),
    location: request.location,
    validUntil: request.validUntil?.toISOString() ?? null,
    sheetUrl: `${base}/sheet`,
    csvUrl: `${base}/csv`,
  }
}
