import { sql } from '@payloadcms/db-postgres'

import { drizzleFor, rowsOf } from '@/db/sql'
import { onlineSql } from '@/plugins/network/sessions/online'

import type { BranchSelection } from './branches'
import type { Staff } from './staff'

export type RouterRow = {
  id: string
  name: string
  branch: string
  status: string
  lastSeenAt: string | null
  version: string | null
  ipAddress: string
  devicesOnline: number
}

/** The branches' routers the person reads, with how many devices each has online now (counted in SQL). */
export async function loadRouters(staff: Staff, selection: BranchSelection): Promise<RouterRow[]> {
  const { req } = staff
  const names = new Map(selection.branches.map((branch) => [branch.id, branch.name]))
  const { docs } = await req.payload.find({
    collection: 'routers',
    where: { location: { in: selection.branches.map((branch) => branch.id) } },
    sort: 'name',
    depth: 0,
    limit: 500,
    pagination: false,
    req,
    overrideAccess: false,
  })
  if (docs.length === 0) return []
  const db = await drizzleFor(req.payload, req)
  const counts = new Map(
    rowsOf<{ router_id: string; online: string }>(
      await db.execute(sql`
        select router_id, count(*) as online from sessions
         where ${onlineSql()} and router_id in (${sql.join(docs.map((router) => sql`${String(router.id)}::uuid`), sql`, `)})
         group by router_id`),
    ).map((row) => [row.router_id, Number(row.online)]),
  )
  return docs.map((router) => ({
    id: String(router.id),
    name: router.name,
    branch: names.get(String(router.location)) ?? '',
    status: router.status ?? 'PENDING',
    lastSeenAt: router.lastSeenAt ?? null,
    version: router.routerOsVersion ?? null,
    ipAddress: router.ipAddress,
    devicesOnline: counts.get(String(router.id)) ?? 0,
  }))
}
