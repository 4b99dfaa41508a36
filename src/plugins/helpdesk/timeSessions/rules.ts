/**
 * The rules of time tracking (seed 002) that do not need the database: durations, the limits on
 * what a person may enter, and the messages people see when a rule stops them.
 */

export const TIME_SESSION_KINDS = ['timer', 'manual', 'adjustment'] as const
export type TimeSessionKind = (typeof TIME_SESSION_KINDS)[number]

export const MESSAGES = {
  active: 'You have an active session. Please stop it before starting a new one.',
  overlap: 'This time overlaps another of your time sessions.',
  notYours: 'Only the agent who started a session can stop it.',
  alreadyStopped: 'This session has already been stopped.',
  noTicket: 'No such ticket in your organization.',
  noSession: 'No such time session in your organization.',
  platformOwner: "The platform owner does not track time on organizations' tickets.",
  staffOnly: 'Only staff who work tickets can track time.',
  ownOnly: 'You can only view your own time sessions.',
} as const

/** A manual entry or a correction covers at most a day; longer work is entered day by day. */
export const MAX_ENTRY_MINUTES = 24 * 60
export const MAX_NOTE_LENGTH = 2_000
export const DEFAULT_TIMER_LIMIT_HOURS = 12

/**
 * Whole minutes from `start` to `end`, rounded down (10:00–12:30 → 150; a few seconds → 0).
 * Accepts dates or ISO strings; anything unreadable, or an end before the start, gives 0.
 */
export function durationMinutes(start: Date | string | null | undefined, end: Date | string | null | undefined): number {
  if (!start || !end) return 0
  const from = new Date(start).getTime()
  const to = new Date(end).getTime()
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return 0
  return Math.floor((to - from) / 60_000)
}

/** `BEACON_TIMER_LIMIT_HOURS`: after how long a running timer is taken as forgotten (12). */
export function timerLimitHours(value = process.env.BEACON_TIMER_LIMIT_HOURS): number {
  const parsed = value === undefined || value === '' ? DEFAULT_TIMER_LIMIT_HOURS : Number(value)
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 24 * 7) {
    throw new Error(`BEACON_TIMER_LIMIT_HOURS must be a number of hours above 0 and at most 168 (got "${value}")`)
  }
  return parsed
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i

/**
 * A moment given as ISO 8601 with a time zone (`2025-02-03T10:00:00Z`, `…T13:00+03:00`), or
 * null. Dates that do not exist (February 30th) are refused rather than rolled into March.
 */
export function parseMoment(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const match = ISO_DATE_TIME.exec(value.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = match.slice(1).map((part) => part ?? undefined)
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  const realDay = calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day)
  if (!realDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) {
    return null
  }
  const date = new Date(value.trim())
  return Number.isNaN(date.getTime()) ? null : date
}

/** An optional note: trimmed, empty as none; too long is an error for the caller to report. */
export function readNote(value: unknown): { note: string | null | undefined } | { error: string } {
  if (value === undefined) return { note: undefined }
  if (value === null) return { note: null }
  if (typeof value !== 'string') return { error: 'note must be text.' }
  const note = value.trim()
  if (note.length > MAX_NOTE_LENGTH) return { error: `note is too long (at most ${MAX_NOTE_LENGTH} characters).` }
  return { note: note || null }
}
