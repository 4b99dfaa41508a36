import type { CollectionConfig, FieldAccess } from 'payload'

import { can, canCreate, fieldForHoldersOf, getAccessContext, nobody, relationId } from '@/access'

import { activeOrganization } from '../../tenancy/activeOrganization'
import {
  activeOrganizationFilter,
  enforceTenantScope,
  locationField,
  organizationColumn,
  organizationField,
  requireSameOrganization,
} from '../../tenancy'
import { inUnits } from '../../admin'
import { ticketTimeSessionsEndpoint } from '../timeSessions/endpoints'
import { assignTicketNumber } from './hooks/assignTicketNumber'
import { keepTimeTotal } from './hooks/keepTimeTotal'
import { openedByCustomer } from './hooks/openedByCustomer'
import { validateTicketLinks } from './hooks/validateTicketLinks'
import { TICKET_PATHS, TICKET_PRIORITIES, TICKET_PRIORITY_LABELS, TICKET_STATUS_LABELS, TICKET_STATUSES } from './paths'

export const TICKETS_SLUG = 'tickets'
export { TICKET_COMMENT_PATHS, TICKET_PATHS, TICKET_PRIORITIES, TICKET_STATUSES, type TicketStatus } from './paths'

const systemOnly = { create: () => false, update: () => false }
const sessionReaders = fieldForHoldersOf('sessions.read')

/**
 * Fields customers cannot set on the tickets they open (how staff work the ticket): only staff
 * of the ticket's organization set them, not a customer who works elsewhere.
 */
const staffOnly: FieldAccess = async ({ data, doc, req }) => {
  const context = await getAccessContext(req)
  if (context.isSuperAdmin) return true
  // A new ticket sent without an organization goes to the one the person works in.
  const organization = relationId(data?.organization ?? doc?.organization) ?? (await activeOrganization(req))
  return context.grants.some((grant) => grant.organization === organization && grant.role !== 'customer')
}

/**
 * Support tickets. Staff see their organization's (branch managers their branches'), customers
 * the ones they opened. Tickets are closed rather than deleted, so numbers never have gaps and
 * the time booked on them stays.
 */
export const Tickets: CollectionConfig = {
  slug: TICKETS_SLUG,
  labels: { singular: 'Ticket', plural: 'Tickets' },
  admin: {
    group: 'Helpdesk',
    useAsTitle: 'title',
    defaultColumns: ['number', 'organizationName', 'title', 'status', 'priority', 'assignee', 'requester', 'location', 'totalTimeSpent'],
    description: "Support tickets. Close a ticket instead of deleting it; time is tracked on the ticket's page in the dashboard.",
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: {
    create: canCreate('tickets.create'),
    read: can('tickets.read', TICKET_PATHS),
    update: can('tickets.update', TICKET_PATHS),
    delete: nobody,
  },
  defaultSort: '-number',
  indexes: [
    { fields: ['organization', 'number'], unique: true },
    { fields: ['organization', 'status'] },
  ],
  endpoints: [ticketTimeSessionsEndpoint],
  hooks: {
    beforeChange: [
      openedByCustomer,
      requireSameOrganization({ location: { collection: 'locations', label: 'branch' } }),
      enforceTenantScope({ permissionCollection: 'tickets', paths: TICKET_PATHS }),
      validateTicketLinks,
      assignTicketNumber,
      keepTimeTotal,
    ],
  },
  fields: [
    organizationField(),
    locationField({
      required: false,
      admin: { position: 'sidebar', description: 'The branch it concerns, if any.' },
      // Payload checks a relationship by reading it as the person, and customers do not read
      // branches; `requireSameOrganization` checks it instead (exists, same organization).
      validate: () => true as const,
    }),
    {
      name: 'number',
      type: 'number',
      required: true,
      access: systemOnly,
      admin: { readOnly: true, position: 'sidebar', description: 'Sequential per organization, assigned on creation.' },
    },
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'description', type: 'richText' },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'open',
          index: true,
          access: { create: staffOnly, update: staffOnly },
          options: TICKET_STATUSES.map((value) => ({ label: TICKET_STATUS_LABELS[value], value })),
        },
        {
          name: 'priority',
          type: 'select',
          required: true,
          defaultValue: 'normal',
          options: TICKET_PRIORITIES.map((value) => ({ label: TICKET_PRIORITY_LABELS[value], value })),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'requester',
          type: 'relationship',
          relationTo: 'users',
          index: true,
          admin: { description: 'The customer who asked for help.' },
        },
        {
          name: 'assignee',
          type: 'relationship',
          relationTo: 'users',
          index: true,
          access: { create: staffOnly, update: staffOnly },
          admin: { description: 'The staff member working on it.' },
        },
      ],
    },
    {
      name: 'wifiSession',
      label: 'WiFi session',
      type: 'text',
      // Only people who read WiFi sessions see and choose one (agents and viewers do not, so their
      // ticket form asks nothing of /api/sessions); the link stays as it is when they save.
      access: { read: sessionReaders, create: sessionReaders, update: sessionReaders },
      admin: {
        description: "The WiFi session it is about, if any: one of the requester's (or the branch's) recent sessions.",
        // Chosen from a list; stored as the session's id, which it keeps when it moves to the archive.
        components: { Field: '/plugins/helpdesk/tickets/components/WifiSessionField#WifiSessionField' },
      },
    },
    {
      name: 'activity',
      type: 'ui',
      admin: { components: { Field: '/plugins/helpdesk/tickets/components/TicketActivity#TicketActivity' } },
    },
    {
      name: 'totalTimeSpent',
      label: 'Time spent',
      type: 'number',
      required: true,
      defaultValue: 0,
      access: systemOnly,
      admin: {
        ...inUnits.minutes,
        readOnly: true,
        position: 'sidebar',
        description: 'In minutes: completed time sessions and corrections, kept up to date as they are recorded.',
      },
    },
    organizationColumn(),
  ],
}
