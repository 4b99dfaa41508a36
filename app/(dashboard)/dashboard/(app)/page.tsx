import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { loadOverview } from '@/dashboard/overview'
import { Refused } from '@/dashboard/components/Refused'
import { may, requireStaff } from '@/dashboard/staff'
import { formatBytes } from '@/lib/format'
import { nounFor } from '@/lib/words'

export const metadata: Metadata = { title: 'Overview' }

type Props = {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

/** `/dashboard`: the branch at a glance, each figure leading to its page. */
export default async function OverviewPage({ searchParams }: Props) {
  const staff = await requireStaff()
  const { branch } = await searchParams
  const selection = selectBranches(staff, branch)
  if (selection.unknown) return <Refused title="Overview" reason="branch" back="/dashboard" />
  const overview = await loadOverview(staff, selection.branches, selection.timeZone)
  const query = typeof branch === 'string' && branch ? `?branch=${encodeURIComponent(branch)}` : ''
  return (
    <main>
      <h1>
        Overview <span className="muted">· {selection.label}</span>
      </h1>
      <div className="cards">
        {may(staff, 'sessions.read') && (
          <>
            <Link className="card" href={`/dashboard/sessions${query}`} data-figure="devices-online">
              <div className="figure">{overview.devicesOnline}</div>
              <div className="label">{nounFor(overview.devicesOnline, 'device')} online now</div>
            </Link>
            <Link className="card" href={`/dashboard/sessions${query}`} data-figure="data-today">
              <div className="figure">{formatBytes(overview.bytesToday)}</div>
              <div className="label">data used by sessions started today</div>
            </Link>
            <Link className="card" href={`/dashboard/sessions${query}`} data-figure="sessions-today">
              <div className="figure">{overview.sessionsStartedToday}</div>
              <div className="label">{nounFor(overview.sessionsStartedToday, 'session')} started today</div>
            </Link>
          </>
        )}
        {overview.routers && (
          <Link className="card" href={`/dashboard/routers${query}`} data-figure="routers">
            <div className="figure">
              {overview.routers.online} <span className="muted">/ {overview.routers.online + overview.routers.offline}</span>
            </div>
            <div className="label">
              {nounFor(overview.routers.online, 'router')} online
              {overview.routers.offline > 0 ? ` · ${overview.routers.offline} offline` : ''}
            </div>
          </Link>
        )}
        {overview.openTickets !== null && (
          <Link className="card" href={`/dashboard/tickets${query}`} data-figure="open-tickets">
            <div className="figure">{overview.openTickets}</div>
            <div className="label">open {nounFor(overview.openTickets, 'ticket')}</div>
          </Link>
        )}
        {overview.vouchersLeft && (
          <Link className="card" href={`/dashboard/vouchers${query}`} data-figure="vouchers-left">
            <div className="label">vouchers left</div>
            {overview.vouchersLeft.length === 0 ? (
              <p>None left: generate a batch.</p>
            ) : (
              <ul>
                {overview.vouchersLeft.map((row) => (
                  <li key={row.plan}>
                    {row.planName}: <strong>{row.left}</strong>
                  </li>
                ))}
              </ul>
            )}
          </Link>
        )}
      </div>
    </main>
  )
}
