import type { PayloadRequest } from 'payload'

import { badRequest } from '@/http/errors'

/** A custom endpoint's JSON object body; anything else is a 400 that says what to send (`shape`). */
export async function jsonBodyOf(req: PayloadRequest, shape: string): Promise<Record<string, unknown>> {
  const body = await req.json?.().catch(() => undefined)
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`Send a JSON object: ${shape}.`)
  return body as Record<string, unknown>
}
