import { TZDate } from '@date-fns/tz'
import { addDays, differenceInCalendarDays } from 'date-fns'

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

export type DayRange = { start: Date; end: Date }

function dayOf(value: string | null | undefined, name: string): { year: number; month: number; day: number } | string {
  const match = value ? DAY.exec(value) : null
  if (!match) return `${name} is required as a date, YYYY-MM-DD.`
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return `${name} is not a real date: ${value}.`
  return { year, month, day }
}

/**
 * The instants from the start of day `from` to the end of day `to` (both YYYY-MM-DD, inclusive)
 * in `timeZone`, or the reason they are not a range: missing, not real dates, backwards, or
 * longer than `maxDays`.
 */
export function dayRange(from: string | null | undefined, to: string | null | undefined, timeZone: string, maxDays: number): DayRange | { error: string } {
  const first = dayOf(from, 'from')
  if (typeof first === 'string') return { error: first }
  const last = dayOf(to, 'to')
  if (typeof last === 'string') return { error: last }
  const start = new TZDate(first.year, first.month - 1, first.day, timeZone)
  const lastDay = new TZDate(last.year, last.month - 1, last.day, timeZone)
  if (lastDay < start) return { error: 'to must be on or after from.' }
  if (differenceInCalendarDays(lastDay, start) >= maxDays) return { error: `Export at most ${maxDays} days at a time.` }
  return { start: new Date(start.getTime()), end: new Date(addDays(lastDay, 1).getTime()) }
}
