import type { Metadata } from 'next'
import React from 'react'

import { formatDateTime } from '@/lib/dates'
import { formatBytes } from '@/lib/format'
import { BYTES_PER_MB } from '@/lib/units'
import { pageNumber, requireCustomer } from '@/portal/account'
import { PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch, searchValue } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'My sessions' }

const PER_PAGE = 20

const STATE: Record<string, string> = { pending: 'connecting', active: 'online', expired: 'ended (time or data)', terminated: 'ended' }

/**
 * The signed-in customer's own WiFi sessions in this organization, online and past, newest
 * first. Read as the customer (Payload's access: customers read their own, seed 000).
 */
export default async function SessionsPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  const customer = requireCustomer(page)
  const number = pageNumber(searchValue(page, 'page'))
  const sessions = await page.payload.find({
    collection: 'sessions',
    where: { organization: { equals: page.place.organization.id } },
    sort: '-startedAt',
    page: number,
    limit: PER_PAGE,
    depth: 0,
    req: customer.req,
    overrideAccess: false,
  })
  const planIds = [...new Set(sessions.docs.map((session) => session.plan).filter(Boolean))] as string[]
  const plans = planIds.length
    ? await page.payload.find({
        collection: 'plans',
        where: { id: { in: planIds } },
        depth: 0,
        limit: planIds.length,
        overrideAccess: true,
        select: { name: true },
      })
    : { docs: [] }
  const planName = new Map(plans.docs.map((plan) => [String(plan.id), plan.name]))
  const dates = page.place.dates
  return (
    <PortalFrame page={page} section="account" title="My sessions">
      {sessions.totalDocs === 0 ? (
        <p className="muted">No WiFi sessions yet. Sign in on the WiFi network to get online.</p>
      ) : (
        <ul className="cards" data-testid="my-sessions">
          {sessions.docs.map((session) => {
            const live = session.status === 'pending' || session.status === 'active'
            const bytes = (session.usage?.dataMB ?? 0) * BYTES_PER_MB
            return (
              <li key={String(session.id)}>
                <div className="title">
                  {planName.get(String(session.plan)) ?? 'WiFi'} ·{' '}
                  <span className={live ? 'status-live' : undefined}>{STATE[session.status] ?? session.status}</span>
                </div>
                <div>
                  {formatDateTime(session.startedAt, dates)} –{' '}
                  {live ? `until ${formatDateTime(session.expiresAt, dates)}` : formatDateTime(session.endedAt, dates)}
                </div>
                <div className="muted">
                  Device {session.deviceMac} · {formatBytes(bytes)} used
                </div>
              </li>
            )
          })}
        </ul>
      )}
      {sessions.totalPages > 1 && (
        <div className="pager">
          {sessions.hasPrevPage ? <a href={portalHref(page, 'sessions', { page: String(number - 1) })}>Newer</a> : <span />}
          <span className="muted">
            Page {number} of {sessions.totalPages}
          </span>
          {sessions.hasNextPage ? <a href={portalHref(page, 'sessions', { page: String(number + 1) })}>Older</a> : <span />}
        </div>
      )}
      <p className="muted">Sessions older than 90 days are archived; ask the staff if you need them.</p>
    </PortalFrame>
  )
}
