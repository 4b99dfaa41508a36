/**
 * Dates and times as an organization's people read and type them: in the branch's (or the
 * organization's) time zone, in the one date format the organization uses, with 24-hour times.
 * Pure, for the server and the browser alike.
 */
import { TZDate } from '@date-fns/tz'
import { format, isValid, parse } from 'date-fns'

/** The date formats an organization can choose (date-fns patterns: what pickers show and take, too). */
export const DATE_FORMATS = ['dd/MM/yyyy', 'MM/dd/yyyy', 'yyyy-MM-dd', 'dd.MM.yyyy'] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  'dd/MM/yyyy': 'Day/month/year: 23/11/2026',
  'MM/dd/yyyy': 'Month/day/year: 11/23/2026',
  'yyyy-MM-dd': 'Year-month-day: 2026-11-23',
  'dd.MM.yyyy': 'Day.month.year: 23.11.2026',
}

/** Times are written the same everywhere: 24 hours, minutes (13:05). */
export const TIME_FORMAT = 'HH:mm'

/** An organization's locale when none is set: day first, as most of Beacon's operators write dates. */
export const DEFAULT_LOCALE = 'en-GB'

/** How dates are shown and read for one place: its time zone and its organization's date format. */
export type DateStyle = { timeZone: string; dateFormat: DateFormat }

export const isDateFormat = (value: unknown): value is DateFormat => (DATE_FORMATS as readonly unknown[]).includes(value)

/** Whether `value` is a locale tag the runtime formats dates for (en-KE, fr-FR, sw). */
export function isLocale(value: unknown): boolean {
  if (typeof value !== 'string' || !value.trim()) return false
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(value).length > 0
  } catch {
    return false
  }
}

/**
 * The one of DATE_FORMATS closest to how `locale` writes a date in numbers: year first, month
 * first (en-US), or day first with dots (de-DE) or slashes (en-GB, en-KE, fr-FR, and any locale
 * the runtime does not know).
 */
export function dateFormatOfLocale(locale: string | null | undefined): DateFormat {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat(isLocale(locale) ? locale! : DEFAULT_LOCALE, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(
      new Date(Date.UTC(2026, 10, 23, 12)),
    )
  } catch {
    return 'dd/MM/yyyy'
  }
  const order = parts
    .filter((part) => part.type === 'year' || part.type === 'month' || part.type === 'day')
    .map((part) => part.type[0])
    .join('')
  if (order === 'ymd') return 'yyyy-MM-dd'
  if (order === 'mdy') return 'MM/dd/yyyy'
  return parts.some((part) => part.type === 'literal' && part.value.trim() === '.') ? 'dd.MM.yyyy' : 'dd/MM/yyyy'
}

type DatedOrganization = { timeZone?: string | null; locale?: string | null; dateFormat?: string | null }

/** The date style of an organization, in `timeZone` when a branch has its own. */
export function dateStyleOf(organization: DatedOrganization | null | undefined, timeZone?: string | null): DateStyle {
  const chosen = organization?.dateFormat
  return {
    timeZone: timeZone || organization?.timeZone || 'UTC',
    dateFormat: isDateFormat(chosen) ? chosen : dateFormatOfLocale(organization?.locale),
  }
}

const at = (value: string | Date, timeZone: string) => new TZDate(new Date(value).getTime(), timeZone)
const readable = (value: string | Date | null | undefined): value is string | Date => Boolean(value) && !Number.isNaN(new Date(value!).getTime())

/** A day as the organization writes it ("23/11/2026"); '—' for none. */
export const formatDate = (value: string | Date | null | undefined, style: DateStyle): string =>
  readable(value) ? format(at(value, style.timeZone), style.dateFormat) : '—'

/** A date and time as the organization writes them ("23/11/2026 13:05"); '—' for none. */
export const formatDateTime = (value: string | Date | null | undefined, style: DateStyle): string =>
  readable(value) ? format(at(value, style.timeZone), `${style.dateFormat} ${TIME_FORMAT}`) : '—'

