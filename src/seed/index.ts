import type { Payload } from 'payload'

import { DEMO_ORGANIZATIONS, DEMO_USERS } from './demo'
import { seedHelpdesk } from './helpdesk'
import { seedNetwork } from './network'

export type SeedSummary = { created: string[] }

/**
 * Puts the demo tenants, branches, people, plans, routers, vouchers, sessions, tickets and
 * time in place. Safe to run on every start: what exists
 * (matched by slug, branch name or email) is left as it is, what is missing is created.
 */
export async function seedDemoData(payload: Payload): Promise<SeedSummary> {
  const created: string[] = []
  const organizationIds = new Map<string, string>()
  const branchIds = new Map<string, string>()
  const userIds = new Map<string, string>()

  for (const { branches, ...organization } of DEMO_ORGANIZATIONS) {
    const existing = await payload.find({
      collection: 'organizations',
      where: { slug: { equals: organization.slug } },
      limit: 1,
      depth: 0,
    })
    const doc =
      existing.docs[0] ??
      (await payload.create({ collection: 'organizations', data: { ...organization, contact: { ...organization.contact } } }))
    if (!existing.docs[0]) created.push(`organization ${organization.name}`)
    organizationIds.set(organization.slug, String(doc.id))

    for (const name of branches) {
      const found = await payload.find({
        collection: 'locations',
        where: { and: [{ organization: { equals: doc.id } }, { name: { equals: name } }] },
        limit: 1,
        depth: 0,
      })
      const branch =
        found.docs[0] ?? (await payload.create({ collection: 'locations', data: { organization: doc.id, name } }))
      if (!found.docs[0]) created.push(`branch ${organization.name} / ${name}`)
      branchIds.set(`${organization.slug}/${name}`, String(branch.id))
    }
  }

  for (const user of DEMO_USERS) {
    const existing = await payload.find({ collection: 'users', where: { email: { equals: user.email } }, limit: 1, depth: 0 })
    if (existing.docs[0]) {
      userIds.set(user.email, String(existing.docs[0].id))
      continue
    }
    const memberships = user.memberships.map((membership) => ({
      organization: organizationIds.get(membership.organization)!,
      role: membership.role as 'org-admin',
      locations: (membership.branches ?? []).map((branch) => branchIds.get(`${membership.organization}/${branch}`)!),
    }))
    const doc = await payload.create({
      collection: 'users',
      data: {
        email: user.email,
        password: user.password,
        name: user.name,
        username: user.username,
        isSuperAdmin: user.isSuperAdmin ?? false,
        status: 'ACTIVE',
        memberships,
        defaultOrganization: memberships[0]?.organization,
        ...(user.customer
          ? {
              customer: {
                connectionType: user.customer.connectionType as 'HOTSPOT',
                macAddresses: user.customer.macAddresses.map((mac) => ({ mac })),
              },
            }
          : {}),
      },
    })
    userIds.set(user.email, String(doc.id))
    created.push(`user ${user.email}`)
  }

  const ids = { organizations: organizationIds, branches: branchIds, users: userIds }
  await seedNetwork(payload, ids, created)
  await seedHelpdesk(payload, ids, created)
  return { created }
}
