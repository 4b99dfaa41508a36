import type { Payload } from 'payload'

import { richTextFromPlain } from '@/lib/richText'

import { DEMO_TICKETS, DEMO_TIME_SESSIONS } from './demo'

type Ids = { organizations: Map<string, string>; branches: Map<string, string>; users: Map<string, string> }

const MINUTE = 60_000

/**
 * Demo ISP's tickets #1–#5 and seed 002's time sessions. Tickets are matched by title, time by
 * ticket, agent and note; what exists is left alone, so a timer that was stopped is not restarted.
 */
export async function seedHelpdesk(payload: Payload, ids: Ids, created: string[]): Promise<void> {
  const organization = ids.organizations.get('demo-isp')!
  const ticketIds = new Map<number, string>()
  for (const [index, ticket] of DEMO_TICKETS.entries()) {
    const found = await payload.find({
      collection: 'tickets',
      where: { and: [{ organization: { equals: organization } }, { title: { equals: ticket.title } }] },
      limit: 1,
      depth: 0,
    })
    const doc =
      found.docs[0] ??
      (await payload.create({
        collection: 'tickets',
        data: {
          organization,
          location: ids.branches.get(`demo-isp/${ticket.branch}`),
          title: ticket.title,
          description: richTextFromPlain(ticket.description),
          status: ticket.status,
          priority: ticket.priority,
          requester: ticket.requester ? ids.users.get(ticket.requester) : undefined,
          assignee: ticket.assignee ? ids.users.get(ticket.assignee) : undefined,
          number: 0,
          totalTimeSpent: 0,
        },
      }))
    if (!found.docs[0]) created.push(`ticket #${doc.number} ${ticket.title}`)
    ticketIds.set(index + 1, String(doc.id))
  }

  const now = Date.now()
  for (const entry of DEMO_TIME_SESSIONS) {
    const ticket = ticketIds.get(entry.ticket)!
    const agent = ids.users.get(entry.agent)!
    const exists = await payload.count({
      collection: 'time-sessions',
      where: { and: [{ ticket: { equals: ticket } }, { agent: { equals: agent } }, { note: { equals: entry.note } }] },
    })
    if (exists.totalDocs > 0) continue
    const start = new Date(now - entry.startedMinutesAgo * MINUTE)
    await payload.create({
      collection: 'time-sessions',
      data: {
        organization,
        location: ids.branches.get(`demo-isp/${DEMO_TICKETS[entry.ticket - 1].branch}`),
        ticket,
        agent,
        recordedBy: agent,
        kind: entry.minutes === null ? 'timer' : 'manual',
        startTime: start.toISOString(),
        endTime: entry.minutes === null ? null : new Date(start.getTime() + entry.minutes * MINUTE).toISOString(),
        note: entry.note,
      },
    })
    created.push(`time session on ticket #${entry.ticket} by ${entry.agent}`)
  }
}