/** A time of day ("13:05"); '—' for none. */
export const formatTime = (value: string | Date | null | undefined, style: DateStyle): string =>
  readable(value) ? format(at(value, style.timeZone), TIME_FORMAT) : '—'

/** Day and month only, in the order of the organization's format (chart labels: "23/11"). */
export function dayMonthFormat(dateFormat: DateFormat): string {
  return { 'dd/MM/yyyy': 'dd/MM', 'MM/dd/yyyy': 'MM/dd', 'yyyy-MM-dd': 'MM-dd', 'dd.MM.yyyy': 'dd.MM' }[dateFormat]
}

/** What a person is asked to type for a date: "dd/mm/yyyy". */
export const dateHint = (dateFormat: DateFormat) => dateFormat.toLowerCase()

/** A time zone in words: "East Africa Time (Africa/Nairobi)", or "UTC". */
export function zoneLabel(timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC'
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName')?.value
  return name && name !== timeZone ? `${name} (${timeZone})` : timeZone
}

/** A time zone's short name at an instant, to write beside a time: "GMT+3", "EST", "UTC". */
export function shortZoneName(timeZone: string, instant: string | Date = new Date()): string {
  if (timeZone === 'UTC') return 'UTC'
  const when = readable(instant) ? new Date(instant) : new Date()
  return new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' }).formatToParts(when).find((part) => part.type === 'timeZoneName')?.value ?? timeZone
}

export type Day = { year: number; month: number; day: number }

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A day typed in the organization's format, or written as 2026-11-23 (as links and the API
 * write days); null when it is not a real day (30/02/2026) or not in either form.
 */
export function parseDay(text: string | null | undefined, dateFormat: DateFormat): Day | null {
  const value = (text ?? '').trim()
  if (!value) return null
  const iso = ISO_DAY.exec(value)
  const parsed = iso
    ? new Date(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]))
    : parse(value, dateFormat, new Date(2000, 0, 1))
  if (!isValid(parsed) || parsed.getFullYear() < 1000 || parsed.getFullYear() > 9999) return null
  const day = { year: parsed.getFullYear(), month: parsed.getMonth() + 1, day: parsed.getDate() }
  // new Date rolls 30 February into March; such a day is not what was typed.
  if (iso && (day.month !== Number(iso[2]) || day.day !== Number(iso[3]))) return null
  return day
}

/** A day as 2026-11-23, the form links and the API use. */
export const isoDay = ({ year, month, day }: Day) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

/** The instant of a wall-clock time on a day in `timeZone`. */
export const zonedInstant = ({ year, month, day }: Day, hours: number, minutes: number, timeZone: string): Date =>
  new Date(new TZDate(year, month - 1, day, hours, minutes, 0, timeZone).getTime())

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/

/** A date and time typed as "<date in the organization's format> 13:05", as an instant in the style's zone; null if not one. */
export function parseDateTime(text: string | null | undefined, style: DateStyle): Date | null {
  const match = /^(.*\S)\s+(\d{1,2}:\d{2})$/.exec((text ?? '').trim())
  if (!match) return null
  const day = parseDay(match[1], style.dateFormat)
  const time = TIME.exec(match[2])
  if (!day || !time) return null
  return zonedInstant(day, Number(time[1]), Number(time[2]), style.timeZone)
}

/** The wall-clock fields of `instant` in `timeZone`, as a browser-local Date (what date pickers display). */
export function wallClockDate(instant: Date, timeZone: string): Date {
  const zoned = at(instant, timeZone)
  return new Date(zoned.getFullYear(), zoned.getMonth(), zoned.getDate(), zoned.getHours(), zoned.getMinutes())
}

/** The instant of a browser-local Date's wall-clock fields (what a picker returns) read in `timeZone`. */
export const instantOfWallClock = (local: Date, timeZone: string): Date =>
  zonedInstant({ year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() }, local.getHours(), local.getMinutes(), timeZone)
