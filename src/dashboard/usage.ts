import { TZDate } from '@date-fns/tz'
import { sql } from '@payloadcms/db-postgres'
import { addDays, format } from 'date-fns'

import { drizzleFor, rowsOf } from '@/db/sql'
import { type DateFormat, dayMonthFormat } from '@/lib/dates'
import { onlineUntilSql, wentOnlineSql } from '@/plugins/network/sessions/online'
import { namesKnownToStaff } from '@/plugins/tenancy'

import type { BranchSelection } from './branches'
import { startOfToday } from './overview'
import type { Staff } from './staff'

export type UsagePoint = { label: string; bytes: number; devices: number }
export type Usage = { hourly: UsagePoint[]; daily: UsagePoint[]; top: { name: string; bytes: number }[] }

type Bucket = { start: Date; end: Date; label: string }

/**
 * Data and devices per bucket, computed in the database: each session's bytes are spread evenly
 * over its time online (routers report totals, not when within a session the bytes flowed), and
 * a device counts once in every bucket [start, finish) it was online in at all, however briefly:
 * a session started before the bucket's end and not ended by its start. Online means what it
 * means on every page (sessions/online.ts): logins their router never started count nowhere.
 */
async function perBucket(staff: Staff, branchIds: string[], buckets: Bucket[]): Promise<UsagePoint[]> {
  if (branchIds.length === 0) return buckets.map((bucket) => ({ label: bucket.label, bytes: 0, devices: 0 }))
  const db = await drizzleFor(staff.req.payload, staff.req)
  const first = buckets[0].start.toISOString()
  const last = buckets[buckets.length - 1].end.toISOString()
  const values = sql.join(
    buckets.map((bucket, index) => sql`(${index}, ${bucket.start.toISOString()}::timestamptz, ${bucket.end.toISOString()}::timestamptz)`),
    sql`, `,
  )
  const rows = rowsOf<{ position: number; bytes: string; devices: string }>(
    await db.execute(sql`
      with buckets (position, start, finish) as (values ${values}),
      online as (
        select started_at,
               device_mac,
               greatest(${onlineUntilSql()}, started_at + interval '1 second') as finish,
               usage_input_octets + usage_output_octets as bytes
          from sessions
         where organization_id = ${String(staff.organization.id)}::uuid
           and location_id in (${sql.join(branchIds.map((id) => sql`${id}::uuid`), sql`, `)})
           and ${wentOnlineSql()}
           and started_at < ${last}::timestamptz
           and ${onlineUntilSql()} > ${first}::timestamptz
      )
      select b.position,
             coalesce(sum(o.bytes * extract(epoch from (least(o.finish, b.finish) - greatest(o.started_at, b.start)))
                                  / extract(epoch from (o.finish - o.started_at))), 0) as bytes,
             count(distinct o.device_mac) as devices
        from buckets b
        left join online o on o.started_at < b.finish and o.finish > b.start
       group by b.position
       order by b.position`),
  )
  const byPosition = new Map(rows.map((row) => [Number(row.position), row]))
  return buckets.map((bucket, index) => ({
    label: bucket.label,
    bytes: Math.round(Number(byPosition.get(index)?.bytes ?? 0)),
    devices: Number(byPosition.get(index)?.devices ?? 0),
  }))
}

/**
 * The last 24 whole hours of `timeZone` up to the current one (in zones half an hour off UTC,
 * a local hour starts at :30 UTC), labelled in that zone.
 */
export function hourBuckets(timeZone: string, now = new Date()): Bucket[] {
  const hour = 3600_000
  const local = new TZDate(now.getTime(), timeZone)
  const current = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), 0, 0, timeZone).getTime()
  return Array.from({ length: 24 }, (_, index) => {
    const start = new Date(current - (23 - index) * hour)
    return { start, end: new Date(start.getTime() + hour), label: format(new TZDate(start.getTime(), timeZone), 'HH:mm') }
  })
}

/** The last 30 days up to today, each a calendar day in `timeZone`, labelled day and month in the organization's order. */
export function dayBuckets(timeZone: string, now = new Date(), dateFormat: DateFormat = 'dd/MM/yyyy'): Bucket[] {
  const today = new TZDate(startOfToday(timeZone, now).getTime(), timeZone)
  return Array.from({ length: 30 }, (_, index) => {
    const start = addDays(today, index - 29)
    const end = addDays(today, index - 28)
    return { start: new Date(start.getTime()), end: new Date(end.getTime()), label: format(start, dayMonthFormat(dateFormat)) }
  })
}

/** The 10 customers who used the most data in the last 30 days; names only of people the person may read. */
async function topCustomers(staff: Staff, branchIds: string[], since: Date): Promise<Usage['top']> {
  if (branchIds.length === 0) return []
  const db = await drizzleFor(staff.req.payload, staff.req)
  const rows = rowsOf<{ user_id: string; bytes: string }>(
    await db.execute(sql`
      select user_id, sum(usage_input_octets + usage_output_octets) as bytes
        from sessions
       where organization_id = ${String(staff.organization.id)}::uuid
         and location_id in (${sql.join(branchIds.map((id) => sql`${id}::uuid`), sql`, `)})
         and started_at >= ${since.toISOString()}::timestamptz
       group by user_id
       order by bytes desc
       limit 10`),
  )
  if (rows.length === 0) return []
  const { docs } = await staff.req.payload.find({
    collection: 'users',
    where: { id: { in: rows.map((row) => row.user_id) } },
    depth: 0,
    limit: rows.length,
    pagination: false,
    req: staff.req,
    overrideAccess: false,
    select: { name: true },
  })
  const names = new Map(docs.map((user) => [String(user.id), String(user.name)]))
  // The organization's own accounts (Voucher guests, Unregistered devices) by their names; a
  // customer the person may not read (one of another branch) stays unnamed.
  const known = await namesKnownToStaff(staff.req, String(staff.organization.id), rows.map((row) => row.user_id).filter((id) => !names.has(id)))
  return rows.map((row) => ({ name: names.get(row.user_id) ?? known.get(row.user_id) ?? 'A customer you cannot see', bytes: Number(row.bytes) }))
}

export async function loadUsage(staff: Staff, selection: BranchSelection, now = new Date()): Promise<Usage> {
  const branchIds = selection.branches.map((branch) => branch.id)
  const days = dayBuckets(selection.timeZone, now, selection.dates.dateFormat)
  const [hourly, daily, top] = await Promise.all([
    perBucket(staff, branchIds, hourBuckets(selection.timeZone, now)),
    perBucket(staff, branchIds, days),
    topCustomers(staff, branchIds, days[0].start),
  ])
  return { hourly, daily, top }
}
