import type { Payload } from 'payload'

import { BYTES_PER_MB } from '@/lib/units'
import { generateVoucherCodes, VOUCHER_CODE_LENGTH } from '@/plugins/network/vouchers/codes'

import { DEMO_PLANS, DEMO_ROUTERS, DEMO_SESSIONS, DEMO_VOUCHER_BATCHES } from './demo'

type Ids = {
  organizations: Map<string, string>
  branches: Map<string, string>
  users: Map<string, string>
}

const MINUTE = 60_000

/** Demo plans, routers, voucher batches and Alice's sessions; what exists is left alone. */
export async function seedNetwork(payload: Payload, ids: Ids, created: string[]): Promise<void> {
  const planIds = new Map<string, string>()
  for (const { organization: slug, ...plan } of DEMO_PLANS) {
    const organization = ids.organizations.get(slug)!
    const found = await payload.find({
      collection: 'plans',
      where: { and: [{ organization: { equals: organization } }, { name: { equals: plan.name } }] },
      limit: 1,
      depth: 0,
    })
    const doc = found.docs[0] ?? (await payload.create({ collection: 'plans', data: { ...plan, type: 'HOTSPOT', organization } }))
    if (!found.docs[0]) created.push(`plan ${slug} / ${plan.name}`)
    planIds.set(`${slug}/${plan.name}`, String(doc.id))
  }

  const routerIds = new Map<string, string>()
  for (const { organization: slug, branch, ...router } of DEMO_ROUTERS) {
    const found = await payload.find({ collection: 'routers', where: { ipAddress: { equals: router.ipAddress } }, limit: 1, depth: 0 })
    const doc =
      found.docs[0] ??
      (await payload.create({
        collection: 'routers',
        data: {
          ...router,
          status: 'PENDING',
          organization: ids.organizations.get(slug)!,
          location: ids.branches.get(`${slug}/${branch}`)!,
        },
      }))
    if (!found.docs[0]) created.push(`router ${router.name} (${router.ipAddress})`)
    routerIds.set(`${slug}/${branch}`, String(doc.id))
  }

  for (const batch of DEMO_VOUCHER_BATCHES) {
    const existing = await payload.count({ collection: 'vouchers', where: { batchId: { equals: batch.batchId } } })
    if (existing.totalDocs > 0) continue
    const codes = generateVoucherCodes(batch.count, { length: VOUCHER_CODE_LENGTH.default, prefix: '' })
    for (const code of codes) {
      await payload.create({
        collection: 'vouchers',
        data: {
          organization: ids.organizations.get(batch.organization)!,
          location: ids.branches.get(`${batch.organization}/${batch.branch}`)!,
          plan: planIds.get(`${batch.organization}/${batch.plan}`)!,
          code,
          batchId: batch.batchId,
          status: 'AVAILABLE',
        },
      })
    }
    created.push(`${batch.count} vouchers ${batch.batchId}`)
  }

  const alice = ids.users.get('alice@demo-isp.test')
  if (!alice) return
  const aliceSessions = await payload.count({ collection: 'sessions', where: { user: { equals: alice } } })
  if (aliceSessions.totalDocs > 0) return
  const now = Date.now()
  for (const session of DEMO_SESSIONS) {
    const plan = DEMO_PLANS.find((candidate) => candidate.organization === 'demo-isp' && candidate.name === session.plan)!
    const startedAt = now - session.startedMinutesAgo * MINUTE
    const expiresAt = startedAt + plan.validityMinutes * MINUTE
    const endedAt =
      session.status === 'active'
        ? null
        : startedAt + ('endedAfterMinutes' in session ? session.endedAfterMinutes : plan.validityMinutes) * MINUTE
    const bytes = session.megabytes * BYTES_PER_MB
    await payload.create({
      collection: 'sessions',
      data: {
        user: alice,
        organization: ids.organizations.get('demo-isp')!,
        location: ids.branches.get('demo-isp/Downtown')!,
        router: routerIds.get('demo-isp/Downtown'),
        plan: planIds.get(`demo-isp/${session.plan}`),
        deviceMac: 'a4:5e:60:c1:22:01',
        status: session.status,
        acctSessionId: session.acctSessionId,
        usage: { dataMB: 0, lastIp: session.lastIp, inputOctets: Math.round(bytes * 0.15), outputOctets: Math.round(bytes * 0.85) },
        startedAt: new Date(startedAt).toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
        endedAt: endedAt ? new Date(endedAt).toISOString() : null,
        lastAccountingAt: new Date(endedAt ?? now - 2 * MINUTE).toISOString(),
        terminateCause: 'terminateCause' in session ? session.terminateCause : null,
      },
    })
  }
  created.push(`${DEMO_SESSIONS.length} WiFi sessions for alice`)
}
