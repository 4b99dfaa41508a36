import type { Metadata } from 'next'
import Link from 'next/link'
import type { Where } from 'payload'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { DayInput } from '@/dashboard/components/DateInputs'
import { Refused } from '@/dashboard/components/Refused'
import { dayFilterError, filterDay, historyFilters } from '@/dashboard/history'
import { may, requireStaff } from '@/dashboard/staff'
import { formatDateTime, zoneLabel } from '@/lib/dates'
import { dayRange } from '@/lib/days'
import { formatMinutes } from '@/lib/format'
import { countOf } from '@/lib/words'
import type { Ticket } from '@/payload-types'

export const metadata: Metadata = { title: 'Timesheet' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * `/dashboard/timesheet`: time booked on tickets in a date range: the team's for supervisors,
 * managers and admins (`timeSessions.viewTeam`), one's own for agents; totals per person and CSV.
 */
export default async function TimesheetPage({ searchParams }: Props) {
  const staff = await requireStaff()
  const params = await searchParams
  const selection = selectBranches(staff, params.branch)
  const team = may(staff, 'timeSessions.viewTeam')
  if (!team && !may(staff, 'timeSessions.track')) return <Refused title="Timesheet" reason="role" back="/dashboard/timesheet" />
  const { from, to } = historyFilters(params, selection.dates)
  const wrongDays = dayFilterError({ from, to }, selection.dates)
  const range = wrongDays ? { error: wrongDays } : dayRange(from, to, selection.timeZone, 93)
  if ('error' in range && !wrongDays) range.error = 'Show at most 93 days at a time.'

  let entries: { id: string; agent: string; ticket: string; ticketId: string; start: string; minutes: number; kind: string }[] = []
  if (!('error' in range) && !selection.unknown) {
    const conditions: Where[] = [
      { startTime: { greater_than_equal: range.start.toISOString() } },
      { startTime: { less_than: range.end.toISOString() } },
    ]
    if (!team) conditions.push({ agent: { equals: staff.user.id } })
    if (selection.branches.length === 1) conditions.push({ location: { equals: selection.branches[0].id } })
    const { docs } = await staff.req.payload.find({
      collection: 'time-sessions',
      where: { and: conditions },
      sort: 'startTime',
      depth: 1,
      limit: 5000,
      pagination: false,
      req: staff.req,
      overrideAccess: false,
    })
    entries = docs.map((entry) => {
      const ticket = entry.ticket && typeof entry.ticket === 'object' ? (entry.ticket as Ticket) : null
      return {
        id: String(entry.id),
        agent: entry.agentName ?? '—',
        ticket: ticket ? `#${ticket.number} ${ticket.title}` : '',
        ticketId: ticket ? String(ticket.id) : '',
        start: entry.startTime,
        minutes: entry.durationMinutes ?? 0,
        kind: entry.kind,
      }
    })
  }
  const totals = new Map<string, number>()
  for (const entry of entries) totals.set(entry.agent, (totals.get(entry.agent) ?? 0) + entry.minutes)
  // Timers stopped within a minute book nothing: counted, not listed.
  const emptyTimers = entries.filter((entry) => entry.kind === 'timer' && entry.minutes === 0).length
  const listed = entries.filter((entry) => entry.kind !== 'timer' || entry.minutes !== 0)
  const exportQuery = new URLSearchParams({ from, to })
  if (selection.branches.length === 1) exportQuery.set('location', selection.branches[0].id)
  if (!team) exportQuery.set('agent', String(staff.user.id))

  return (
    <main>
      <div className="toolbar">
        <h1>
          {team ? 'Team timesheet' : 'My time'} <span className="muted">· {selection.label}</span>
        </h1>
        {entries.length > 0 && (
          <a href={`/api/time-sessions/export?${exportQuery}`} download>
            Export CSV
          </a>
        )}
      </div>
      <form className="search" method="get" action="/dashboard/timesheet" aria-label="Choose the days">
        {typeof params.branch === 'string' && params.branch && <input type="hidden" name="branch" value={params.branch} />}
        <DayInput name="from" label="From" dateFormat={selection.dates.dateFormat} defaultValue={filterDay(from, selection.dates)} required />
        <DayInput name="to" label="To" dateFormat={selection.dates.dateFormat} defaultValue={filterDay(to, selection.dates)} required />
        <button type="submit">Show</button>
      </form>
      <p className="muted">Days and times in {zoneLabel(selection.timeZone)}.</p>
      {selection.unknown ? (
        <p className="notice" role="alert">
          That branch is not one of yours. <Link href="/dashboard/timesheet">Show all my branches</Link>.
        </p>
      ) : 'error' in range ? (
        <p className="notice" role="alert">
          {range.error}
        </p>
      ) : entries.length === 0 ? (
        <div className="empty">
          <p>No time booked in these days. Time is booked from a ticket&apos;s page, with the timer or by hand.</p>
        </div>
      ) : (
        <>
          <table className="list" aria-label="Totals" style={{ marginBottom: '1.5rem' }}>
            <thead>
              <tr>
                <th>Who</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {[...totals].map(([agent, minutes]) => (
                <tr key={agent}>
                  <td>{agent}</td>
                  <td data-minutes={minutes}>{formatMinutes(minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="scroll">
            <table className="list" aria-label="Entries">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>Ticket</th>
                  <th>Time</th>
                </tr>
              </thead>
              <tbody>
                {listed.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      {entry.kind === 'adjustment' ? 'correction · ' : ''}
                      {formatDateTime(entry.start, selection.dates)}
                    </td>
                    <td>{entry.agent}</td>
                    <td>{entry.ticketId ? <Link href={`/dashboard/tickets/${entry.ticketId}`}>{entry.ticket}</Link> : '—'}</td>
                    <td>{formatMinutes(entry.minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {emptyTimers > 0 && (
            <p className="muted" data-empty-timers={emptyTimers}>
              Not listed: {countOf(emptyTimers, 'timer')} stopped within a minute, booking no time.
            </p>
          )}
        </>
      )}
    </main>
  )
}
