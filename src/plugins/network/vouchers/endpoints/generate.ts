import type { Endpoint } from 'payload'

import { unauthorized } from '@/http/errors'
import { jsonBodyOf } from '@/lib/jsonBody'

import { generateVoucherBatch } from '../generateBatch'

/** `POST /api/vouchers/generate` `{ plan, count, location?, validUntil?, codeLength?, prefix? }`. */
export const generateVouchersEndpoint: Endpoint = {
  path: '/generate',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw unauthorized()
    const body = await jsonBodyOf(req, '{ plan, count, location? }')
    return Response.json(await generateVoucherBatch(req, body), { status: 201 })
  },
}
