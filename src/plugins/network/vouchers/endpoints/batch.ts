import type { Endpoint, PayloadRequest } from 'payload'

import { relationId } from '@/access'
import { notFound, unauthorized } from '@/http/errors'
import { type DateStyle, dateStyleOf, formatDateTime } from '@/lib/dates'
import { formatMoney } from '@/lib/format'
import type { Location, Organization, Plan, Voucher } from '@/payload-types'

import { vouchersToCsv } from '../csv'
import { formatValidity, renderVoucherSheet } from '../sheet'

const BATCH_ID = /^[0-9A-Za-z-]{1,40}$/

type Batch = {
  vouchers: Voucher[]
  plans: Map<string, Plan>
  organization: Organization
  location: Location | null
  dates: DateStyle
}

/**
 * The batch's vouchers the person may read, in code order, with their plan, organization and
 * branch. Access decides which vouchers are seen; what they point at is then read for them, so a
 * person who may read the codes also gets their plan's name and price. None seen: no such batch.
 */
async function loadBatch(req: PayloadRequest): Promise<Batch> {
  const batchId = String(req.routeParams?.batchId ?? '')
  if (!BATCH_ID.test(batchId)) throw notFound('No such voucher batch.')
  const { docs: vouchers } = await req.payload.find({
    collection: 'vouchers',
    where: { batchId: { equals: batchId } },
    depth: 0,
    pagination: false,
    sort: 'code',
    user: req.user,
    overrideAccess: false,
    req,
  })
  if (vouchers.length === 0) throw notFound('No such voucher batch.')
  const system = { depth: 0, overrideAccess: true, req } as const
  const planIds = [...new Set(vouchers.map((voucher) => relationId(voucher.plan)!))]
  const { docs: plans } = await req.payload.find({ collection: 'plans', where: { id: { in: planIds } }, pagination: false, ...system })
  const organization = await req.payload.findByID({ collection: 'organizations', id: relationId(vouchers[0].organization)!, ...system })
  const locationId = relationId(vouchers[0].location)
  const location = locationId ? await req.payload.findByID({ collection: 'locations', id: locationId, ...system }) : null
  return {
    vouchers,
    plans: new Map(plans.map((plan) => [String(plan.id), plan])),
    organization,
    location,
    // Dates as the organization writes them, in the branch's zone (the organization's for every branch).
    dates: dateStyleOf(organization, location?.timeZone),
  }
}

const dateTime = (value: string | null | undefined, dates: DateStyle) => (value ? formatDateTime(value, dates) : '')

/** `GET /api/vouchers/batches/:batchId/sheet`: the printable A4 sheet, one card per code. */
export const voucherBatchSheetEndpoint: Endpoint = {
  path: '/batches/:batchId/sheet',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw unauthorized()
    const { vouchers, plans, organization, location, dates } = await loadBatch(req)
    const html = renderVoucherSheet({
      organizationName: organization.branding?.displayName || organization.name,
      brandColor: organization.branding?.color,
      batchId: String(vouchers[0].batchId),
      location: location?.name ?? null,
      generatedAt: dateTime(vouchers[0].createdAt, dates),
      cards: vouchers.map((voucher) => {
        const plan = plans.get(relationId(voucher.plan)!)!
        return {
          code: voucher.code,
          planName: plan.name,
          price: formatMoney(plan.price, plan.currency),
          validity: formatValidity(plan.validityMinutes),
          validUntil: voucher.validUntil ? dateTime(voucher.validUntil, dates) : null,
        }
      }),
    })
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'private, no-store',
        // The sheet is self-contained: no scripts beyond its print button, nothing from elsewhere.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
      },
    })
  },
}

/** `GET /api/vouchers/batches/:batchId/csv`: the batch as a spreadsheet. */
export const voucherBatchCsvEndpoint: Endpoint = {
  path: '/batches/:batchId/csv',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw unauthorized()
    const { vouchers, plans, location, dates } = await loadBatch(req)
    const csv = vouchersToCsv(
      vouchers.map((voucher) => {
        const plan = plans.get(relationId(voucher.plan)!)!
        return {
          code: voucher.code,
          plan: plan.name,
          status: voucher.status,
          batchId: String(voucher.batchId),
          location: location?.name ?? '',
          price: formatMoney(plan.price, plan.currency),
          validUntil: dateTime(voucher.validUntil, dates),
          usedAt: dateTime(voucher.usedAt, dates),
        }
      }),
    )
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="vouchers-${vouchers[0].batchId}.csv"`,
        'cache-control': 'private, no-store',
      },
    })
  },
}
