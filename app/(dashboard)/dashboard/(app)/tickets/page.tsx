import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { assigneeOptions, loadTickets, ticketFilters } from '@/dashboard/helpdesk'
import { Refused } from '@/dashboard/components/Refused'
import { may, requireStaff } from '@/dashboard/staff'
import { formatMinutes } from '@/lib/format'
import { TICKET_STATUS_LABELS, TICKET_STATUSES } from '@/plugins/helpdesk/tickets/paths'

export const metadata: Metadata = { title: 'Tickets' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/dashboard/tickets`: the branch's tickets, open ones first, by status and assignee. */
export default async function TicketsPage({ searchParams }: Props) {
  const staff = await requireStaff()
  const params = await searchParams
  const selection = selectBranches(staff, params.branch)
  if (!may(staff, 'tickets.read')) return <Refused title="Tickets" reason="role" back="/dashboard/tickets" />
  if (selection.unknown) return <Refused title="Tickets" reason="branch" back="/dashboard/tickets" />
  const filters = ticketFilters(params)
  const page = Math.max(1, Math.min(10_000, Number.parseInt(String(params.page ?? ''), 10) || 1))
  const [tickets, assignees] = await Promise.all([loadTickets(staff, selection, filters, page), assigneeOptions(staff)])
  const branch = typeof params.branch === 'string' && params.branch ? params.branch : ''

  return (
    <main>
      <div className="toolbar">
        <h1>
          Tickets <span className="muted">· {selection.label}</span>
        </h1>
      </div>
      <form className="search" method="get" action="/dashboard/tickets" aria-label="Filter tickets">
        {branch && <input type="hidden" name="branch" value={branch} />}
        <select name="status" defaultValue={filters.status} aria-label="Status">
          <option value="">Open, in progress or waiting</option>
          {TICKET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {TICKET_STATUS_LABELS[status]}
            </option>
          ))}
          <option value="all">Any status</option>
        </select>
        <select name="assignee" defaultValue={filters.assignee} aria-label="Assignee">
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="nobody">Nobody yet</option>
          {assignees.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
        <button type="submit">Show</button>
      </form>
      {tickets.rows.length === 0 ? (
        <div className="empty">
          <p>No ticket matches. Customers open tickets from the portal; staff open them in the admin panel.</p>
        </div>
      ) : (
        <div className="scroll">
          <table className="list" aria-label="Tickets">
            <thead>
              <tr>
                <th>#</th>
                <th>Title</th>
                <th>Status</th>
                <th>Assignee</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {tickets.rows.map((ticket) => (
                <tr key={ticket.id} data-ticket={ticket.number}>
                  <td>{ticket.number}</td>
                  <td>
                    <Link href={`/dashboard/tickets/${ticket.id}`}>{ticket.title}</Link>
                    <div className="muted">
                      {ticket.priority} · from {ticket.requester}
                    </div>
                  </td>
                  <td>{ticket.status}</td>
                  <td>{ticket.assignee}</td>
                  <td>{formatMinutes(ticket.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tickets.totalPages > 1 && (
        <nav className="toolbar" aria-label="Pages">
          <span className="muted">
            Page {tickets.page} of {tickets.totalPages}
          </span>
          <span>
            {tickets.page > 1 && <Link href={`/dashboard/tickets?${new URLSearchParams({ ...filters, ...(branch ? { branch } : {}), page: String(tickets.page - 1) })}`}>Previous</Link>}{' '}
            {tickets.page < tickets.totalPages && <Link href={`/dashboard/tickets?${new URLSearchParams({ ...filters, ...(branch ? { branch } : {}), page: String(tickets.page + 1) })}`}>Next</Link>}
          </span>
        </nav>
      )}
    </main>
  )
}
