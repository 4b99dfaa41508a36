import { sql } from '@payloadcms/db-postgres'
import { type Endpoint, parseCookies } from 'payload'

import { LOCKED_ORGANIZATION_STATUSES } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { requestIp } from '@/lib/clientIp'
import { isUuid } from '@/lib/ids'
import { publicBaseUrl } from '@/lib/publicUrl'

import { allowanceAtRouter, allowanceOfSession, type DeviceAllowance } from './allowance'
import { DEVICE_COOKIE, readDeviceTicket } from './deviceTicket'

/** RFC 8908 §5: the API's media type. */
export const CAPTIVE_JSON = 'application/captive+json'

/** RFC 8908 §5's fields, as Beacon fills them. */
export type CaptivePortalState = {
  captive: boolean
  'user-portal-url': string
  'venue-info-url': string
  'can-extend-session'?: boolean
  'seconds-remaining'?: number
  'bytes-remaining'?: number
}

type RouterRow = { id: string; organization_id: string; slug: string; status: string; location_id: string }

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    // The answer is about one device, now: nothing may cache it (RFC 8908 §5 leaves this to HTTP).
    headers: { 'content-type': CAPTIVE_JSON, 'cache-control': 'private, no-store' },
  })

/** Whether the router has let the device in (Accounting-Start came) and its allowance still runs. */
export const isOnline = (allowance: DeviceAllowance | null): allowance is DeviceAllowance =>
  Boolean(allowance?.live) && allowance!.session.status === 'active' && allowance!.secondsLeft !== 0 && allowance!.bytesLeft !== 0

/**
 * The state of the asking device (RFC 8908 §5), given what Beacon knows: whether it is still
 * captive, where it signs in, and while it is online how long and how much it has left.
 * `can-extend-session`: signing in again at the portal continues it (a customer's subscription
 * that runs past this period); a voucher's time cannot be extended.
 */
export function captivePortalState(
  allowance: DeviceAllowance | null,
  urls: { portal: string; status: string; venue: string },
  { locked }: { locked: boolean },
): CaptivePortalState {
  if (!isOnline(allowance) || locked) return { captive: true, 'user-portal-url': urls.portal, 'venue-info-url': urls.venue }
  const state: CaptivePortalState = {
    captive: false,
    'user-portal-url': urls.status,
    'venue-info-url': urls.venue,
    'can-extend-session': allowance.renewable,
  }
  if (allowance.secondsLeft !== null) state['seconds-remaining'] = allowance.secondsLeft
  if (allowance.bytesLeft !== null) state['bytes-remaining'] = allowance.bytesLeft
  return state
}

/**
 * `GET /api/captive-portal/<router id>` (or `?router=<router id>`): the Captive Portal API (RFC
 * 8908) for devices behind that router, whose DHCP server announces this URL in option 114 (RFC
 * 8910). The device is found by its open session at the router with the request's address, or by
 * the portal's cookie in the browser that signed it in. Nobody signs in to ask; the answer says
 * nothing about anyone but the device asking.
 */
const answerCaptivePortal: Endpoint['handler'] = async (req) => {
  const routerId = String(req.routeParams?.router ?? req.searchParams.get('router') ?? '')
  if (!isUuid(routerId)) {
    return answer(
      { errors: [{ message: 'Name the router: /api/captive-portal/<router id>, the URL its DHCP option 114 announces.' }] },
      400,
    )
  }
  const db = await drizzleFor(req.payload)
  const [router] = rowsOf<RouterRow>(
    await db.execute(sql`
        select r.id, r.organization_id, o.slug, o.status, r.location_id
        from routers r join organizations o on o.id = r.organization_id where r.id = ${routerId}`),
  )
  if (!router) return answer({ errors: [{ message: 'No such router.' }] }, 404)

  const now = new Date()
  const ticket = readDeviceTicket(parseCookies(req.headers).get(DEVICE_COOKIE), now)
  const ip = requestIp(req.headers)
  const fromCookie =
    ticket && ticket.organization === router.organization_id
      ? await allowanceOfSession(req.payload, { session: ticket.session, organization: router.organization_id, now })
      : null
  const allowance = isOnline(fromCookie) ? fromCookie : ip ? await allowanceAtRouter(req.payload, { router: router.id, ip, now }) : null

  const portal = `${publicBaseUrl(req.url)}/portal/${router.slug}/${router.location_id}`
  const state = captivePortalState(
    allowance,
    { portal, status: `${portal}/status`, venue: `${portal}/plans` },
    { locked: (LOCKED_ORGANIZATION_STATUSES as readonly string[]).includes(router.status) },
  )
  return answer(state)
}

export const captivePortalEndpoints: Endpoint[] = [
  { path: '/captive-portal', method: 'get', handler: answerCaptivePortal },
  { path: '/captive-portal/:router', method: 'get', handler: answerCaptivePortal },
]
