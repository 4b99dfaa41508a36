import type { UIFieldServerProps } from 'payload'
import React from 'react'

import { relationId } from '@/access'
import { formatDateTime, zoneLabel } from '@/lib/dates'
import { formatMinutes } from '@/lib/format'
import type { User } from '@/payload-types'

import { documentDateStyle } from '../../../admin/dates'
import { namesKnownToStaff } from '../../../tenancy'

const muted = { color: 'var(--theme-elevation-500)' }
const cell = { padding: '0.35rem 0.6rem', borderBottom: '1px solid var(--theme-elevation-100)', textAlign: 'left' as const, verticalAlign: 'top' as const }

/**
 * A saved ticket's conversation and the time booked on it, on its page in the admin panel, as the
 * person may read them; replies and time are added on the ticket's page in the dashboard.
 */
export async function TicketActivity({ req, id, data }: UIFieldServerProps) {
  if (!id) return null
  const ticket = String(id)
  const organization = relationId(data?.organization)
  const asPerson = { req, overrideAccess: false, depth: 1 } as const
  const [comments, time] = await Promise.all([
    req.payload.find({ collection: 'ticket-comments', where: { ticket: { equals: ticket } }, sort: 'createdAt', limit: 200, ...asPerson }),
    req.payload.find({ collection: 'time-sessions', where: { ticket: { equals: ticket } }, sort: 'startTime', limit: 500, ...asPerson }),
  ])
  const unread = comments.docs.map((comment) => comment.author).filter((author): author is string => typeof author === 'string')
  const known = organization ? await namesKnownToStaff(req, organization, unread) : new Map<string, string>()
  const author = (value: unknown) =>
    value && typeof value === 'object' ? (value as User).name || (value as User).email : (known.get(String(value)) ?? 'Someone you cannot see')
  const dates = await documentDateStyle(req.payload, data, 'tickets')
  const when = (value: string | null | undefined) => formatDateTime(value, dates)
  // Timers stopped within a minute book nothing, and are left out.
  const entries = time.docs.filter((entry) => !(entry.kind === 'timer' && entry.endTime && entry.durationMinutes === 0))
  const total = time.docs.reduce((sum, entry) => sum + (entry.endTime ? (entry.durationMinutes ?? 0) : 0), 0)

  return (
    <div style={{ marginBlock: '1.5rem' }} data-ticket-activity>
      <h3>Conversation</h3>
      {comments.docs.length === 0 ? (
        <p style={muted}>No replies yet.</p>
      ) : (
        <ol aria-label="Conversation" style={{ paddingLeft: '1.2rem' }}>
          {comments.docs.map((comment) => (
            <li key={comment.id} style={{ marginBottom: '0.75rem' }}>
              <strong>{author(comment.author)}</strong> <span style={muted}>{when(comment.createdAt)}</span>
              <div style={{ whiteSpace: 'pre-wrap' }}>{comment.body}</div>
            </li>
          ))}
        </ol>
      )}
      <h3>Time booked · {formatMinutes(total)}</h3>
      {entries.length === 0 ? (
        <p style={muted}>No time booked yet.</p>
      ) : (
        <table aria-label="Time booked" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              {['Who', 'From', 'To', 'Time', 'Note'].map((heading) => (
                <th key={heading} style={cell}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td style={cell}>{entry.agentName}</td>
                <td style={cell}>{entry.kind === 'adjustment' ? 'correction' : when(entry.startTime)}</td>
                <td style={cell}>{entry.kind === 'adjustment' ? '' : entry.endTime ? when(entry.endTime) : 'running'}</td>
                <td style={cell}>{entry.durationMinutes === null || entry.durationMinutes === undefined ? '' : formatMinutes(entry.durationMinutes)}</td>
                <td style={cell}>{entry.note || entry.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p style={muted}>
        Times in {zoneLabel(dates.timeZone)}. Reply and book time on <a href={`/dashboard/tickets/${ticket}`}>the ticket&apos;s page in the dashboard</a>.
      </p>
    </div>
  )
}
