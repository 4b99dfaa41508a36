import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { APIError, AuthenticationError, createLocalReq, generateExpiredPayloadCookie, generatePayloadCookie, LockedAuth, logoutOperation, type Payload } from 'payload'

import { changeActiveOrganization, getAccessContext, relationId } from '@/access'
import { requestIp } from '@/lib/clientIp'
import { canonicalPhone } from '@/lib/phone'
import { systemRequestIn } from '@/db/transaction'
import { drizzleFor, rowsOf } from '@/db/sql'
import type { User } from '@/payload-types'

import { payloadPasswordMatches } from '@/plugins/network/logins/passwords'

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/

/** The login a customer typed: an email address, a phone number or their username. */
function loginKinds(login: string): { email: string | null; phone: string | null; username: string } {
  const trimmed = login.trim().toLowerCase()
  return { email: EMAIL.test(trimmed) ? trimmed : null, phone: canonicalPhone(trimmed), username: trimmed }
}

/**
 * The one customer of the organization a login names (email, phone or username), or null when
 * none or several do.
 */
export async function findCustomerByLogin(payload: Payload, organization: string, login: string): Promise<{ id: string; email: string } | null> {
  const { email, phone, username } = loginKinds(login)
  if (!username || username.length > 254) return null
  const db = await drizzleFor(payload)
  const rows = rowsOf<{ id: string; email: string }>(
    await db.execute(sql`
      select distinct u.id, u.email from users u
      join users_memberships m on m._parent_id = u.id and m.organization_id = ${organization} and m.role = 'customer'
      where lower(u.email) = ${email ?? username} or lower(u.username) = ${username}
        or (${phone}::text is not null and u.phone = ${phone})
      limit 2`),
  )
  return rows.length === 1 ? rows[0] : null
}

export type SignIn =
  | { outcome: 'signed-in'; user: User; token: string; cookie: string }
  /** Problem codes (`messages.ts`): the password or login was wrong, the account is locked out, or it may not sign in. */
  | { outcome: 'refused'; reason: 'wrong-sign-in' | 'account-locked' | 'account-suspended' }

/**
 * A customer signs in on the portal with their email, phone or username. Payload's own login
 * checks the password (its lockout, session and sign-in log apply), and the answer is its cookie.
 * A login that names nobody costs a password check too, so timing tells nothing.
 */
export async function signInCustomer(
  payload: Payload,
  { organization, login, password, headers }: { organization: string; login: string; password: string; headers: Headers },
): Promise<SignIn> {
  const customer = await findCustomerByLogin(payload, organization, login)
  if (!customer || !password) {
    await payloadPasswordMatches(password || 'x', 'no-such-customer', `pbkdf2-sha256-v1:${'0'.repeat(64)}`)
    return { outcome: 'refused', reason: 'wrong-sign-in' }
  }
  try {
    const result = await payload.login({ collection: 'users', data: { email: customer.email, password }, req: { headers }, depth: 0 })
    if (!result.token) return { outcome: 'refused', reason: 'wrong-sign-in' }
    const cookie = generatePayloadCookie({ collectionAuthConfig: payload.collections.users.config.auth, cookiePrefix: payload.config.cookiePrefix, token: result.token })
    return { outcome: 'signed-in', user: result.user as unknown as User, token: result.token, cookie }
  } catch (error) {
    if (error instanceof LockedAuth) return { outcome: 'refused', reason: 'account-locked' }
    if (error instanceof AuthenticationError) return { outcome: 'refused', reason: 'wrong-sign-in' }
    // A suspended or deleted account, or one whose organizations are all suspended (refuseLockedLogin).
    if (error instanceof APIError && error.status === 403) return { outcome: 'refused', reason: 'account-suspended' }
    throw error
  }
}

