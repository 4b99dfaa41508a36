import type { Staff } from './staff'

/** The organization's plans the person reads, by name (only those on sale with `activeOnly`). */
export async function planOptions(staff: Staff, { activeOnly = false } = {}): Promise<{ id: string; name: string }[]> {
  const { docs } = await staff.req.payload.find({
    collection: 'plans',
    where: activeOnly ? { active: { equals: true } } : {},
    sort: 'name',
    depth: 0,
    limit: 200,
    pagination: false,
    req: staff.req,
    overrideAccess: false,
    select: { name: true },
  })
  return docs.map((plan) => ({ id: String(plan.id), name: String(plan.name) }))
}
