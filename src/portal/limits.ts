import { addressBlock } from '@/lib/clientIp'
import { FailureWindow } from '@/lib/failureWindow'

const WINDOW_MS = 15 * 60_000

const limitFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

/**
 * Wrong voucher codes and passwords on the portal, counted three ways over 15 minutes:
 * - per device (its MAC as the hotspot reports it; a guesser can change it, so this is for
 *   the customer's sake): 10;
 * - per client address (IPv4, or IPv6 /48, so a guesser cannot walk a /48's 65,536 /64s): 60,
 *   since a whole venue may reach the portal from one address;
 * - per organization: 600. Past that, an address or device that has failed recently waits,
 *   while one that has not (a customer typing their code right) still gets its answer; past
 *   three times that (guessers on ever new addresses), every attempt waits.
 * At the default code length (10 characters of 30 symbols, about 49 bits) guessing a code takes
 * longer than any voucher lives; shorter codes (6 is the minimum, about 29 bits) rely on these
 * limits more.
 */
export const portalFailures = {
  device: new FailureWindow(limitFrom('BEACON_PORTAL_FAILURES_PER_DEVICE', 10), WINDOW_MS),
  address: new FailureWindow(limitFrom('BEACON_PORTAL_FAILURES_PER_ADDRESS', 60), WINDOW_MS),
  organization: new FailureWindow(limitFrom('BEACON_PORTAL_FAILURES_PER_ORGANIZATION', 600), WINDOW_MS, 10_000),
  organizationCeiling: new FailureWindow(3 * limitFrom('BEACON_PORTAL_FAILURES_PER_ORGANIZATION', 600), WINDOW_MS, 10_000),
}

export type AttemptKeys = { device: string | null; address: string | null; organization: string }

export const attemptKeysOf = ({ organization, mac, ip }: { organization: string; mac: string | null; ip: string | null }): AttemptKeys => ({
  device: mac ? `${organization} ${mac}` : null,
  address: ip ? addressBlock(ip, 48) : null,
  organization,
})

/**
 * Counts an attempt before it is decided, so a burst in parallel cannot slip under the limit.
 * Returns the minutes to wait when the attempt may not be made (and counts nothing), or null
 * and the attempt is counted; `attemptSucceeded` takes it back.
 */
export function beginAttempt(keys: AttemptKeys, now = Date.now()): { waitMinutes: number } | null {
  const { device, address, organization, organizationCeiling } = portalFailures
  const waits = [
    keys.device ? device.retryAfterMs(keys.device, now) : 0,
    keys.address ? address.retryAfterMs(keys.address, now) : 0,
    organizationCeiling.retryAfterMs(keys.organization, now),
  ]
  const failedBefore =
    (keys.device !== null && device.count(keys.device, now) > 0) || (keys.address !== null && address.count(keys.address, now) > 0)
  if (failedBefore) waits.push(organization.retryAfterMs(keys.organization, now))
  const wait = Math.max(...waits)
  if (wait > 0) return { waitMinutes: Math.max(1, Math.ceil(wait / 60_000)) }
  if (keys.device) device.fail(keys.device, now)
  if (keys.address) address.fail(keys.address, now)
  organization.fail(keys.organization, now)
  organizationCeiling.fail(keys.organization, now)
  return null
}

export function attemptSucceeded(keys: AttemptKeys, now = Date.now()): void {
  if (keys.device) portalFailures.device.refund(keys.device, now)
  if (keys.address) portalFailures.address.refund(keys.address, now)
  portalFailures.organization.refund(keys.organization, now)
  portalFailures.organizationCeiling.refund(keys.organization, now)
}

export const tooManyAttemptsMessage = (waitMinutes: number) =>
  `Too many wrong attempts from this device. Please wait ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'} and try again, or ask the staff for help.`