/** Signs the request's customer out (their Payload session ends and its log closes); the cookie that clears theirs. */
export async function signOutCustomer(payload: Payload, headers: Headers): Promise<string> {
  const { user } = await payload.auth({ headers })
  if (user) {
    const req = await createLocalReq({ user, req: { headers } }, payload)
    await logoutOperation({ collection: payload.collections.users, req }).catch(() => false)
  }
  return generateExpiredPayloadCookie({ collectionAuthConfig: payload.collections.users.config.auth, cookiePrefix: payload.config.cookiePrefix })
}

export type Registration = { name: string; contact: string; password: string }

/** Refusals are problem codes (`messages.ts`). */
export type Registered =
  | { outcome: 'registered'; customer: string; email: string }
  | { outcome: 'refused'; problem: 'signup-name' | 'signup-contact' | 'signup-password' | 'signup-taken' }

export const PASSWORD_MIN_LENGTH = 8

/**
 * A new customer account in the organization, from the portal's sign-up form: a name, an email
 * address or phone number, and a password. A phone-only customer gets an address that can never
 * receive mail (`.invalid`, RFC 2606), as Payload needs one; they sign in with the phone number.
 */
export async function registerCustomer(payload: Payload, organization: string, input: Registration): Promise<Registered> {
  const name = input.name.trim().replace(/\s+/g, ' ')
  if (name.length < 2 || name.length > 100) return { outcome: 'refused', problem: 'signup-name' }
  const contact = input.contact.trim().toLowerCase()
  const email = EMAIL.test(contact) && contact.length <= 254 ? contact : null
  const phone = email ? null : canonicalPhone(contact)
  if (!email && !phone) return { outcome: 'refused', problem: 'signup-contact' }
  if (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > 200) {
    return { outcome: 'refused', problem: 'signup-password' }
  }
  const taken = await findCustomerByLogin(payload, organization, email ?? phone!)
  const existing = email ? await payload.count({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true }) : { totalDocs: 0 }
  if (taken || existing.totalDocs > 0) {
    return { outcome: 'refused', problem: 'signup-taken' }
  }
  const address = email ?? `phone-${phone!.replace(/\D/g, '')}-${randomBytes(4).toString('hex')}@customers.invalid`
  const created = await payload.create({
    collection: 'users',
    data: {
      name,
      email: address,
      phone,
      password: input.password,
      status: 'ACTIVE',
      defaultOrganization: organization,
      memberships: [{ organization, role: 'customer' }],
      customer: { connectionType: 'HOTSPOT' },
    },
    overrideAccess: true,
    depth: 0,
  })
  return { outcome: 'registered', customer: String(created.id), email: address }
}

/** The signed-in customer of this organization, if the request's Payload cookie is one; staff and others' customers are not. */
export async function portalCustomer(payload: Payload, headers: Headers, organization: string) {
  const { user } = await payload.auth({ headers })
  if (!user || user.collection !== 'users') return null
  const isCustomerHere = (user as unknown as User).memberships?.some((row) => row.role === 'customer' && relationId(row.organization) === organization)
  if (!isCustomerHere || (user as unknown as User).status !== 'ACTIVE') return null
  let req = await createLocalReq({ user, req: { headers } }, payload)
  let context = await getAccessContext(req)
  if (!context.userId || !context.organizations.includes(organization)) return null
  if (context.activeOrganization !== organization && context.sessionLogId) {
    // A customer of several organizations works in the one whose portal they opened.
    await changeActiveOrganization(await systemRequestIn(req), context.sessionLogId, (current) =>
      current === organization
        ? null
        : { user: context.userId!, event: 'SWITCH_TENANT', to: organization, reason: 'opened the captive portal', ip: requestIp(headers) },
    )
    req = await createLocalReq({ user, req: { headers } }, payload)
    context = await getAccessContext(req)
    if (context.activeOrganization !== organization) return null
  }
  return { user: user as unknown as User, req, context }
}

export type PortalCustomer = NonNullable<Awaited<ReturnType<typeof portalCustomer>>>
