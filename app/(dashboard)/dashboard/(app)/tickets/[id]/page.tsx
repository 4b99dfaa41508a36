import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { TimerControl } from '@/dashboard/components/TimerControl'
import { AdjustForm, CommentForm, ManualEntryForm } from '@/dashboard/components/TicketForms'
import { loadTicket, myRunningTimer } from '@/dashboard/helpdesk'
import { may, requireStaff } from '@/dashboard/staff'
import { dateStyleOf, formatDateTime, zoneLabel } from '@/lib/dates'
import { formatMinutes } from '@/lib/format'
import { countOf } from '@/lib/words'

export const metadata: Metadata = { title: 'Ticket' }

type Props = { params: Promise<{ id: string }> }

/** `/dashboard/tickets/<id>`: the conversation, the time booked, and the agent's timer. */
export default async function TicketPage({ params }: Props) {
  const staff = await requireStaff()
  const { id } = await params
  const page = await loadTicket(staff, id)
  if (!page) {
    return (
      <main>
        <h1>Ticket</h1>
        <p className="notice" role="alert">
          No such ticket in your organization. <Link href="/dashboard/tickets">Back to the tickets</Link>.
        </p>
      </main>
    )
  }
  const { ticket } = page
  const tracks = !staff.context.isSuperAdmin && may(staff, 'timeSessions.track')
  const running = tracks ? await myRunningTimer(staff) : null
  // The ticket's branch's zone (else the organization's): the form takes times in it, the tables show them in it.
  const dates = dateStyleOf(staff.organization, ticket.branchTimeZone)
  const zone = zoneLabel(dates.timeZone)
  const time = (value: string | null) => formatDateTime(value, dates)
  // Timers stopped within a minute of starting book nothing; they are folded away, not listed.
  const emptyTimer = (entry: (typeof page.time)[number]) => entry.kind === 'timer' && entry.endTime !== null && entry.minutes === 0 && !entry.corrected
  const booked = page.time.filter((entry) => !emptyTimer(entry))
  const empty = page.time.filter(emptyTimer)

  return (
    <main>
      <p>
        <Link href="/dashboard/tickets">← Tickets</Link>
      </p>
      <h1>
        #{ticket.number} {ticket.title}
      </h1>
      <p className="muted">
        {ticket.status} · {ticket.priority} · from {ticket.requester} · assigned to {ticket.assignee} ·{' '}
        <strong data-total-minutes={ticket.minutes}>{formatMinutes(ticket.minutes)}</strong> in all
      </p>
      {ticket.description && <p style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</p>}

      {tracks && (
        <section aria-labelledby="time-heading" style={{ marginBlock: '1.5rem' }}>
          <h2 id="time-heading">Your time</h2>
          <TimerControl ticket={ticket.id} running={running} />
          <ManualEntryForm ticket={ticket.id} dates={dates} zone={zone} />
        </section>
      )}

      <section aria-labelledby="entries-heading" style={{ marginBlock: '1.5rem' }}>
        <h2 id="entries-heading">Time booked</h2>
        {booked.length === 0 ? (
          <p className="muted">No time booked yet.</p>
        ) : (
          <div className="scroll">
            <table className="list" aria-label="Time booked">
              <thead>
                <tr>
                  <th>Who</th>
                  <th>From</th>
                  <th>To</th>
                  <th>Time</th>
                  <th>Note</th>
                  <th aria-label="Corrections" />
                </tr>
              </thead>
              <tbody>
                {booked.map((entry) => (
                  <tr key={entry.id} data-entry={entry.id}>
                    <td>{entry.agent}</td>
                    <td>{entry.kind === 'adjustment' ? 'correction' : time(entry.startTime)}</td>
                    <td>{entry.kind === 'adjustment' ? '' : entry.endTime ? time(entry.endTime) : <strong>running</strong>}</td>
                    <td>{entry.minutes === null ? '' : formatMinutes(entry.minutes)}</td>
                    <td>
                      {entry.note || entry.reason}
                      {entry.autoStopped && <div className="muted">stopped as forgotten</div>}
                    </td>
                    <td>{entry.kind !== 'adjustment' && entry.endTime && (entry.mine || page.mayAdjustTeam) && <AdjustForm entry={entry.id} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!tracks && <p className="muted">Times in {zone}.</p>}
        {empty.length > 0 && (
          <details data-empty-timers={empty.length}>
            <summary className="muted">
              {countOf(empty.length, 'timer')} stopped within a minute, booking no time
            </summary>
            <ul>
              {empty.map((entry) => (
                <li key={entry.id}>
                  {entry.agent} · {time(entry.startTime)}
                  {entry.note && ` · ${entry.note}`}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section aria-labelledby="conversation-heading" style={{ marginBlock: '1.5rem' }}>
        <h2 id="conversation-heading">Conversation</h2>
        {page.comments.length === 0 ? (
          <p className="muted">No replies yet.</p>
        ) : (
          <ol style={{ paddingLeft: '1.2rem' }}>
            {page.comments.map((comment) => (
              <li key={comment.id} style={{ marginBottom: '0.75rem' }}>
                <strong>{comment.author}</strong> <span className="muted">{time(comment.at)}</span>
                <div style={{ whiteSpace: 'pre-wrap' }}>{comment.body}</div>
              </li>
            ))}
          </ol>
        )}
        <CommentForm ticket={ticket.id} />
      </section>
    </main>
  )
}
