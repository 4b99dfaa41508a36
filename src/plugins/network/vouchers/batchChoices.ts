import type { PayloadRequest } from 'payload'

import { type AccessContext, getAccessContext, grantsWith, type ID } from '@/access'
import { type DateFormat, dateStyleOf } from '@/lib/dates'

export type Choice = { id: string; name: string }

/**
 * What a person may put in a voucher batch: the plans on sale, their branches (each with its time
 * zone, in which a last day of use ends), and whether "every branch" (in the organization's zone).
 */
export type BatchChoices = {
  plans: Choice[]
  branches: (Choice & { timeZone: string })[]
  everyBranch: boolean
  timeZone: string
  /** How the organization writes a day, in which the last day of use is typed. */
  dateFormat: DateFormat
}

/** Whether the person makes vouchers valid at every branch of the organization (org-wide staff, as the vouchers rule allows). */
export function mayGenerateForEveryBranch(context: AccessContext, organization: ID): boolean {
  return (
    context.isSuperAdmin ||
    grantsWith(context, 'vouchers.generate').some((grant) => grant.organization === organization && grant.scope === 'organization')
  )
}

/**
 * The choices of the admin panel's "Generate a batch" form for the organization the person works
 * in, read with their own access; `null` when they may not generate vouchers there (or work
 * across all organizations, where a batch would have no organization).
 */
export async function voucherBatchChoices(req: PayloadRequest): Promise<BatchChoices | null> {
  const context = await getAccessContext(req)
  const organization = context.activeOrganization
  if (!organization) return null
  const grants = grantsWith(context, 'vouchers.generate').filter((grant) => grant.organization === organization)
  if (!context.isSuperAdmin && grants.length === 0) return null
  const everyBranch = mayGenerateForEveryBranch(context, organization)
  const asPerson = { depth: 0, pagination: false, req, overrideAccess: false, select: { name: true, timeZone: true } } as const
  const [owner, plans, branches] = await Promise.all([
    req.payload.findByID({
      collection: 'organizations',
      id: organization,
      depth: 0,
      req,
      overrideAccess: false,
      select: { timeZone: true, locale: true, dateFormat: true },
    }),
    req.payload.find({ collection: 'plans', where: { active: { equals: true } }, sort: 'name', limit: 200, ...asPerson }),
    req.payload.find({ collection: 'locations', where: { organization: { equals: organization } }, sort: 'name', limit: 500, ...asPerson }),
  ])
  const mine = new Set(grants.flatMap((grant) => grant.locations))
  return {
    plans: plans.docs.map((plan) => ({ id: String(plan.id), name: String(plan.name) })),
    branches: branches.docs
      .filter((branch) => everyBranch || mine.has(String(branch.id)))
      .map((branch) => ({ id: String(branch.id), name: String(branch.name), timeZone: branch.timeZone || owner.timeZone })),
    everyBranch,
    timeZone: owner.timeZone,
    dateFormat: dateStyleOf(owner).dateFormat,
  }
}
