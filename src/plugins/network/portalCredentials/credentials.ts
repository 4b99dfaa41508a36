import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { relationId } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { inSystemTransaction } from '@/db/transaction'
import { canonicalMac } from '@/lib/mac'
import { isReservedEmail } from '@/lib/reservedEmails'
import { decryptSecret, encryptSecret } from '@/lib/secrets'

import { allowanceKeyOf, allowanceSessions, grantDevice } from '../logins/allowance'
import type { LoginDecision } from '../logins/customers'
import { rejectLogin, rejectTooManyDevices } from '../logins/rejections'
import { routerPlace } from '../routers/place'
import { OPEN_SESSION_STATUSES } from '../sessions/fields'

/** How long the browser has to hand the credentials to the router: one redirect. */
export const PORTAL_CREDENTIAL_TTL_SECONDS = 120

const USERNAME_PATTERN = /^portal-[0-9a-f]{20}$/

/** Whether a RADIUS User-Name is one of these credentials (nothing else Beacon issues looks like it). */
export const isPortalUsername = (name: string) => USERNAME_PATTERN.test(name)

export type PortalCredentials = { username: string; password: string; expiresAt: Date }

export class PortalCredentialError extends Error {
  override name = 'PortalCredentialError'
}

/**
 * For the captive portal: a username and password, valid once and for a short time, that log one
 * device in to one pending session. The portal has already checked the customer (voucher or
 * account) and created the session; the router checks these over RADIUS like any login, by PAP
 * or CHAP. Throws PortalCredentialError when the session cannot take a device.
 */
export async function issuePortalCredentials(
  payload: Payload,
  { session: sessionId, deviceMac, now = new Date(), ttlSeconds = PORTAL_CREDENTIAL_TTL_SECONDS }: {
    session: string
    deviceMac: string
    now?: Date
    ttlSeconds?: number
  },
): Promise<PortalCredentials> {
  const mac = canonicalMac(deviceMac)
  if (!mac) throw new PortalCredentialError(`Not a MAC address: ${JSON.stringify(deviceMac)}`)
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 3600) {
    throw new PortalCredentialError('ttlSeconds must be a whole number of seconds from 1 to 3600.')
  }
  const session = await payload.findByID({ collection: 'sessions', id: sessionId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!session) throw new PortalCredentialError(`No session ${sessionId}.`)
  if (!OPEN_SESSION_STATUSES.includes(session.status)) throw new PortalCredentialError(`Session ${sessionId} has ended (${session.status}).`)
  if (!session.expiresAt || new Date(session.expiresAt) <= now) throw new PortalCredentialError(`Session ${sessionId} has expired.`)
  if (session.deviceMac !== mac) throw new PortalCredentialError(`Session ${sessionId} belongs to another device.`)

  const username = `portal-${randomBytes(10).toString('hex')}`
  const password = randomBytes(12).toString('base64url')
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000)
  await payload.create({
    collection: 'portal-credentials',
    data: {
      username,
      passwordEncrypted: encryptSecret(password),
      organization: relationId(session.organization)!,
      session: sessionId,
      deviceMac: mac,
      expiresAt: expiresAt.toISOString(),
    },
    overrideAccess: true,
    depth: 0,
  })
  return { username, password, expiresAt }
}

type CredentialRow = {
  id: string
  password_encrypted: string
  organization_id: string
  session_id: string
  device_mac: string
  expires_at: Date | string
  used_at: Date | string | null
}

export type RedeemPortalCredentialsInput = {
  router: string
  username: string
  /** Calling-Station-Id of the Access-Request. */
  deviceMac: string
  /** Checks the password the router sent (PAP: compare; CHAP: hash) against the issued one. */
  passwordMatches: (password: string) => boolean
  now?: Date
}

/**
 * The router's Access-Request with portal credentials: accepted once, from the device they were
 * issued to, at a router of the session's branch, before they expire. Any failure is the same
 * answer, so a guess learns nothing; a wrong password does not use them up.
 */
export async function redeemPortalCredentials(payload: Payload, input: RedeemPortalCredentialsInput): Promise<LoginDecision> {
  const now = input.now ?? new Date()
  const mac = canonicalMac(input.deviceMac)
  return inSystemTransaction(payload, async (req) => {
    const system = { depth: 0, overrideAccess: true, req } as const
    const db = await drizzleFor(payload, req)
    const [credential] = rowsOf<CredentialRow>(
      await db.execute(sql`
        select id, password_encrypted, organization_id, session_id, device_mac, expires_at, used_at
        from portal_credentials where username = ${input.username} for update`),
    )
    if (!credential || credential.used_at || new Date(credential.expires_at) <= now || credential.device_mac !== mac) {
      return rejectLogin('portal-credentials-invalid')
    }
    if (!input.passwordMatches(decryptSecret(credential.password_encrypted))) return rejectLogin('portal-credentials-invalid')

    const router = await routerPlace(payload, req, input.router)
    const session = await payload.findByID({ collection: 'sessions', id: credential.session_id, disableErrors: true, ...system })
    if (
      !session ||
      router.organization !== credential.organization_id ||
      router.location !== relationId(session.location) ||
      !OPEN_SESSION_STATUSES.includes(session.status) ||
      !session.plan ||
      !session.expiresAt ||
      !session.user
    ) {
      return rejectLogin('portal-credentials-invalid')
    }
    // The portal checked the customer when it issued these; a suspension since then still counts.
    if (router.organizationLocked) return rejectLogin('organization-suspended')
    const customer = await payload.findByID({ collection: 'users', id: relationId(session.user)!, disableErrors: true, ...system })
    if (!customer || customer.status !== 'ACTIVE') return rejectLogin('account-suspended')

    const plan = await payload.findByID({ collection: 'plans', id: relationId(session.plan)!, ...system })
    const expiresAt = new Date(session.expiresAt)
    const key = allowanceKeyOf({ voucher: relationId(session.voucher), user: relationId(session.user)!, plan: String(plan.id), expiresAt })
    const grant = grantDevice(plan, { sessions: await allowanceSessions(payload, req, key), expiresAt, deviceMac: credential.device_mac, now })
    // A voucher typed on the portal is the organization's Voucher guests'; anyone else signed in to their account.
    if (grant.outcome === 'full') return rejectTooManyDevices(isReservedEmail(customer.email) ? 'voucher' : 'account', plan.devicesAllowed)
    if (grant.outcome === 'exhausted') return rejectLogin(grant.reason === 'data-cap' ? 'data-cap' : 'voucher-used-up')
    await db.execute(sql`update portal_credentials set used_at = ${now.toISOString()}::timestamptz, updated_at = now() where id = ${credential.id}`)
    const current =
      relationId(session.router) === router.id
        ? session
        : await payload.update({ collection: 'sessions', id: session.id, data: { router: router.id }, ...system })
    return { outcome: 'accept', session: current, plan, attributes: grant.attributes }
  })
}

/** Removes credentials that expired more than a day ago (they can never be used). */
export async function purgeExpiredPortalCredentials(payload: Payload, now = new Date()): Promise<number> {
  const db = await drizzleFor(payload)
  const cutoff = new Date(now.getTime() - 86_400_000).toISOString()
  return rowsOf(await db.execute(sql`delete from portal_credentials where expires_at < ${cutoff}::timestamptz returning id`)).length
}
