import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { DayInput } from '@/dashboard/components/DateInputs'
import { DeviceMac } from '@/dashboard/components/DeviceMac'
import { filterDay, historyFilters, historyWhere, loadHistory } from '@/dashboard/history'
import { planOptions } from '@/dashboard/plans'
import { Refused } from '@/dashboard/components/Refused'
import { may, requireStaff } from '@/dashboard/staff'
import { formatDate, formatDateTime, zoneLabel } from '@/lib/dates'
import { formatBytes, formatMinutes } from '@/lib/format'
import { countOf } from '@/lib/words'
import { archiveCutoff } from '@/plugins/network/sessions/archive'
import { TERMINATE_CAUSE_LABELS, TERMINATE_CAUSES, terminateCauseLabel } from '@/plugins/network/sessions/fields'

export const metadata: Metadata = { title: 'History' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/dashboard/history`: ended sessions, filtered on the server and a page at a time, with CSV. */
export default async function HistoryPage({ searchParams }: Props) {
  const staff = await requireStaff()
  const params = await searchParams
  const selection = selectBranches(staff, params.branch)
  if (!may(staff, 'sessions.read')) return <Refused title="History" reason="role" back="/dashboard/history" />
  if (selection.unknown) return <Refused title="History" reason="branch" back="/dashboard/history" />
  const filters = historyFilters(params, selection.dates)
  const query = historyWhere(filters, selection)
  const page = Math.max(1, Math.min(10_000, Number.parseInt(String(params.page ?? ''), 10) || 1))
  const [plans, history] = await Promise.all([planOptions(staff), 'error' in query ? null : loadHistory(staff, selection, query.where, page)])

  const archivedBefore = archiveCutoff()
  const reachesArchive = !('error' in query) && new Date(`${filters.from}T00:00:00Z`).getTime() < archivedBefore.getTime()
  // Links carry days as 2026-11-23 (the pages read both that and the organization's format).
  const shown = new URLSearchParams()
  if (typeof params.branch === 'string' && params.branch) shown.set('branch', params.branch)
  for (const [key, value] of Object.entries(filters)) if (value) shown.set(key, value)
  const pageHref = (target: number) => `/dashboard/history?${new URLSearchParams([...shown, ['page', String(target)]])}`
  const time = (value: string | null) => formatDateTime(value, selection.dates)

  return (
    <main>
      <div className="toolbar">
        <h1>
          History <span className="muted">· {selection.label}</span>
        </h1>
        {history && history.total > 0 && (
          <a href={`/dashboard/history/export?${shown}`} download>
            Export CSV
          </a>
        )}
      </div>
      <form className="search" method="get" action="/dashboard/history" aria-label="Filter the history">
        {typeof params.branch === 'string' && params.branch && <input type="hidden" name="branch" value={params.branch} />}
        <DayInput name="from" label="From" dateFormat={selection.dates.dateFormat} defaultValue={filterDay(filters.from, selection.dates)} required />
        <DayInput name="to" label="To" dateFormat={selection.dates.dateFormat} defaultValue={filterDay(filters.to, selection.dates)} required />
        <select name="plan" defaultValue={filters.plan} aria-label="Plan">
          <option value="">All plans</option>
          {plans.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.name}
            </option>
          ))}
        </select>
        <select name="cause" defaultValue={filters.cause} aria-label="End reason">
          <option value="">Any end reason</option>
          {TERMINATE_CAUSES.map((cause) => (
            <option key={cause} value={cause}>
              {TERMINATE_CAUSE_LABELS[cause]}
            </option>
          ))}
        </select>
        <input name="customer" defaultValue={filters.customer} placeholder="Customer or voucher code" aria-label="Customer" />
        <button type="submit">Show</button>
      </form>
      <p className="muted">
        Days and times in {zoneLabel(selection.timeZone)}.{' '}
        {reachesArchive && (
          <strong>
            Sessions that ended before {formatDate(archivedBefore, selection.dates)} have moved to Archived
            sessions in the admin panel; they are not in this list or its CSV.
          </strong>
        )}
      </p>

      {'error' in query ? (
        <p className="notice" role="alert">
          {query.error}
        </p>
      ) : !history || history.rows.length === 0 ? (
        <div className="empty">
          <p>No session ended in these days with these filters. Widen the dates or clear a filter.</p>
        </div>
      ) : (
        <>
          <div className="scroll">
            <table className="list" aria-label="Ended sessions">
              <thead>
                <tr>
                  <th>Started</th>
                  <th>Customer</th>
                  <th>Device</th>
                  <th>Plan</th>
                  <th>Length</th>
                  <th>Data</th>
                  <th>End reason</th>
                </tr>
              </thead>
              <tbody>
                {history.rows.map((row) => (
                  <tr key={row.id} data-session={row.id}>
                    <td>
                      {time(row.startedAt)}
                      <div className="muted">ended {time(row.endedAt)}</div>
                    </td>
                    <td>
                      {row.customer}
                      {row.voucher && <div className="muted">voucher {row.voucher}</div>}
                      {selection.branches.length > 1 && <div className="muted">{row.branch}</div>}
                    </td>
                    <td>
                      <DeviceMac mac={row.mac} />
                      <div className="muted">{row.ip ?? ''}</div>
                    </td>
                    <td>{row.plan ?? '—'}</td>
                    <td>{formatMinutes(row.minutes)}</td>
                    <td>{formatBytes(row.bytes)}</td>
                    <td>{row.cause ? terminateCauseLabel(row.cause) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="toolbar" aria-label="Pages">
            <span className="muted">
              Page {history.page} of {history.totalPages} · {countOf(history.total, 'session')}
            </span>
            <span>
              {history.page > 1 && <Link href={pageHref(history.page - 1)}>Previous</Link>}{' '}
              {history.page < history.totalPages && <Link href={pageHref(history.page + 1)}>Next</Link>}
            </span>
          </nav>
        </>
      )}
    </main>
  )
}
