import type { Metadata } from 'next'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { UsageCharts } from '@/dashboard/components/UsageCharts'
import { Refused } from '@/dashboard/components/Refused'
import { may, requireStaff } from '@/dashboard/staff'
import { loadUsage } from '@/dashboard/usage'
import { zoneLabel } from '@/lib/dates'
import { formatBytes } from '@/lib/format'

export const metadata: Metadata = { title: 'Usage' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/dashboard/usage`: data and devices over the last day and month, and who used the most. */
export default async function UsagePage({ searchParams }: Props) {
  const staff = await requireStaff()
  const params = await searchParams
  const selection = selectBranches(staff, params.branch)
  if (!may(staff, 'sessions.read')) return <Refused title="Usage" reason="role" back="/dashboard/usage" />
  if (selection.unknown) return <Refused title="Usage" reason="branch" back="/dashboard/usage" />
  const usage = await loadUsage(staff, selection)
  return (
    <main>
      <h1>
        Usage <span className="muted">· {selection.label}</span>
      </h1>
      <p className="muted">
        Hours and days in {zoneLabel(selection.timeZone)}. A session&apos;s data is spread evenly over its time online; a device
        counts in every hour its router reported it online, however briefly.
      </p>
      <UsageCharts hourly={usage.hourly} daily={usage.daily} top={usage.top} />
      <h2>Top customers, last 30 days</h2>
      {usage.top.length === 0 ? (
        <p className="empty">No data used yet in the last 30 days.</p>
      ) : (
        <table className="list" aria-label="Top customers">
          <tbody>
            {usage.top.map((row, index) => (
              <tr key={`${row.name}-${index}`}>
                <td>{row.name}</td>
                <td>{formatBytes(row.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  )
}
