import config from '@payload-config'
import { type NextRequest, NextResponse } from 'next/server'
import { APIError, getPayload, type Payload } from 'payload'

import { isUuid } from '@/lib/ids'
import { addressBlock, CLIENT_IP_HEADER, requestIp } from '@/lib/clientIp'
import { FailureWindow } from '@/lib/failureWindow'
import { publicBaseUrl, secureCookies, trustedBaseUrl } from '@/lib/publicUrl'
import { richTextFromPlain } from '@/lib/richText'
import { DEVICE_COOKIE, signDeviceTicket } from '@/plugins/network/captivePortal/deviceTicket'

import { type Connection, connectCustomer, connectWithVoucher } from './connect'
import { portalCustomer, registerCustomer, type SignIn, signInCustomer, signOutCustomer } from './customers'
import { handoffPage } from './handoff'
import { type Hotspot, type HotspotQuery, readHotspot, routerLoginFields } from './hotspot'
import { attemptKeysOf, attemptSucceeded, beginAttempt } from './limits'
import { resetCustomerPassword, sendPasswordResetLink } from './passwordReset'
import { findPortalPlace, portalPath, type PortalPlace } from './place'
import { CSRF_COOKIE, csrfTokenMatches, TYPED_CODE_COOKIE } from './tokens'

/** The portal's forms are a few short fields; anything larger is not one of them. */
const MAX_FORM_BYTES = 16 * 1024

/** Accounts made per client address (a venue may share one): 30 an hour. */
const signUps = new FailureWindow(30, 60 * 60_000)

/** How long after answering "Forgot password" the link is made and sent. */
const RESET_SENT_AFTER_MS = 500

/** Password-reset emails asked for per client address: 10 an hour. */
const resetRequests = new FailureWindow(10, 60 * 60_000)

type Action = {
  /** The page the form is on, where problems are shown. */
  page: string
  run: (step: Step) => Promise<NextResponse>
}

/** One form post being answered. */
type Step = {
  payload: Payload
  request: NextRequest
  place: PortalPlace
  form: URLSearchParams
  /** The hotspot's variables the form carried, when it came from one. */
  hotspot: Hotspot | null
  query: HotspotQuery | null
  ip: string | null
  /** A 303 to one of the branch's portal pages, keeping the hotspot's variables, with `extra` in the query. */
  back: (page: string, extra?: Record<string, string>) => NextResponse
}

const text = (form: URLSearchParams, name: string, max = 500) => (form.get(name) ?? '').slice(0, max)

/**
 * Hands the device to its router: the page that posts its one-time credentials to the router's
 * login URL, and the cookie with which this browser finds the device's status afterwards.
 */
function handoff(step: Step, connection: Extract<Connection, { outcome: 'connect' }>, response?: { setCookies?: string[] }): NextResponse {
  const { place, hotspot } = step
  const status = `${publicBaseUrl(step.request.url)}${portalPath(place, 'status')}`
  const html = handoffPage({
    action: hotspot!.loginUrl,
    fields: routerLoginFields(hotspot!, connection.credentials, status),
    title: place.organization.name,
    color: place.organization.color,
  })
  const answer = new NextResponse(html, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  })
  // The status page stays readable for a day after the allowance ends.
  const expires = new Date(connection.session.expiresAt.getTime() + 24 * 3600_000)
  const ticket = { session: connection.session.id, organization: place.organization.id, mac: hotspot!.mac, logoutUrl: hotspot!.logoutUrl }
  answer.cookies.set(DEVICE_COOKIE, signDeviceTicket(ticket, expires), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires,
    secure: secureCookies(),
  })
  for (const cookie of response?.setCookies ?? []) answer.headers.append('set-cookie', cookie)
  return answer
}

/**
 * A customer just signed in: their new session works in this organization (a customer of
 * several starts in their default one), then their device goes online when the hotspot sent
 * them, else they see their account.
 */
