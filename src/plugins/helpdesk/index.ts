import type { CollectionBeforeDeleteHook, CollectionConfig, Plugin } from 'payload'

import { refuseDeleteWhileReferenced, withDeleteGuards } from '../tenancy'
import { stopForgottenTimersTask } from './jobs/stopForgottenTimers'
import { TicketComments } from './ticketComments'
import { Tickets } from './tickets'
import { TimeSessions } from './timeSessions'
import { userTimeSessionsEndpoint } from './timeSessions/endpoints'

export { TICKET_COMMENTS_SLUG } from './ticketComments'
export { TICKETS_SLUG } from './tickets'
export { TIME_SESSIONS_SLUG } from './timeSessions'

/** Organizations, people and branches that tickets and booked time point at are kept; they are retired instead. */
const DELETE_GUARDS: Record<string, CollectionBeforeDeleteHook> = {
  organizations: refuseDeleteWhileReferenced(
    'organization',
    [{ collection: 'tickets', field: 'organization', label: 'tickets' }],
    'set its status to SUSPENDED or EXPIRED instead.',
  ),
  locations: refuseDeleteWhileReferenced('branch', [{ collection: 'tickets', field: 'location', label: 'tickets' }], 'mark it inactive instead.'),
  users: refuseDeleteWhileReferenced(
    'user',
    [
      { collection: 'tickets', field: 'requester', label: 'tickets they opened' },
      { collection: 'tickets', field: 'assignee', label: 'tickets assigned to them' },
      { collection: 'time-sessions', field: 'agent', label: 'time sessions' },
      { collection: 'ticket-comments', field: 'author', label: 'ticket comments' },
    ],
    'set their status to DELETED instead.',
  ),
}

/** `GET /api/users/:id/time-sessions` lives on the users collection, as the seed's staff-users route did. */
function withTimeSessionsRoute(collection: CollectionConfig): CollectionConfig {
  if (collection.slug !== 'users') return collection
  return { ...collection, endpoints: [...(collection.endpoints || []), userTimeSessionsEndpoint] }
}

/**
 * Support tickets, their conversation, and the time staff spend on them (seed 002), with the job
 * that stops forgotten timers. The job runs on the `maintenance` queue, which the web app works.
 */
export const helpdeskPlugin =
  (): Plugin =>
  (config) => {
    const autoRun = config.jobs?.autoRun
    if (typeof autoRun === 'function') throw new Error('helpdeskPlugin: jobs.autoRun must be a list when plugins add to it')
    const worksMaintenance = (autoRun ?? []).some((runner) => runner.queue === 'maintenance')
    return {
      ...config,
      collections: [
        ...withDeleteGuards((config.collections ?? []).map(withTimeSessionsRoute), DELETE_GUARDS),
        Tickets,
        TicketComments,
        TimeSessions,
      ],
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), stopForgottenTimersTask],
        autoRun: worksMaintenance ? autoRun : [...(autoRun ?? []), { cron: '0 * * * * *', queue: 'maintenance' }],
      },
    }
  }
