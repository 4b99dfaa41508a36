import type { CollectionConfig } from 'payload'

import { nobody } from '@/access'
import { formatMinutes } from '@/lib/format'
import { optionsInWords } from '@/lib/words'

import { inUnits } from '../../admin'
import { activeOrganizationFilter, locationField, organizationColumn, organizationField } from '../../tenancy'
import { readTimeSessions } from './access'
import { timeSessionEndpoints } from './endpoints'
import { deriveEntryFields } from './hooks/deriveEntryFields'
import { TIME_SESSION_KINDS, timerLimitHours } from './rules'
import { keepTicketTotal } from './totals'

export const TIME_SESSIONS_SLUG = 'time-sessions'
export { TIME_SESSION_PATHS } from './access'

const readOnly = { readOnly: true } as const

/**
 * Staff time on tickets (seed 002): a running timer (no `endTime`), a completed timer or manual
 * entry with its whole minutes, or a correction of one (`adjustment`, plus or minus minutes with
 * a reason). Recorded only through the endpoints that apply the rules; never edited or deleted.
 * One open timer per agent and no overlapping time are also enforced by the database (see the
 * helpdesk migration).
 */
export const TimeSessions: CollectionConfig = {
  slug: TIME_SESSIONS_SLUG,
  labels: { singular: 'Time session', plural: 'Time sessions' },
  admin: {
    group: 'Helpdesk',
    useAsTitle: 'agentName',
    defaultColumns: ['agentName', 'organizationName', 'ticket', 'kind', 'startTime', 'endTime', 'durationMinutes', 'note'],
    description:
      "Time staff spent on tickets. Recorded with the timer or by hand on a ticket's page in the dashboard, and corrected there; never edited here.",
    baseFilter: activeOrganizationFilter('organization'),
  },
  access: { read: readTimeSessions, create: nobody, update: nobody, delete: nobody },
  defaultSort: '-startTime',
  indexes: [
    { fields: ['organization', 'agent', 'startTime'] },
    { fields: ['organization', 'startTime'] },
  ],
  endpoints: timeSessionEndpoints,
  hooks: { beforeChange: [deriveEntryFields], afterChange: [keepTicketTotal] },
  fields: [
    organizationField({ admin: { position: 'sidebar', readOnly: true } }),
    locationField({ required: false, admin: { position: 'sidebar', readOnly: true, description: "The ticket's branch." } }),
    { name: 'ticket', type: 'relationship', relationTo: 'tickets', required: true, index: true, admin: readOnly },
    {
      type: 'row',
      fields: [
        { name: 'agent', type: 'relationship', relationTo: 'users', required: true, index: true, admin: readOnly },
        { name: 'agentName', label: 'Agent name', type: 'text', admin: { ...readOnly, description: 'As it was when the time was recorded.' } },
      ],
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'timer',
      options: optionsInWords(TIME_SESSION_KINDS, { manual: 'Entered by hand', adjustment: 'Correction' }),
      admin: readOnly,
    },
    {
      type: 'row',
      fields: [
        { name: 'startTime', label: 'Start', type: 'date', required: true, admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' } } },
        {
          name: 'endTime',
          label: 'End',
          type: 'date',
          index: true,
          admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' }, description: 'Empty while the timer runs.' },
        },
        {
          name: 'durationMinutes',
          label: 'Time',
          type: 'number',
          admin: { ...inUnits.minutes, ...readOnly, description: 'Whole minutes, set when stopped; a correction adds or takes off minutes.' },
        },
      ],
    },
    { name: 'note', type: 'textarea', admin: readOnly },
    {
      name: 'autoStopped',
      label: 'Stopped by Beacon',
      type: 'checkbox',
      defaultValue: false,
      admin: { ...readOnly, description: () => `The timer ran longer than ${formatMinutes(timerLimitHours() * 60)}, so Beacon stopped it as forgotten.` },
    },
    {
      type: 'collapsible',
      label: 'Correction',
      admin: { initCollapsed: true, condition: (data) => data?.kind === 'adjustment' },
      fields: [
        { name: 'adjusts', type: 'relationship', relationTo: 'time-sessions', index: true, admin: readOnly },
        { name: 'reason', type: 'text', admin: readOnly },
      ],
    },
    { name: 'recordedBy', type: 'relationship', relationTo: 'users', admin: { ...readOnly, description: 'Who recorded this entry.' } },
    organizationColumn(),
  ],
}
