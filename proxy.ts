import { type NextRequest, NextResponse } from 'next/server'

import { CSRF_COOKIE, CSRF_REQUEST_HEADER } from '@/portal/tokens'

/**
 * The captive portal's forms carry a token made from a random cookie of the browser's own
 * (`src/portal/tokens.ts`). Pages cannot set cookies while they render, so the first portal
 * request of a browser gets the cookie here, and the page rendering in that same request reads
 * it from a request header.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.get(CSRF_COOKIE)?.value) return NextResponse.next()
  const value = crypto.randomUUID()
  const headers = new Headers(request.headers)
  headers.set(CSRF_REQUEST_HEADER, value)
  const response = NextResponse.next({ request: { headers } })
  response.cookies.set(CSRF_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/portal',
    secure: process.env.BEACON_PUBLIC_URL?.startsWith('https://') ?? false,
  })
  return response
}

export const config = { matcher: ['/portal/:path*'] }
