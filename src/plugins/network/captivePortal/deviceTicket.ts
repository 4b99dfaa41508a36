import { readSigned, signValue } from '@/lib/signed'

/** The device's WiFi session, remembered by the browser that signed it in, for the status page. */
export const DEVICE_COOKIE = 'beacon-portal-device'
const DEVICE_PURPOSE = 'beacon/portal-device/v1'

export type DeviceTicket = {
  /** The WiFi session (sessions.id). */
  session: string
  organization: string
  mac: string
  /** The router's logout URL, for the status page's "Log out". */
  logoutUrl: string
}

export const signDeviceTicket = (ticket: DeviceTicket, expiresAt: Date) => signValue(DEVICE_PURPOSE, ticket, expiresAt)

export function readDeviceTicket(token: string | undefined, now = new Date()): DeviceTicket | null {
  const ticket = readSigned<DeviceTicket>(DEVICE_PURPOSE, token, now)
  return ticket && typeof ticket.session === 'string' && typeof ticket.organization === 'string' ? ticket : null
}
