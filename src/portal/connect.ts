import type { Payload } from 'payload'

import { authorizeCustomer } from '@/plugins/network/logins/customers'
import { issuePortalCredentials, PortalCredentialError, type PortalCredentials } from '@/plugins/network/portalCredentials/credentials'
import { normalizeVoucherCode } from '@/plugins/network/vouchers/codes'
import { redeemVoucher, VOUCHER_REJECTION_MESSAGES } from '@/plugins/network/vouchers/redeemVoucher'

import type { Hotspot } from './hotspot'
import type { PortalPlace } from './place'

/** A device the portal may send to its router to log in, or why not, in the customer's words. */
export type Connection =
  | { outcome: 'connect'; session: { id: string; expiresAt: Date }; credentials: PortalCredentials }
  | { outcome: 'refused'; message: string; reason: string }

export const PLAN_DEVICES_MESSAGE = 'Your account is already in use on as many devices as your plan allows. Sign out on another device first.'

export const NO_ROUTER_MESSAGE = "This branch's WiFi is not set up in Beacon yet. Please ask the staff for help."

const refused = (reason: string, message: string): Connection => ({ outcome: 'refused', reason, message })

/**
 * After the customer was checked and a pending session opened for the device: one-time
 * credentials for it, which the browser hands to the router (see `routerLoginFields`).
 */
async function credentialsFor(payload: Payload, session: { id: string | number; expiresAt?: string | null }, hotspot: Hotspot, now: Date) {
  try {
    const credentials = await issuePortalCredentials(payload, { session: String(session.id), deviceMac: hotspot.mac, now })
    return { outcome: 'connect' as const, session: { id: String(session.id), expiresAt: new Date(session.expiresAt!) }, credentials }
  } catch (error) {
    if (error instanceof PortalCredentialError) return refused('session-ended', 'This sign-in could not be completed. Please try again.')
    throw error
  }
}

function placeRefusal(place: PortalPlace): Connection | null {
  if (place.organization.locked) return refused('organization-suspended', VOUCHER_REJECTION_MESSAGES['organization-suspended'])
  if (!place.router) return refused('no-router', NO_ROUTER_MESSAGE)
  return null
}

/**
 * A voucher code typed on the portal: the same decision as a voucher login at the router (the
 * first use starts the plan's time; later devices join within its devices at once and data cap),
 * for the device the hotspot named.
 */
export async function connectWithVoucher(
  payload: Payload,
  { place, hotspot, code, now = new Date() }: { place: PortalPlace; hotspot: Hotspot; code: string; now?: Date },
): Promise<Connection> {
  const blocked = placeRefusal(place)
  if (blocked) return blocked
  if (!/^[A-Z0-9]{4,40}$/.test(normalizeVoucherCode(code))) return refused('unknown-code', VOUCHER_REJECTION_MESSAGES['unknown-code'])
  const redemption = await redeemVoucher(payload, { router: place.router!, code, deviceMac: hotspot.mac, now })
  if (redemption.outcome === 'reject') return refused(redemption.reason, redemption.message)
  return credentialsFor(payload, redemption.session, hotspot, now)
}

/** A signed-in customer's device: joins their running allowance or starts their plan's next period. */
export async function connectCustomer(
  payload: Payload,
  { place, hotspot, customer, now = new Date() }: { place: PortalPlace; hotspot: Hotspot; customer: string; now?: Date },
): Promise<Connection> {
  const blocked = placeRefusal(place)
  if (blocked) return blocked
  const decision = await authorizeCustomer(payload, { router: place.router!, customer, deviceMac: hotspot.mac, method: 'account', now })
  if (decision.outcome === 'reject') {
    // A redirect carries only a code (problemMessage), so the plan's refusal in fixed words.
    if (decision.reason === 'too-many-devices') return refused('plan-devices', PLAN_DEVICES_MESSAGE)
    return refused(decision.reason, decision.message)
  }
  return credentialsFor(payload, decision.session, hotspot, now)
}
