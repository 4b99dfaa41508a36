/** Validation of the time zones and currencies organizations and branches are configured with. */
const timeZones = new Set(Intl.supportedValuesOf('timeZone'))
const currencies = new Set(Intl.supportedValuesOf('currency'))

// `UTC` is valid everywhere but not always listed by supportedValuesOf.
export function isTimeZone(value: string): boolean {
  return value === 'UTC' || timeZones.has(value)
}

export function isCurrency(value: string): boolean {
  return currencies.has(value)
}
