import { TZDate } from '@date-fns/tz'
import { format, subDays } from 'date-fns'
import type { Where } from 'payload'

import { dayRange } from '@/lib/days'
import { isUuid } from '@/lib/ids'
import { TERMINATE_CAUSES } from '@/plugins/network/sessions/fields'
import type { Session } from '@/payload-types'

import type { BranchSelection } from './branches'
import { summarizeSession } from './liveSessions'
import type { Staff } from './staff'

export type HistoryFilters = { from: string; to: string; plan: string; customer: string; cause: string }

export type HistoryRow = {
  id: string
  customer: string
  voucher: string | null
  mac: string
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
const text = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? '').trim().slice(0, 100)

/** The filters from the query string: the last 7 days (in `timeZone`) unless dates are given. */
export function historyFilters(params: Params, timeZone: string, now = new Date()): HistoryFilters {
  const local = new TZDate(now.getTime(), timeZone)
  const today = format(local, 'yyyy-MM-dd')
  const weekAgo = format(subDays(local, 6), 'yyyy-MM-dd')
  return {
    from: text(params.from) || weekAgo,
    to: text(params.to) || today,
    plan: text(params.plan),
    customer: text(params.customer),
    cause: text(params.cause),
  }
}

/** The ended sessions the filters name, as a Local API query, or the reason the filters are wrong. */
export function historyWhere(filters: HistoryFilters, selection: BranchSelection): { where: Where } | { error: string } {
  const range = dayRange(filters.from, filters.to, selection.timeZone, HISTORY_DAYS)
  if ('error' in range) return range
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

function toRow(session: Session, branchNames: Map<string, string>): HistoryRow {
  const { bytesUsed, plan, ...summary } = summarizeSession(session, branchNames)
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
  const names = new Map(selection.branches.map((branch) => [branch.id, branch.name]))
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
  return { rows: result.docs.map((session) => toRow(session, names)), page: result.page ?? 1, totalPages: result.totalPages, total: result.totalDocs }
}

export const HISTORY_CSV_HEADER = ['started', 'ended', 'minutes', 'customer', 'voucher', 'mac', 'ip', 'plan', 'branch', 'bytes', 'end reason'] as const

/** A row as the CSV export writes it, times in the branch's time zone. */
export function historyCsvRow(row: HistoryRow, timeZone: string): (string | number)[] {
  const local = (value: string | null) => (value ? format(new TZDate(new Date(value).getTime(), timeZone), 'yyyy-MM-dd HH:mm') : '')
  return [local(row.startedAt), local(row.endedAt), row.minutes, row.customer, row.voucher ?? '', row.mac, row.ip ?? '', row.plan ?? '', row.branch, row.bytes, row.cause ?? '']
}
