import { addressBlock } from '@/lib/clientIp'
import { FailureWindow } from '@/lib/failureWindow'

const WINDOW_MS = 15 * 60_000

const limitFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

/**
 * Wrong voucher codes and passwords on the portal, counted per device (its MAC, as the hotspot
 * reports it) and per client address (IPv4, or IPv6 /64). A device gets 10 in 15 minutes; an
 * address 60, since a whole venue can reach the portal from one address. With codes of 10
 * characters from 30 symbols (about 49 bits), guessing one takes longer than any voucher lives.
 */
export const portalFailures = {
  device: new FailureWindow(limitFrom('BEACON_PORTAL_FAILURES_PER_DEVICE', 10), WINDOW_MS),
  address: new FailureWindow(limitFrom('BEACON_PORTAL_FAILURES_PER_ADDRESS', 60), WINDOW_MS),
}

export type AttemptKeys = { device: string | null; address: string | null }

export const attemptKeysOf = ({ organization, mac, ip }: { organization: string; mac: string | null; ip: string | null }): AttemptKeys => ({
  device: mac ? `${organization} ${mac}` : null,
  address: ip ? addressBlock(ip) : null,
})

/**
 * Counts an attempt before it is decided, so a burst in parallel cannot slip under the limit.
 * Returns the minutes to wait when the device or address has used up its attempts (and counts
 * nothing), or null and the attempt is counted; `succeeded` takes it back.
 */
export function beginAttempt(keys: AttemptKeys, now = Date.now()): { waitMinutes: number } | null {
  const waits = [
    keys.device ? portalFailures.device.retryAfterMs(keys.device, now) : 0,
    keys.address ? portalFailures.address.retryAfterMs(keys.address, now) : 0,
  ]
  const wait = Math.max(...waits)
  if (wait > 0) return { waitMinutes: Math.max(1, Math.ceil(wait / 60_000)) }
  if (keys.device) portalFailures.device.fail(keys.device, now)
  if (keys.address) portalFailures.address.fail(keys.address, now)
  return null
}

export function attemptSucceeded(keys: AttemptKeys, now = Date.now()): void {
  if (keys.device) portalFailures.device.refund(keys.device, now)
  if (keys.address) portalFailures.address.refund(keys.address, now)
}

export const tooManyAttemptsMessage = (waitMinutes: number) =>
  `Too many wrong attempts from this device. Please wait ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'} and try again, or ask the staff for help.`
