/** Validation of the time zones and currencies organizations and branches are configured with. */
const currencies = new Set(Intl.supportedValuesOf('currency'))

/**
 * An IANA time zone this runtime knows, under its current name or an older one: `supportedValuesOf`
 * lists only ICU's canonical names (Asia/Calcutta, not Asia/Kolkata), so names are tried instead.
 */
export function isTimeZone(value: string): boolean {
  if (value === 'UTC') return true
  if (!/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(value)) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

export function isCurrency(value: string): boolean {
  return currencies.has(value)
}
