import { UAParser } from 'ua-parser-js'

export type DeviceInfo = {
  browser: string | null
  os: string | null
  /** `desktop` unless the user agent says `mobile`, `tablet`, `smarttv`, `console`, `wearable` or `embedded`. */
  deviceType: string
  /** One line for lists: "Chrome 120 on Windows 10 (desktop)". */
  summary: string
}

const MAX_USER_AGENT = 512

/** A user agent as stored: trimmed and cut to a length no client can use to bloat the logs. */
export function storedUserAgent(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed.slice(0, MAX_USER_AGENT) : null
}

const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ') || null

/** Browser, operating system and kind of device, read from a user agent. */
export function deviceInfoOf(userAgent: string | null | undefined): DeviceInfo {
  const stored = storedUserAgent(userAgent)
  if (!stored) return { browser: null, os: null, deviceType: 'unknown', summary: 'Unknown device' }
  const parsed = new UAParser(stored).getResult()
  const browser = joined(parsed.browser.name, parsed.browser.major)
  const os = joined(parsed.os.name, parsed.os.version)
  const deviceType = parsed.device.type ?? (browser || os ? 'desktop' : 'unknown')
  const model = joined(parsed.device.vendor, parsed.device.model)
  // A client the parser does not know (curl, an app) is named by its user agent's first word.
  const what = browser && os ? `${browser} on ${os}` : (browser ?? os ?? stored.split(/\s+/)[0].slice(0, 40))
  return { browser, os, deviceType, summary: `${what}${model ? ` · ${model}` : ''} (${deviceType})` }
}
