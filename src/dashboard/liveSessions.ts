import type { Where } from 'payload'

import { canonicalMac } from '@/lib/mac'
import { BYTES_PER_MB } from '@/lib/units'
import { findOrganizationAccount } from '@/plugins/network/logins/organizationAccounts'
import { reportedMac, UNREGISTERED_DEVICE } from '@/plugins/network/sessions/devices'
import { onlineWhere } from '@/plugins/network/sessions/online'
import type { Plan, Session, User, Voucher } from '@/payload-types'

import type { Branch, Staff } from './staff'

export type LiveRow = {
  id: string
  customer: string
  voucher: string | null
  /** The device's MAC, or null when its router reported none. */
  mac: string | null
  ip: string | null
  plan: string | null
  branch: string
  startedAt: string
  expiresAt: string
  bytesUsed: number
  bytesLeft: number | null
  status: string
}

export type EndedRow = { id: string; customer: string; mac: string | null; endedAt: string; outcome: string | null; errorCause: string | null }

const PAGE_SIZE = 50

/** What a search box text matches: a MAC (any spelling), an IP, a customer's name or email, a voucher code. */
export function searchWhere(text: string): Where | null {
  const query = text.trim().slice(0, 100)
  if (!query) return null
  const clauses: Where[] = [
    { 'user.name': { like: query } },
    { 'user.email': { like: query } },
    { 'voucher.code': { equals: query.toUpperCase() } },
    { 'usage.lastIp': { equals: query } },
  ]
  const mac = canonicalMac(query)
  if (mac) clauses.push({ deviceMac: { equals: mac } })
  else if (/^[0-9a-f:.-]{2,17}$/i.test(query)) clauses.push({ deviceMac: { like: query.toUpperCase() } })
  return { or: clauses }
}

/** What the dashboard's lists show of any WiFi session, read at depth 1 with the person's access. */
export type SessionSummary = {
  id: string
  /**
   * The customer's name, or what they are to the branch when their account is not one it reads;
   * a device nobody registered is named as such, whoever reads it.
   */
  customer: string
  voucher: string | null
  /** The device's MAC, or null when its router reported none. */
  mac: string | null
  ip: string | null
  plan: Plan | null
  branch: string
  bytesUsed: number
}

/** What summaries need to know beyond the session: branch names, and the organization's Unregistered devices account. */
export type SummaryContext = { branchNames: Map<string, string>; unregisteredDevices: string | null }

/** What `summarizeSession` needs for the person's organization, read once per page. */
export async function summaryContext(staff: Staff, branches: Branch[]): Promise<SummaryContext> {
  const { req } = staff
  const unregisteredDevices = await findOrganizationAccount(req.payload, req, { organization: String(staff.organization.id), kind: 'unregistered-devices' })
  return { branchNames: new Map(branches.map((branch) => [branch.id, branch.name])), unregisteredDevices }
}

export function summarizeSession(session: Session, { branchNames, unregisteredDevices }: SummaryContext): SessionSummary {
  const user = session.user && typeof session.user === 'object' ? (session.user as User) : null
  const userId = user ? String(user.id) : session.user ? String(session.user) : null
  const voucher = session.voucher && typeof session.voucher === 'object' ? (session.voucher as Voucher) : null
  const location = typeof session.location === 'object' ? String(session.location.id) : String(session.location)
  // The Unregistered devices account owns every device a router reported that nobody registered:
  // its own name ("Unregistered devices") reads as a group, and only some people may read it.
  const unregistered = userId !== null && userId === unregisteredDevices
  return {
    id: String(session.id),
    customer: unregistered ? UNREGISTERED_DEVICE : user ? user.name || user.email : voucher ? 'Voucher guest' : 'Customer',
    voucher: voucher?.code ?? null,
    mac: reportedMac(session.deviceMac),
    ip: session.usage?.lastIp ?? null,
    plan: session.plan && typeof session.plan === 'object' ? (session.plan as Plan) : null,
    branch: branchNames.get(location) ?? '',
    bytesUsed: Number(session.usage?.inputOctets ?? 0) + Number(session.usage?.outputOctets ?? 0),
  }
}

/**
 * The devices online in `branches` (the person's own, as their access allows), newest first,
 * a page at a time, through the Local API as the person. Logins still waiting for their router's
 * Accounting-Start are not online (sessions/online.ts).
 */
export async function loadLiveSessions(staff: Staff, branches: Branch[], search: string, page: number) {
  const { req } = staff
  const context = await summaryContext(staff, branches)
  const conditions: Where[] = [onlineWhere, { location: { in: branches.map((branch) => branch.id) } }]
  const matching = searchWhere(search)
  if (matching) conditions.push(matching)
  const result = await req.payload.find({
    collection: 'sessions',
    where: { and: conditions },
    sort: '-startedAt',
    depth: 1,
    limit: PAGE_SIZE,
    page,
    req,
    overrideAccess: false,
  })
  const rows: LiveRow[] = result.docs.map((session) => {
    const summary = summarizeSession(session, context)
    const cap = summary.plan?.dataCapMB ? summary.plan.dataCapMB * BYTES_PER_MB : null
    return {
      ...summary,
      plan: summary.plan?.name ?? null,
      startedAt: session.startedAt,
      expiresAt: session.expiresAt,
      bytesLeft: cap === null ? null : Math.max(0, cap - summary.bytesUsed),
      status: session.status,
    }
  })
  return { rows, page: result.page ?? 1, totalPages: result.totalPages, total: result.totalDocs }
}

/** Sessions force-logged out in these branches in the last 15 minutes, with what their router did. */
export async function loadRecentForceLogouts(staff: Staff, branches: Branch[]): Promise<EndedRow[]> {
  const { req } = staff
  const context = await summaryContext(staff, branches)
  const since = new Date(Date.now() - 15 * 60_000).toISOString()
  const { docs } = await req.payload.find({
    collection: 'sessions',
    where: {
      and: [
        { terminateCause: { equals: 'Admin-Reset' } },
        { endedAt: { greater_than: since } },
        { location: { in: branches.map((branch) => branch.id) } },
      ],
    },
    sort: '-endedAt',
    depth: 1,
    limit: 20,
    req,
    overrideAccess: false,
  })
  return docs.map((session) => ({
    id: String(session.id),
    customer: summarizeSession(session, context).customer,
    mac: reportedMac(session.deviceMac),
    endedAt: String(session.endedAt),
    outcome: session.control?.outcome ?? null,
    errorCause: session.control?.errorCause ?? null,
  }))
}
