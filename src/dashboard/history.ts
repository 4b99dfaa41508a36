import { TZDate } from '@date-fns/tz'
import { format, subDays } from 'date-fns'
import type { Where } from 'payload'

import { type DateStyle, dateHint, isoDay, parseDay } from '@/lib/dates'
import { dayRange } from '@/lib/days'
import { isUuid } from '@/lib/ids'
import { firstParam, type ParamValue } from '@/lib/searchParams'
import { TERMINATE_CAUSES } from '@/plugins/network/sessions/fields'
import type { Session } from '@/payload-types'

import type { BranchSelection } from './branches'
import { type SummaryContext, summarizeSession, summaryContext } from './liveSessions'
import type { Staff } from './staff'

/** `from` and `to` as 2026-11-23 (what links, the CSV and the API take) once they are real days. */
export type HistoryFilters = { from: string; to: string; plan: string; customer: string; cause: string }

export type HistoryRow = {
  id: string
  customer: string
  voucher: string | null
  /** The device's MAC, or null when its router reported none. */
  mac: string | null
  ip: string | null
  plan: string | null
  branch: string
  startedAt: string
  endedAt: string | null
  minutes: number
  bytes: number
  cause: string | null
}

const HISTORY_DAYS = 366
const PAGE_SIZE = 50

type Params = Record<string, string | string[] | undefined>
const text = (value: ParamValue) => (firstParam(value) ?? '').trim().slice(0, 100)

/**
 * The filters from the query string: the last 7 days (in the style's zone) unless days are given,
 * typed in the organization's date format (or as 2026-11-23, as links write them); a day that
 * is not one is kept as typed, for `dayFilterError` to say so.
 */
export function historyFilters(params: Params, dates: DateStyle, now = new Date()): HistoryFilters {
  const local = new TZDate(now.getTime(), dates.timeZone)
  const day = (value: string, fallback: string) => {
    if (!value) return fallback
    const parsed = parseDay(value, dates.dateFormat)
    return parsed ? isoDay(parsed) : value
  }
  return {
    from: day(text(params.from), format(subDays(local, 6), 'yyyy-MM-dd')),
    to: day(text(params.to), format(local, 'yyyy-MM-dd')),
    plan: text(params.plan),
    customer: text(params.customer),
    cause: text(params.cause),
  }
}

/** The days of `filters` in words if one is not a real day or they run backwards; null when they are fine. */
export function dayFilterError(filters: Pick<HistoryFilters, 'from' | 'to'>, dates: DateStyle): string | null {
  const hint = dateHint(dates.dateFormat)
  const from = parseDay(filters.from, dates.dateFormat)
  const to = parseDay(filters.to, dates.dateFormat)
  if (!from) return `The first day, “${filters.from}”, is not a date: write it as ${hint}.`
  if (!to) return `The last day, “${filters.to}”, is not a date: write it as ${hint}.`
  if (isoDay(to) < isoDay(from)) return `The last day (${filterDay(filters.to, dates)}) is before the first (${filterDay(filters.from, dates)}).`
  return null
}

/** A day of the filters as the organization writes it, for the form's boxes. */
export const filterDay = (value: string, dates: DateStyle) => {
  const day = parseDay(value, dates.dateFormat)
  return day ? format(new Date(day.year, day.month - 1, day.day), dates.dateFormat) : value
}

/** The ended sessions the filters name, as a Local API query, or the reason the filters are wrong. */
export function historyWhere(filters: HistoryFilters, selection: BranchSelection): { where: Where } | { error: string } {
  const wrongDays = dayFilterError(filters, selection.dates)
  if (wrongDays) return { error: wrongDays }
  const range = dayRange(filters.from, filters.to, selection.timeZone, HISTORY_DAYS)
  if ('error' in range) return { error: `Show at most ${HISTORY_DAYS} days at a time.` }
  const conditions: Where[] = [
    { status: { in: ['expired', 'terminated'] } },
    { location: { in: selection.branches.map((branch) => branch.id) } },
    { startedAt: { greater_than_equal: range.start.toISOString() } },
    { startedAt: { less_than: range.end.toISOString() } },
  ]
  if (filters.plan) {
    if (!isUuid(filters.plan)) return { error: 'Choose a plan from the list.' }
    conditions.push({ plan: { equals: filters.plan } })
  }
  if (filters.cause) {
    if (!(TERMINATE_CAUSES as readonly string[]).includes(filters.cause)) return { error: 'Choose an end reason from the list.' }
    conditions.push({ terminateCause: { equals: filters.cause } })
  }
  if (filters.customer) {
    conditions.push({
      or: [{ 'user.name': { like: filters.customer } }, { 'user.email': { like: filters.customer } }, { 'voucher.code': { equals: filters.customer.toUpperCase() } }],
    })
  }
  return { where: { and: conditions } }
}

function toRow(session: Session, context: SummaryContext): HistoryRow {
  const { bytesUsed, plan, ...summary } = summarizeSession(session, context)
  const end = session.endedAt ? new Date(session.endedAt).getTime() : new Date(session.startedAt).getTime()
  return {
    ...summary,
    plan: plan?.name ?? null,
    startedAt: session.startedAt,
    endedAt: session.endedAt ?? null,
    minutes: Math.max(0, Math.round((end - new Date(session.startedAt).getTime()) / 60_000)),
    bytes: bytesUsed,
    cause: session.terminateCause ?? null,
  }
}

/** One page of ended sessions, newest first, through the Local API as the person. */
export async function loadHistory(staff: Staff, selection: BranchSelection, where: Where, page: number, limit = PAGE_SIZE) {
  const context = await summaryContext(staff, selection.branches)
  const result = await staff.req.payload.find({
    collection: 'sessions',
    where,
    sort: '-startedAt',
    depth: 1,
    limit,
    page,
    req: staff.req,
    overrideAccess: false,
  })
  return { rows: result.docs.map((session) => toRow(session, context)), page: result.page ?? 1, totalPages: result.totalPages, total: result.totalDocs }
}

export const HISTORY_CSV_HEADER = ['started', 'ended', 'minutes', 'customer', 'voucher', 'mac', 'ip', 'plan', 'branch', 'bytes', 'end reason'] as const

/** A row as the CSV export writes it, times in the branch's time zone. */
export function historyCsvRow(row: HistoryRow, timeZone: string): (string | number)[] {
  const local = (value: string | null) => (value ? format(new TZDate(new Date(value).getTime(), timeZone), 'yyyy-MM-dd HH:mm') : '')
  return [local(row.startedAt), local(row.endedAt), row.minutes, row.customer, row.voucher ?? '', row.mac ?? '', row.ip ?? '', row.plan ?? '', row.branch, row.bytes, row.cause ?? '']
}
