import { macMatches, macOf } from '@/lib/signed'

/** The browser's CSRF cookie: random, set by `proxy.ts` on the first portal page it opens. */
export const CSRF_COOKIE = 'beacon-portal-csrf'
/** The same value, handed by `proxy.ts` to the page rendering in that first request. */
export const CSRF_REQUEST_HEADER = 'x-beacon-portal-csrf'

const CSRF_PURPOSE = 'beacon/portal-csrf/v1'

/** The hidden field a portal form carries: a MAC of the browser's CSRF cookie, which another site can neither read nor make. */
export const csrfTokenFor = (cookie: string) => macOf(CSRF_PURPOSE, cookie)

export function csrfTokenMatches(cookie: string | undefined, token: unknown): boolean {
  return Boolean(cookie) && typeof token === 'string' && token.length < 200 && macMatches(CSRF_PURPOSE, cookie!, token)
}

/** A voucher code the portal refused, kept for a minute so its box still holds it to correct (`actions.ts`). */
export const TYPED_CODE_COOKIE = 'beacon-portal-typed-code'