async function afterSignIn(step: Step, signedIn: Extract<SignIn, { outcome: 'signed-in' }>): Promise<NextResponse> {
  const { cookie, token } = signedIn
  const customer = String(signedIn.user.id)
  // Only the new session's cookie (and who is asking): no Authorization or Origin of the form's request.
  const headers = new Headers({ cookie: `${step.payload.config.cookiePrefix}-token=${token}` })
  for (const name of [CLIENT_IP_HEADER, 'user-agent']) {
    const value = step.request.headers.get(name)
    if (value) headers.set(name, value)
  }
  await portalCustomer(step.payload, headers, step.place.organization.id, { switchHere: true })
  if (!step.hotspot) return withCookie(step.back('sessions'), cookie)
  const connection = await connectCustomer(step.payload, { place: step.place, hotspot: step.hotspot, customer })
  if (connection.outcome === 'refused') return withCookie(step.back('status', { problem: connection.reason }), cookie)
  return handoff(step, connection, { setCookies: [cookie] })
}

/**
 * Keeps a refused voucher code for the next render of the page it was typed on, so the box still
 * holds it to correct (a cookie for a minute, not the address, where it would sit in logs and
 * history); clears it once a code worked.
 */
function keepTypedCode(step: Step, response: NextResponse, code: string | null): NextResponse {
  const options = { httpOnly: true, sameSite: 'lax' as const, path: portalPath(step.place), secure: secureCookies() }
  if (code) response.cookies.set(TYPED_CODE_COOKIE, code, { ...options, maxAge: 60 })
  else response.cookies.set(TYPED_CODE_COOKIE, '', { ...options, maxAge: 0 })
  return response
}

const withCookie = (response: NextResponse, cookie: string) => {
  response.headers.append('set-cookie', cookie)
  return response
}

