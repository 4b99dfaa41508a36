import { randomBytes } from 'node:crypto'

import {
  APIError,
  AuthenticationError,
  createLocalReq,
  generateExpiredPayloadCookie,
  generatePayloadCookie,
  LockedAuth,
  logoutOperation,
  type Payload,
  ValidationError,
} from 'payload'

import { changeActiveOrganization, getAccessContext, relationId } from '@/access'
import { systemRequestIn } from '@/db/transaction'
import { requestIp } from '@/lib/clientIp'
import { costOfAPasswordCheck } from '@/lib/passwords'
import { canonicalPhone } from '@/lib/phone'
import type { User } from '@/payload-types'
import { customersNamedBy } from '@/plugins/network/logins/passwords'

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/

/**
 * The one customer of the organization a login names (email, phone or username), or null when
 * none or several do.
 */
export async function findCustomerByLogin(payload: Payload, organization: string, login: string): Promise<{ id: string; email: string } | null> {
  const candidates = await customersNamedBy(payload, organization, login)
  return candidates.length === 1 ? { id: candidates[0].id, email: candidates[0].email } : null
}

export type SignIn =
  | { outcome: 'signed-in'; user: User; token: string; cookie: string }
  /** Problem codes (`messages.ts`): the login or password was wrong (or the account is locked out), or it may not sign in. */
  | { outcome: 'refused'; reason: 'wrong-sign-in' | 'account-suspended' }

/**
 * A customer of this organization signs in on the portal with their email, phone or username.
 * Payload's own login checks the password (its lockout, session and sign-in log apply), and the
 * answer is its cookie. A login that names nobody here, and an account that is locked out, cost a
 * password check too and get the same answer as a wrong password, so neither timing nor words
 * tell who has an account.
 */
export async function signInCustomer(
  payload: Payload,
  { organization, login, password, headers }: { organization: string; login: string; password: string; headers: Headers },
): Promise<SignIn> {
  const customer = await findCustomerByLogin(payload, organization, login)
  if (!customer || !password) {
    await costOfAPasswordCheck(password)
    return { outcome: 'refused', reason: 'wrong-sign-in' }
  }
  try {
    const result = await payload.login({ collection: 'users', data: { email: customer.email, password }, req: { headers }, depth: 0 })
    if (!result.token) return { outcome: 'refused', reason: 'wrong-sign-in' }
    const user = result.user as unknown as User
    const cookie = generatePayloadCookie({
      collectionAuthConfig: payload.collections.users.config.auth,
      cookiePrefix: payload.config.cookiePrefix,
      token: result.token,
    })
    return { outcome: 'signed-in', user, token: result.token, cookie }
  } catch (error) {
    if (error instanceof LockedAuth) {
      await costOfAPasswordCheck(password)
      return { outcome: 'refused', reason: 'wrong-sign-in' }
    }
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
  return generateExpiredPayloadCookie({
    collectionAuthConfig: payload.collections.users.config.auth,
    cookiePrefix: payload.config.cookiePrefix,
  })
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
  // `.invalid` addresses are Beacon's own (its accounts, phone-only customers): nobody signs up with one.
  const email = EMAIL.test(contact) && contact.length <= 254 && !contact.endsWith('.invalid') ? contact : null
  const phone = email ? null : canonicalPhone(contact)
  if (!email && !phone) return { outcome: 'refused', problem: 'signup-contact' }
  if (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > 200) {
    return { outcome: 'refused', problem: 'signup-password' }
  }
  // One answer whether the address belongs to a customer here, to staff, or to someone of another
  // organization (an account is one person's across Beacon): it says no more than that.
  if (await findCustomerByLogin(payload, organization, email ?? phone!)) return { outcome: 'refused', problem: 'signup-taken' }
  if (email) {
    const existing = await payload.count({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })
    if (existing.totalDocs > 0) return { outcome: 'refused', problem: 'signup-taken' }
  }
  const address = email ?? `phone-${phone!.replace(/\D/g, '')}-${randomBytes(4).toString('hex')}@customers.invalid`
  let created: User
  try {
    created = await createCustomer(payload, organization, { name, email: address, phone, password: input.password })
  } catch (error) {
    // Payload's own checks of the address, or a sign-up of the same address a moment earlier.
    if (error instanceof ValidationError) {
      const unique = error.data.errors.some((entry) => entry.path === 'email' && /unique|already/i.test(entry.message))
      return { outcome: 'refused', problem: unique ? 'signup-taken' : 'signup-contact' }
    }
    if (error instanceof APIError && error.status === 400) return { outcome: 'refused', problem: 'signup-contact' }
    throw error
  }
  return { outcome: 'registered', customer: String(created.id), email: address }
}

const createCustomer = (
  payload: Payload,
  organization: string,
  { name, email, phone, password }: { name: string; email: string; phone: string | null; password: string },
) =>
  payload.create({
    collection: 'users',
    data: {
      name,
      email,
      phone,
      password,
      status: 'ACTIVE',
      defaultOrganization: organization,
      memberships: [{ organization, role: 'customer' }],
      customer: { connectionType: 'HOTSPOT' },
    },
    overrideAccess: true,
    depth: 0,
  }) as Promise<User>

/**
 * The signed-in customer of this organization, if the request's Payload cookie is one; staff and
 * others' customers are not. A customer of several organizations working in another one is
 * switched to this one by a form (`switchHere`), never by opening a page.
 */
export async function portalCustomer(payload: Payload, headers: Headers, organization: string, { switchHere }: { switchHere: boolean }) {
  const { user } = await payload.auth({ headers })
  if (!user || user.collection !== 'users') return null
  const isCustomerHere = (user as unknown as User).memberships?.some(
    (row) => row.role === 'customer' && relationId(row.organization) === organization,
  )
  if (!isCustomerHere || (user as unknown as User).status !== 'ACTIVE') return null
  let req = await createLocalReq({ user, req: { headers } }, payload)
  let context = await getAccessContext(req)
  if (!context.userId || !context.organizations.includes(organization)) return null
  if (context.activeOrganization !== organization) {
    if (!switchHere || !context.sessionLogId) return null
    // A customer of several organizations works in the one whose portal they use.
    await changeActiveOrganization(await systemRequestIn(req), context.sessionLogId, (current) =>
      current === organization
        ? null
        : {
            user: context.userId!,
            event: 'SWITCH_TENANT',
            to: organization,
            reason: 'signed in on the captive portal',
            ip: requestIp(headers),
          },
    )
    req = await createLocalReq({ user, req: { headers } }, payload)
    context = await getAccessContext(req)
    if (context.activeOrganization !== organization) return null
  }
  return { user: user as unknown as User, req, context }
}

export type PortalCustomer = NonNullable<Awaited<ReturnType<typeof portalCustomer>>>
