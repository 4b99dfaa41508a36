import type { TenantPaths } from '@/access'

/** Tickets of a branch reach its managers; a customer's reach the customer who opened them. */
export const TICKET_PATHS: TenantPaths = { organization: 'organization', location: 'location', owner: 'requester' }

/** A ticket's comments are reached the way the ticket is. */
export const TICKET_COMMENT_PATHS: TenantPaths = {
  organization: 'organization',
  location: 'ticket.location',
  owner: 'ticket.requester',
}

export const TICKET_STATUSES = ['open', 'in-progress', 'waiting', 'resolved', 'closed'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  waiting: 'Waiting for the customer',
  resolved: 'Resolved',
  closed: 'Closed',
}

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type TicketPriority = (typeof TICKET_PRIORITIES)[number]

export const TICKET_PRIORITY_LABELS: Record<TicketPriority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' }