const ACTIONS: Record<string, Action> = {
  /** A voucher code for the device the hotspot sent. */
  voucher: {
    page: '',
    run: async (step) => {
      if (!step.hotspot) return step.back('', { problem: 'no-hotspot' })
      const keys = attemptKeysOf({ organization: step.place.organization.id, mac: step.hotspot.mac, ip: step.ip })
      const limited = beginAttempt(keys)
      if (limited) return keepTypedCode(step, step.back('', { problem: 'too-many', wait: String(limited.waitMinutes) }), text(step.form, 'code', 100))
      const code = text(step.form, 'code', 100)
      const connection = await connectWithVoucher(step.payload, { place: step.place, hotspot: step.hotspot, code })
      if (connection.outcome === 'refused') return keepTypedCode(step, step.back('', { problem: connection.reason }), code)
      attemptSucceeded(keys)
      return keepTypedCode(step, handoff(step, connection), null)
    },
  },

  /** A customer's account: email, phone or username, and password. */
  signin: {
    page: 'signin',
    run: async (step) => {
      const keys = attemptKeysOf({ organization: step.place.organization.id, mac: step.hotspot?.mac ?? null, ip: step.ip })
      const limited = beginAttempt(keys)
      if (limited) return step.back('signin', { problem: 'too-many', wait: String(limited.waitMinutes) })
      const result = await signInCustomer(step.payload, {
        organization: step.place.organization.id,
        login: text(step.form, 'login', 254),
        password: text(step.form, 'password', 200),
        headers: step.request.headers,
      })
      if (result.outcome === 'refused') return step.back('signin', { problem: result.reason })
      attemptSucceeded(keys)
      return afterSignIn(step, result)
    },
  },

  /** A new account: name, email or phone, password; then signed in as above. */
  signup: {
    page: 'signup',
    run: async (step) => {
      const name = text(step.form, 'name', 200)
      const contact = text(step.form, 'contact', 254)
      const key = step.ip ? addressBlock(step.ip, 48) : 'unknown'
      if (signUps.exhausted(key)) return step.back('signup', { problem: 'too-many-signups' })
      signUps.fail(key)
      const registered = await registerCustomer(step.payload, step.place.organization.id, {
        name,
        contact,
        password: text(step.form, 'password', 201),
      })
      // What was typed is not sent back in the address (it would sit in logs and history).
      if (registered.outcome === 'refused') return step.back('signup', { problem: registered.problem })
      const result = await signInCustomer(step.payload, {
        organization: step.place.organization.id,
        login: registered.email,
        password: text(step.form, 'password', 201),
        headers: step.request.headers,
      })
      if (result.outcome === 'refused') return step.back('signin', { problem: result.reason })
      return afterSignIn(step, result)
    },
  },

  /** A signed-in customer puts the device the hotspot sent online. */
  connect: {
    page: 'status',
    run: async (step) => {
      const customer = await portalCustomer(step.payload, step.request.headers, step.place.organization.id, { switchHere: true })
      if (!customer) return step.back('signin', { problem: 'sign-in-first' })
      if (!step.hotspot) return step.back('status', { problem: 'no-hotspot' })
      const connection = await connectCustomer(step.payload, {
        place: step.place,
        hotspot: step.hotspot,
        customer: String(customer.user.id),
      })
      if (connection.outcome === 'refused') return step.back('status', { problem: connection.reason })
      return handoff(step, connection)
    },
  },

  /** "Forgot password": a link to choose a new one, by email; the same answer whether an account exists or not. */
  forgot: {
    page: 'forgot',
    run: async (step) => {
      const email = text(step.form, 'email', 254).trim()
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) return step.back('forgot', { problem: 'reset-email' })
      const key = step.ip ? addressBlock(step.ip, 48) : 'unknown'
      if (resetRequests.exhausted(key)) return step.back('forgot', { problem: 'too-many-resets' })
      resetRequests.fail(key)
      // A link with a secret in it points at Beacon's own address, never at the Host the request names.
      const base = trustedBaseUrl()
      const { place } = step
      // After the answer, not waited for: it comes as fast whether or not the address has an
      // account here, and the work for one does not compete with it.
      setTimeout(() => {
        sendPasswordResetLink(step.payload, {
          organization: place.organization.id,
          organizationName: place.organization.name,
          email,
          resetPage: (token) => `${base}${portalPath(place, 'reset')}?${new URLSearchParams({ token })}`,
        }).catch((error: unknown) => step.payload.logger.error({ err: error, organization: place.organization.id }, 'Sending a password-reset link failed'))
      }, RESET_SENT_AFTER_MS)
      return step.back('forgot', { sent: '1' })
    },
  },

  /** A new password from a reset link; then the customer signs in with it. */
  reset: {
    page: 'reset',
    run: async (step) => {
      const token = text(step.form, 'token', 200)
      const outcome = await resetCustomerPassword(step.payload, { token, password: text(step.form, 'password', 201) })
      if (outcome === 'changed') return step.back('signin', { reset: 'done' })
      // The token goes back only to the same page's form, as it came (never a problem code's words).
      return step.back(outcome === 'reset-password' ? 'reset' : 'forgot', outcome === 'reset-password' ? { problem: outcome, token } : { problem: outcome })
    },
  },

  signout: {
    page: '',
    run: async (step) => withCookie(step.back(''), await signOutCustomer(step.payload, step.request.headers)),
  },

  /** A customer opens a support ticket at this branch. */
  ticket: {
    page: 'tickets',
    run: async (step) => {
      const customer = await portalCustomer(step.payload, step.request.headers, step.place.organization.id, { switchHere: true })
      if (!customer) return step.back('signin', { problem: 'sign-in-first' })
      const title = (step.form.get('title') ?? '').trim()
      const description = (step.form.get('description') ?? '').trim()
      if (!title || title.length > 200 || description.length > 5_000) return step.back('tickets', { problem: 'ticket-title' })
      const ticket = await step.payload.create({
        collection: 'tickets',
        data: {
          organization: step.place.organization.id,
          location: step.place.location.id,
          title,
          priority: 'normal',
          ...(description ? { description: richTextFromPlain(description) } : {}),
          // Its number, status and time are the helpdesk's to set.
        } as never,
        req: customer.req,
        overrideAccess: false,
        depth: 0,
      })
      return step.back(`tickets/${ticket.id}`)
    },
  },

  /** A customer replies on one of their tickets. */
  reply: {
    page: 'tickets',
    run: async (step) => {
      const customer = await portalCustomer(step.payload, step.request.headers, step.place.organization.id, { switchHere: true })
      if (!customer) return step.back('signin', { problem: 'sign-in-first' })
      const ticket = step.form.get('ticket') ?? ''
      if (!isUuid(ticket)) return step.back('tickets')
      const body = (step.form.get('body') ?? '').trim()
      if (!body || body.length > 5_000) return step.back(`tickets/${ticket}`, { problem: 'reply-empty' })
      try {
        await step.payload.create({
          collection: 'ticket-comments',
          data: { ticket, body } as never,
          req: customer.req,
          overrideAccess: false,
          depth: 0,
        })
      } catch (error) {
        if (error instanceof APIError && error.status === 409) return step.back(`tickets/${ticket}`, { problem: 'ticket-closed' })
        if (error instanceof APIError && (error.status === 403 || error.status === 404)) return step.back('tickets')
        throw error
      }
      return step.back(`tickets/${ticket}`)
    },
  },
}

