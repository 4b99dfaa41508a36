import type { Endpoint, PayloadRequest } from 'payload'

import { notFound } from '@/access'
import type { Location, Organization, Plan, Voucher } from '@/payload-types'

import { vouchersToCsv } from '../csv'
import { formatValidity, renderVoucherSheet } from '../sheet'

const BATCH_ID = /^[0-9A-Za-z-]{1,40}$/

type LoadedVoucher = Voucher & { plan: Plan; organization: Organization; location?: Location | null }

/** The batch's vouchers the person may read, oldest first; none means no such batch for them. */
async function loadBatch(req: PayloadRequest): Promise<LoadedVoucher[]> {
  const batchId = String(req.routeParams?.batchId ?? '')
  if (!BATCH_ID.test(batchId)) throw notFound('No such voucher batch.')
  const { docs } = await req.payload.find({
    collection: 'vouchers',
    where: { batchId: { equals: batchId } },
    depth: 1,
    pagination: false,
    sort: 'createdAt',
    user: req.user,
    overrideAccess: false,
    req,
  })
  if (docs.length === 0) throw notFound('No such voucher batch.')
  return docs as LoadedVoucher[]
}

function money(amount: number, currency: string | null | undefined): string {
  if (!currency) return amount.toFixed(2)
  return new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'code' }).format(amount)
}

const dateTime = (value: string | null | undefined, timeZone: string) =>
  value ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value)) : ''

const unauthorized = () => Response.json({ errors: [{ message: 'Sign in first.' }] }, { status: 401 })

/** `GET /api/vouchers/batches/:batchId/sheet`: the printable A4 sheet, one card per code. */
export const voucherBatchSheetEndpoint: Endpoint = {
  path: '/batches/:batchId/sheet',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    const vouchers = await loadBatch(req)
    const { organization, location } = vouchers[0]
    const timeZone = location?.timeZone ?? organization.timeZone
    const html = renderVoucherSheet({
      organizationName: organization.branding?.displayName || organization.name,
      brandColor: organization.branding?.color,
      batchId: String(vouchers[0].batchId),
      location: location?.name ?? null,
      generatedAt: dateTime(vouchers[0].createdAt, timeZone),
      cards: vouchers.map((voucher) => ({
        code: voucher.code,
        planName: voucher.plan.name,
        price: money(voucher.plan.price, voucher.plan.currency),
        validity: formatValidity(voucher.plan.validityMinutes),
        validUntil: voucher.validUntil ? dateTime(voucher.validUntil, timeZone) : null,
      })),
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
    if (!req.user) return unauthorized()
    const vouchers = await loadBatch(req)
    const timeZone = vouchers[0].location?.timeZone ?? vouchers[0].organization.timeZone
    const csv = vouchersToCsv(
      vouchers.map((voucher) => ({
        code: voucher.code,
        plan: voucher.plan.name,
        status: voucher.status,
        batchId: String(voucher.batchId),
        location: voucher.location?.name ?? '',
        price: money(voucher.plan.price, voucher.plan.currency),
        validUntil: dateTime(voucher.validUntil, timeZone),
        usedAt: dateTime(voucher.usedAt, timeZone),
      })),
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
