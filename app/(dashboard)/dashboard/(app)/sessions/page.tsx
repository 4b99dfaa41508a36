import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { AutoRefresh } from '@/dashboard/components/AutoRefresh'
import { DeviceMac } from '@/dashboard/components/DeviceMac'
import { ForceLogoutButton } from '@/dashboard/components/ForceLogoutButton'
import { loadLiveSessions, loadRecentForceLogouts } from '@/dashboard/liveSessions'
import { Refused } from '@/dashboard/components/Refused'
import { may, requireStaff } from '@/dashboard/staff'
import { formatDateTime, formatTime } from '@/lib/dates'
import { formatBytes, formatDuration } from '@/lib/format'
import { firstParam } from '@/lib/searchParams'
import { countOf } from '@/lib/words'
import { UNREGISTERED_DEVICE } from '@/plugins/network/sessions/devices'
import { CONTROL_OUTCOME_LABELS, type ControlOutcome } from '@/plugins/network/sessions/fields'

export const metadata: Metadata = { title: 'Live sessions' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/dashboard/sessions`: who is online now at the branch, updated every few seconds. */
export default async function LiveSessionsPage({ searchParams }: Props) {
  const staff = await requireStaff()
  const params = await searchParams
  const selection = selectBranches(staff, params.branch)
  const search = firstParam(params.q) ?? ''
  const page = Math.max(1, Math.min(10_000, Number.parseInt(firstParam(params.page) ?? '', 10) || 1))
  const mayForceLogout = may(staff, 'sessions.forceLogout')

  if (!may(staff, 'sessions.read')) return <Refused title="Live sessions" reason="role" back="/dashboard/sessions" />
  if (selection.unknown) return <Refused title="Live sessions" reason="branch" back="/dashboard/sessions" />

  const [live, ended] = await Promise.all([
    loadLiveSessions(staff, selection.branches, search, page),
    loadRecentForceLogouts(staff, selection.branches),
  ])
  const now = Date.now()
  const keep = (extra: Record<string, string>) => {
    const query = new URLSearchParams()
    if (typeof params.branch === 'string' && params.branch) query.set('branch', params.branch)
    if (search) query.set('q', search)
    for (const [key, value] of Object.entries(extra)) query.set(key, value)
    return `/dashboard/sessions?${query}`
  }

  const clearSearch = typeof params.branch === 'string' && params.branch ? `/dashboard/sessions?branch=${encodeURIComponent(params.branch)}` : '/dashboard/sessions'

  return (
    <main>
      <div className="toolbar">
        <h1>
          Live sessions <span className="muted">· {selection.label}</span>
        </h1>
        <AutoRefresh seconds={5} timeZone={selection.timeZone} />
      </div>
      <form className="search" method="get" action="/dashboard/sessions" role="search">
        {typeof params.branch === 'string' && params.branch && <input type="hidden" name="branch" value={params.branch} />}
        <input name="q" defaultValue={search} placeholder="MAC, IP, customer or voucher code" aria-label="Search live sessions" />
        <button type="submit">Search</button>
        {search && <Link href={clearSearch}>Clear</Link>}
      </form>

      {live.rows.length === 0 ? (
        <div className="empty">
          {search ? (
            <p>No device online matches “{search}”. Check the spelling, or clear the search.</p>
          ) : (
            <p>No device is online at {selection.label} right now. Sessions appear here as soon as a router reports them.</p>
          )}
        </div>
      ) : (
        <div className="scroll">
          <table className="list" aria-label="Devices online">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Device</th>
                <th>Plan</th>
                <th>Time left</th>
                <th>Data</th>
                {mayForceLogout && <th aria-label="Actions" />}
              </tr>
            </thead>
            <tbody>
              {live.rows.map((row) => (
                <tr key={row.id} data-session={row.id}>
                  <td>
                    {row.customer}
                    {row.voucher && <div className="muted">voucher {row.voucher}</div>}
                    {selection.branches.length > 1 && <div className="muted">{row.branch}</div>}
                  </td>
                  <td>
                    <DeviceMac mac={row.mac} />
                    <div className="muted">{row.ip ?? 'no IP yet'}</div>
                  </td>
                  <td>
                    {row.plan ?? <span className="muted">—</span>}
                    <div className="muted">
                      since{' '}
                      <time dateTime={row.startedAt}>
                        {formatDateTime(row.startedAt, selection.dates)}
                      </time>
                    </div>
                  </td>
                  <td>{formatDuration(new Date(row.expiresAt).getTime() - now)}</td>
                  <td>
                    {formatBytes(row.bytesUsed)} used
                    <div className="muted">{row.bytesLeft === null ? 'no cap' : `${formatBytes(row.bytesLeft)} left`}</div>
                  </td>
                  {mayForceLogout && (
                    <td>
                      <ForceLogoutButton session={row.id} who={row.customer === UNREGISTERED_DEVICE && row.mac ? `${row.customer} ${row.mac}` : row.customer} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {live.totalPages > 1 && (
        <nav className="toolbar" aria-label="Pages">
          <span className="muted">
            Page {live.page} of {live.totalPages} · {countOf(live.total, 'device')}
          </span>
          <span>
            {live.page > 1 && <Link href={keep({ page: String(live.page - 1) })}>Previous</Link>}{' '}
            {live.page < live.totalPages && <Link href={keep({ page: String(live.page + 1) })}>Next</Link>}
          </span>
        </nav>
      )}

      {ended.length > 0 && (
        <section aria-labelledby="recent-heading" style={{ marginTop: '2rem' }}>
          <h2 id="recent-heading">Force-logged out recently</h2>
          <table className="list">
            <thead>
              <tr>
                <th>Customer</th>
                <th>MAC</th>
                <th>Ended</th>
                <th>Router</th>
              </tr>
            </thead>
            <tbody>
              {ended.map((row) => (
                <tr key={row.id} data-ended-session={row.id}>
                  <td>{row.customer}</td>
                  <td>
                    <DeviceMac mac={row.mac} />
                  </td>
                  <td>{formatTime(row.endedAt, selection.dates)}</td>
                  <td className={row.outcome ? `outcome-${row.outcome}` : undefined}>
                    {row.outcome ? CONTROL_OUTCOME_LABELS[row.outcome as ControlOutcome] : 'Queued for the router'}
                    {row.errorCause && <span className="muted"> ({row.errorCause})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  )
}
