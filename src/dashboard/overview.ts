import { TZDate } from '@date-fns/tz'
import { sql } from '@payloadcms/db-postgres'
import type { Where } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { onlineSql, wentOnlineSql } from '@/plugins/network/sessions/online'

import { type Branch, may, type Staff } from './staff'
import { vouchersLeftPerPlan } from './vouchers'

export type Overview = {
  devicesOnline: number
  sessionsStartedToday: number
  bytesToday: number
  routers: { online: number; offline: number } | null
  openTickets: number | null
  vouchersLeft: { plan: string; planName: string; left: number }[] | null
}

/** Midnight today in `timeZone`, as an instant. */
export function startOfToday(timeZone: string, now = new Date()): Date {
  const local = new TZDate(now.getTime(), timeZone)
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), timeZone).getTime())
}

const OPEN_TICKETS = ['open', 'in-progress', 'waiting']

/**
 * The overview's figures for `branches` (one, or all the person's), each counted in the
 * database: sessions and data by SQL aggregation over the branches the person may read, the
 * rest through the Local API with their access. A figure the person may not see is `null`.
 */
export async function loadOverview(staff: Staff, branches: Branch[], timeZone: string): Promise<Overview> {
  const { req, organization } = staff
  const organizationId = String(organization.id)
  const branchIds = branches.map((branch) => branch.id)
  const since = startOfToday(timeZone)
  const asPerson = { req, overrideAccess: false } as const
  const inBranches: Where = { location: { in: branchIds } }

  const db = await drizzleFor(req.payload, req)
  // Sessions started today are those that went online today; logins that never started are neither.
  const startedToday = sql`${wentOnlineSql()} and started_at >= ${since.toISOString()}::timestamptz`
  const [usage] = branchIds.length && may(staff, 'sessions.read')
    ? rowsOf<{ online: string; started: string; bytes: string }>(
        await db.execute(sql`
          select count(*) filter (where ${onlineSql()}) as online,
                 count(*) filter (where ${startedToday}) as started,
                 coalesce(sum(usage_input_octets + usage_output_octets) filter (where ${startedToday}), 0) as bytes
            from sessions
           where organization_id = ${organizationId}::uuid
             and location_id in (${sql.join(branchIds.map((id) => sql`${id}::uuid`), sql`, `)})
             and (status in ('pending', 'active') or started_at >= ${since.toISOString()}::timestamptz)`),
      )
    : [{ online: '0', started: '0', bytes: '0' }]

  const routers = may(staff, 'routers.read')
    ? {
        online: (await req.payload.count({ collection: 'routers', where: { and: [inBranches, { status: { equals: 'ONLINE' } }] }, ...asPerson })).totalDocs,
        offline: (await req.payload.count({ collection: 'routers', where: { and: [inBranches, { status: { not_equals: 'ONLINE' } }] }, ...asPerson })).totalDocs,
      }
    : null

  const openTickets = may(staff, 'tickets.read')
    ? (
        await req.payload.count({
          collection: 'tickets',
          where: { and: [{ status: { in: OPEN_TICKETS } }, { or: [inBranches, { location: { exists: false } }] }] },
          ...asPerson,
        })
      ).totalDocs
    : null

  const vouchersLeft = await vouchersLeftPerPlan(staff, branches)

  return {
    devicesOnline: Number(usage.online),
    sessionsStartedToday: Number(usage.started),
    bytesToday: Number(usage.bytes),
    routers,
    openTickets,
    vouchersLeft,
  }
}
