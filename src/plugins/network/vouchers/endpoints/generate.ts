import type { Endpoint } from 'payload'

import { generateVoucherBatch } from '../generateBatch'

/** `POST /api/vouchers/generate` `{ plan, count, location?, validUntil?, codeLength?, prefix? }`. */
export const generateVouchersEndpoint: Endpoint = {
  path: '/generate',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: 'Sign in first.' }] }, { status: 401 })
    const body = await req.json?.().catch(() => undefined)
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return Response.json({ errors: [{ message: 'Send a JSON object: { plan, count, location? }.' }] }, { status: 400 })
    }
    return Response.json(await generateVoucherBatch(req, body), { status: 201 })
  },
}
