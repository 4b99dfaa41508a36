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

/** A date and time as the dashboard shows it, in `timeZone` ("23/11/2026, 04:57"); '—' for none. */
export function formatDateTime(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '—'
  return new Date(value).toLocaleString('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' })
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
