import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import type { PayloadRequest, Where } from 'payload'

import { grantsWith, relationId } from '@/access'
import { badRequest, forbidden, notFound } from '@/http/errors'
import { toCsv } from '@/lib/csv'
import { dayRange } from '@/lib/days'
import { isUuid } from '@/lib/ids'

import { activeOrganization } from '../../tenancy/activeOrganization'
import { staffContext } from './access'
import { MESSAGES } from './rules'

const MAX_DAYS = 366

export const TIME_CSV_HEADER = [
  'date',
  'start',
  'end',
  'time_zone',
  'minutes',
  'kind',
  'agent',
  'ticket',
  'ticket_title',
  'note',
  'correction_reason',
  'auto_stopped',
] as const

export type TimeExport = { filename: string; csv: string; rows: number }

/**
 * `GET /api/time-sessions/export?from=YYYY-MM-DD&to=YYYY-MM-DD[&agent=][&location=][&organization=]`:
 * the time entries (corrections included) that started on those days, as CSV. The days are
 * those of the branch's time zone when `location` is given, else the organization's; each row
 * shows its times in its own branch's zone. Without `agent`, a supervisor gets the team's time
 * and an agent their own; `agent` names one person (agents: only themselves).
 */
export async function exportTimeSessions(req: PayloadRequest): Promise<TimeExport> {
  const context = await staffContext(req)
  const params = req.searchParams ?? new URLSearchParams()
  const system = { depth: 0, overrideAccess: true, req } as const

  const organizationId = params.get('organization') ?? (await activeOrganization(req))
  if (!organizationId) throw badRequest('Choose an organization: ?organization=<id>, or switch to one.')
  const memberOf = context.grants.some((grant) => grant.organization === organizationId && grant.scope !== 'self')
  if (!isUuid(organizationId) || (!context.isSuperAdmin && !memberOf)) throw notFound('No such organization.')
  const organization = await req.payload.findByID({ collection: 'organizations', id: organizationId, disableErrors: true, ...system })
  if (!organization) throw notFound('No such organization.')

  const teamView = context.isSuperAdmin || grantsWith(context, 'timeSessions.viewTeam').some((grant) => grant.organization === organizationId)
  const agent = params.get('agent') ?? (teamView ? null : context.userId)
  if (agent !== null && !isUuid(agent)) throw notFound('No such user in your organization.')
  if (agent !== null && agent !== context.userId && !teamView) throw forbidden(MESSAGES.ownOnly)

  const locationId = params.get('location')
  const location = locationId
    ? isUuid(locationId)
      ? await req.payload.findByID({ collection: 'locations', id: locationId, disableErrors: true, user: req.user, overrideAccess: false, depth: 0, req })
      : null
    : null
  if (locationId && (!location || relationId(location.organization) !== organizationId)) throw notFound('No such branch in this organization.')

  const timeZone = location?.timeZone ?? organization.timeZone
  const range = dayRange(params.get('from'), params.get('to'), timeZone, MAX_DAYS)
  if ('error' in range) throw badRequest(range.error)
  const { start, end } = range

  const where: Where[] = [
    { organization: { equals: organizationId } },
    { startTime: { greater_than_equal: start.toISOString() } },
    { startTime: { less_than: end.toISOString() } },
  ]
  if (agent) where.push({ agent: { equals: agent } })
  if (location) where.push({ location: { equals: location.id } })
  const { docs: entries } = await req.payload.find({
    collection: 'time-sessions',
    where: { and: where },
    sort: ['startTime', 'createdAt'],
    pagination: false,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
  })

  const ticketIds = [...new Set(entries.map((entry) => relationId(entry.ticket)!))]
  const locationIds = [...new Set(entries.map((entry) => relationId(entry.location)).filter((id): id is string => id !== null))]
  const [{ docs: tickets }, { docs: locations }] = await Promise.all([
    req.payload.find({ collection: 'tickets', where: { id: { in: ticketIds } }, pagination: false, select: { number: true, title: true }, ...system }),
    req.payload.find({ collection: 'locations', where: { id: { in: locationIds } }, pagination: false, select: { timeZone: true }, ...system }),
  ])
  const ticketOf = new Map(tickets.map((ticket) => [String(ticket.id), ticket]))
  const zoneOf = new Map(locations.map((branch) => [String(branch.id), branch.timeZone ?? organization.timeZone]))

  const rows = entries.map((entry) => {
    const zone = zoneOf.get(relationId(entry.location) ?? '') ?? organization.timeZone
    const local = (value: string) => new TZDate(new Date(value).getTime(), zone)
    const ticket = ticketOf.get(relationId(entry.ticket)!)
    const adjustment = entry.kind === 'adjustment'
    return [
      format(local(entry.startTime), 'yyyy-MM-dd'),
      adjustment ? '' : format(local(entry.startTime), 'HH:mm'),
      adjustment || !entry.endTime ? '' : format(local(entry.endTime), 'HH:mm'),
      zone,
      entry.durationMinutes ?? '',
      entry.kind,
      entry.agentName ?? '',
      ticket ? `#${ticket.number}` : '',
      ticket?.title ?? '',
      entry.note ?? '',
      entry.reason ?? '',
      entry.autoStopped ? 'yes' : '',
    ]
  })
  const span = `${params.get('from')}-to-${params.get('to')}`
  return {
    filename: `time-${organization.slug}-${span}.csv`,
    csv: toCsv(TIME_CSV_HEADER, rows),
    rows: rows.length,
  }
}
