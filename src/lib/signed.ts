import { createHmac, timingSafeEqual } from 'node:crypto'

import { derivedKey } from './secrets'

/** The key for one purpose (`beacon/portal-device/v1`), derived from PAYLOAD_SECRET. */
function keyFor(purpose: string, masterSecret = process.env.PAYLOAD_SECRET): Buffer {
  if (!masterSecret) throw new Error('PAYLOAD_SECRET is not set: nothing can be signed or checked')
  return derivedKey(purpose, masterSecret)
}

/** HMAC-SHA256 of `text` under the purpose's key, base64url. */
export function macOf(purpose: string, text: string): string {
  return createHmac('sha256', keyFor(purpose)).update(text, 'utf8').digest('base64url')
}

/** Whether `mac` is `text`'s MAC under the purpose's key, compared in constant time. */
export function macMatches(purpose: string, text: string, mac: string): boolean {
  const expected = Buffer.from(macOf(purpose, text), 'utf8')
  const given = Buffer.from(mac, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * A value a client keeps (in a cookie) and cannot change: `<base64url JSON>.<MAC>`, with an
 * expiry inside. Not encrypted: put nothing secret in it.
 */
export function signValue(purpose: string, value: unknown, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify({ v: value, exp: Math.floor(expiresAt.getTime() / 1000) }), 'utf8').toString('base64url')
  return `${body}.${macOf(purpose, body)}`
}

/** The value of a token `signValue` made for this purpose, or null if it was changed, is malformed or has expired. */
export function readSigned<T>(purpose: string, token: string | undefined | null, now = new Date()): T | null {
  if (!token || token.length > 4096) return null
  const dot = token.indexOf('.')
  if (dot < 1) return null
  const body = token.slice(0, dot)
  if (!macMatches(purpose, body, token.slice(dot + 1))) return null
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { v: T; exp: number }
    if (typeof parsed.exp !== 'number' || parsed.exp * 1000 <= now.getTime()) return null
    return parsed.v
  } catch {
    return null
  }
}