/** A form's fields as text (a file field is nobody's portal form). */
async function formOf(request: NextRequest): Promise<URLSearchParams | null> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > MAX_FORM_BYTES) return null
  try {
    const form = await request.formData()
    const fields = new URLSearchParams()
    for (const [name, value] of form.entries()) {
      if (typeof value !== 'string') return null
      fields.append(name, value)
    }
    return fields
  } catch {
    return null
  }
}

/**
 * A form posted from another site's page, as its browser says (`Origin`, compared with the host
 * the request was sent to or BEACON_PUBLIC_URL's); the CSRF token catches the rest.
 */
function crossSite(request: NextRequest): boolean {
  const origin = request.headers.get('origin')
  if (!origin || origin === 'null') return false
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return true
  }
  return host !== request.headers.get('host') && host !== new URL(publicBaseUrl(request.url)).host
}

/**
 * `POST /portal/<organization>/<branch>/do/<action>`: every form of the captive portal. Each
 * answers with a redirect (303) to a page, a problem code in its query when something was
 * wrong, or with the page that hands the device to its router.
 */
export async function portalAction(request: NextRequest, params: { org: string; location: string; action: string }): Promise<NextResponse> {
  const payload = await getPayload({ config })
  const place = await findPortalPlace(payload, params.org, params.location)
  const base = publicBaseUrl(request.url)
  if (!place) return NextResponse.redirect(`${base}/portal`, 303)
  const action = Object.hasOwn(ACTIONS, params.action) ? ACTIONS[params.action] : null
  if (!action) return NextResponse.redirect(`${base}${portalPath(place)}`, 303)

  const form = await formOf(request)
  const reading = form ? readHotspot(form, place.hotspotAddresses) : ({ kind: 'none', routerError: null } as const)
  const query = reading.kind === 'ok' ? reading.query : null
  const back = (page: string, extra: Record<string, string> = {}) => {
    const search = new URLSearchParams({ ...query, ...extra }).toString()
    return NextResponse.redirect(`${base}${portalPath(place, page)}${search ? `?${search}` : ''}`, 303)
  }
  if (!form || crossSite(request) || !csrfTokenMatches(request.cookies.get(CSRF_COOKIE)?.value, form.get('csrf'))) {
    return back(action.page, { problem: 'expired-form' })
  }
  return action.run({
    payload,
    request,
    place,
    form,
    hotspot: reading.kind === 'ok' ? reading.hotspot : null,
    query,
    ip: requestIp(request.headers),
    back,
  })
}
