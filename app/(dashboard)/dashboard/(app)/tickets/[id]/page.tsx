import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { TimerControl } from '@/dashboard/components/TimerControl'
import { AdjustForm, CommentForm, ManualEntryForm } from '@/dashboard/components/TicketForms'
import { loadTicket, myRunningTimer } from '@/dashboard/helpdesk'
import { may, requireStaff } from '@/dashboard/staff'
import { formatDateTime } from '@/lib/format'

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
  const timeZone = staff.organization.timeZone || 'UTC'
  const time = (value: string | null) => formatDateTime(value, timeZone)

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
        <strong data-total-minutes={ticket.minutes}>{ticket.minutes} min</strong> in all
      </p>
      {ticket.description && <p style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</p>}

      {tracks && (
        <section aria-labelledby="time-heading" style={{ marginBlock: '1.5rem' }}>
          <h2 id="time-heading">Your time</h2>
          <TimerControl ticket={ticket.id} running={running} />
          <ManualEntryForm ticket={ticket.id} />
        </section>
      )}

      <section aria-labelledby="entries-heading" style={{ marginBlock: '1.5rem' }}>
        <h2 id="entries-heading">Time booked</h2>
        {page.time.length === 0 ? (
          <p className="muted">No time booked yet.</p>
        ) : (
          <div className="scroll">
            <table className="list" aria-label="Time booked">
              <thead>
                <tr>
                  <th>Who</th>
                  <th>From</th>
                  <th>To</th>
                  <th>Minutes</th>
                  <th>Note</th>
                  <th aria-label="Corrections" />
                </tr>
              </thead>
              <tbody>
                {page.time.map((entry) => (
                  <tr key={entry.id} data-entry={entry.id}>
                    <td>{entry.agent}</td>
                    <td>{entry.kind === 'adjustment' ? 'correction' : time(entry.startTime)}</td>
                    <td>{entry.kind === 'adjustment' ? '' : entry.endTime ? time(entry.endTime) : <strong>running</strong>}</td>
                    <td>{entry.minutes ?? ''}</td>
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
