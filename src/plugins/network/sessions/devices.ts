/**
 * The device of a request without Calling-Station-Id (radtest, misconfigured routers). MikroTik
 * hotspots always send the device's MAC; without it, such requests share one device slot.
 */
export const UNKNOWN_DEVICE_MAC = '00:00:00:00:00:00'

/** How lists name a device a router reported that nobody registered (the organization's Unregistered devices account). */
export const UNREGISTERED_DEVICE = 'Unregistered device'

/** The MAC a router reported for a session's device, or null when it sent none. */
export const reportedMac = (deviceMac: string | null | undefined): string | null => (!deviceMac || deviceMac === UNKNOWN_DEVICE_MAC ? null : deviceMac)
