import { sql } from '@payloadcms/db-postgres'

import { grantsWith } from '@/access'
import { drizzleFor, rowsOf } from '@/db/sql'
import { mayGenerateForEveryBranch as mayGenerateEverywhere } from '@/plugins/network'

import type { BranchSelection } from './branches'
import { type Branch, may, type Staff } from './staff'

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
 * The vouchers the person reads among `branches`, as a SQL condition on `vouchers v`: a
 * branch's vouchers for branch staff; with them, for org-wide staff looking at more than one
 * branch, the vouchers valid at every branch (as the vouchers access rule reaches). `null` when
 * their role does not include vouchers.
 */
export function voucherScope(staff: Staff, branches: Branch[]): ReturnType<typeof sql> | null {
  const { context, organization } = staff
  const organizationId = String(organization.id)
  const grants = grantsWith(context, 'vouchers.read').filter((grant) => grant.organization === organizationId)
  if (!context.isSuperAdmin && grants.length === 0) return null
  const orgWide = context.isSuperAdmin || grants.some((grant) => grant.scope === 'organization')
  const reachable = orgWide ? branches.map((branch) => branch.id) : grants.flatMap((grant) => grant.locations)
  const branchIds = branches.map((branch) => branch.id).filter((id) => reachable.includes(id))
  const includeEverywhere = orgWide && branches.length !== 1
  const inBranches = branchIds.length ? sql`v.location_id in (${sql.join(branchIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`
  return sql`v.organization_id = ${organizationId}::uuid and (${inBranches} ${includeEverywhere ? sql`or v.location_id is null` : sql``})`
}

/** The voucher batches the person reads, newest first, counted in the database; `null` when they may not read vouchers. */
export async function loadBatches(staff: Staff, selection: BranchSelection, limit = 100): Promise<BatchRow[] | null> {
  const scope = voucherScope(staff, selection.branches)
  if (!scope) return null
  const db = await drizzleFor(staff.req.payload, staff.req)
  const rows = rowsOf<{ batch_id: string; plan: string; branch: string | null; created_at: string; total: string; used: string; available: string; expired: string }>(
    await db.execute(sql`
      select v.batch_id, p.name as plan, l.name as branch, min(v.created_at) as created_at, count(*) as total,
             count(*) filter (where v.status = 'USED') as used,
             count(*) filter (where v.status = 'AVAILABLE') as available,
             count(*) filter (where v.status = 'EXPIRED') as expired
        from vouchers v
        join plans p on p.id = v.plan_id
        left join locations l on l.id = v.location_id
       where ${scope} and v.batch_id is not null
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

/** Vouchers still to sell, per plan, in the person's reach among `branches`; `null` when they may not read vouchers. */
export async function vouchersLeftPerPlan(staff: Staff, branches: Branch[]): Promise<{ plan: string; planName: string; left: number }[] | null> {
  const scope = voucherScope(staff, branches)
  if (!scope) return null
  const db = await drizzleFor(staff.req.payload, staff.req)
  const rows = rowsOf<{ plan: string; name: string; left: string }>(
    await db.execute(sql`
      select p.id as plan, p.name, count(*) as left
        from vouchers v join plans p on p.id = v.plan_id
       where ${scope} and v.status = 'AVAILABLE'
       group by p.id, p.name
       order by p.name`),
  )
  return rows.map((row) => ({ plan: String(row.plan), planName: row.name, left: Number(row.left) }))
}

/** Whether the person may make vouchers valid at every branch (org-wide staff, as the vouchers rule allows). */
export function mayGenerateForEveryBranch(staff: Staff): boolean {
  return mayGenerateEverywhere(staff.context, String(staff.organization.id))
}

/** Whether the person may generate voucher batches here. */
export function mayGenerateVouchers(staff: Staff): boolean {
  return may(staff, 'vouchers.generate')
}
