/** Bytes as people read them on a dashboard: 1 MB = 1,048,576 bytes, as plans count data. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}

/** A length of time left or used: "1 h 05 min", "12 min", "45 s". */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`
  return `${Math.floor(hours / 24)} d ${hours % 24} h`
}

/** A number of minutes in words: "45 min", "1 h 30 min", "1 day", "2 days 6 h". */
export function formatMinutes(minutes: number | null | undefined): string {
  const total = Math.round(Number(minutes) || 0)
  const sign = total < 0 ? '−' : ''
  const value = Math.abs(total)
  if (value < 60) return `${sign}${value} min`
  const days = Math.floor(value / 1440)
  const hours = Math.floor((value % 1440) / 60)
  const rest = value % 60
  if (days === 0) return `${sign}${hours} h${rest ? ` ${rest} min` : ''}`
  const parts = [`${days} ${days === 1 ? 'day' : 'days'}`, hours ? `${hours} h` : '', rest ? `${rest} min` : ''].filter(Boolean)
  return `${sign}${parts.join(' ')}`
}

/** An amount as people read it, with its currency's code: "KES 100.00", "UGX 2,000"; the number alone when there is no currency. */
export function formatMoney(amount: number, currency: string | null | undefined): string {
  if (!currency) return amount.toFixed(2)
  return new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'code' }).format(amount)
}
