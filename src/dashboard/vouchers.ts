import { sql } from '@payloadcms/db-postgres'

import { grantsWith } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'

import type { BranchSelection } from './branches'
import { may, type Staff } from './staff'

export type BatchRow = {
  batchId: string
  plan: string
  branch: string | null
  createdAt: string
  total: number
  used: number
  available: number
  expired: number
}

/**
 * The voucher batches the person reads, newest first, counted in the database. The reach is the
 * vouchers access rule's: a branch's vouchers for branch staff; with them, for org-wide staff
 * showing all branches, the vouchers valid at every branch. `null` when they may not read vouchers.
 */
export async function loadBatches(staff: Staff, selection: BranchSelection, limit = 100): Promise<BatchRow[] | null> {
  const { context, organization, req } = staff
  const organizationId = String(organization.id)
  const grants = grantsWith(context, 'vouchers.read').filter((grant) => grant.organization === organizationId)
  if (!context.isSuperAdmin && grants.length === 0) return null
  const orgWide = context.isSuperAdmin || grants.some((grant) => grant.scope === 'organization')
  const reachable = orgWide ? selection.branches.map((branch) => branch.id) : grants.flatMap((grant) => grant.locations)
  const branchIds = selection.branches.map((branch) => branch.id).filter((id) => reachable.includes(id))
  const includeEverywhere = orgWide && selection.branches.length !== 1
  if (branchIds.length === 0 && !includeEverywhere) return []

  const inBranches = branchIds.length ? sql`v.location_id in (${sql.join(branchIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`
  const db = await drizzleFor(req.payload, req)
  const rows = rowsOf<{ batch_id: string; plan: string; branch: string | null; created_at: string; total: string; used: string; available: string; expired: string }>(
    await db.execute(sql`
      select v.batch_id, p.name as plan, l.name as branch, min(v.created_at) as created_at, count(*) as total,
             count(*) filter (where v.status = 'USED') as used,
             count(*) filter (where v.status = 'AVAILABLE') as available,
             count(*) filter (where v.status = 'EXPIRED') as expired
        from vouchers v
        join plans p on p.id = v.plan_id
        left join locations l on l.id = v.location_id
       where v.organization_id = ${organizationId}::uuid and v.batch_id is not null
         and (${inBranches} ${includeEverywhere ? sql`or v.location_id is null` : sql``})
       group by v.batch_id, p.name, l.name
       order by min(v.created_at) desc
       limit ${limit}`),
  )
  return rows.map((row) => ({
    batchId: row.batch_id,
    plan: row.plan,
    branch: row.branch,
    createdAt: new Date(row.created_at).toISOString(),
    total: Number(row.total),
    used: Number(row.used),
    available: Number(row.available),
    expired: Number(row.expired),
  }))
}

/** Whether the person may generate voucher batches here. */
export function mayGenerateVouchers(staff: Staff): boolean {
  return may(staff, 'vouchers.generate')
}
