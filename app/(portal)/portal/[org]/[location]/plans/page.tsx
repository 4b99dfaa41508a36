import type { Metadata } from 'next'
import React from 'react'

import { formatBytes, formatDuration } from '@/lib/format'
import { BYTES_PER_MB } from '@/lib/units'
import { PortalFrame } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Plans and prices' }

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount)
  } catch {
    return `${amount} ${currency}`.trim()
  }
}

/**
 * The organization's hotspot plans on sale, and the venue (also the RFC 8908 `venue-info-url`).
 * Plans are public: what a customer can buy, nothing else of the organization's.
 */
export default async function PlansPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  const { place } = page
  const { docs: plans } = await page.payload.find({
    collection: 'plans',
    where: { and: [{ organization: { equals: place.organization.id } }, { active: { equals: true } }, { type: { equals: 'HOTSPOT' } }] },
    sort: 'price',
    depth: 0,
    limit: 50,
    overrideAccess: true,
    select: {
      name: true,
      price: true,
      currency: true,
      validityMinutes: true,
      dataCapMB: true,
      devicesAllowed: true,
      downloadMbps: true,
      uploadMbps: true,
    },
  })
  return (
    <PortalFrame page={page} section="plans" title="Plans and prices">
      {plans.length === 0 ? (
        <p className="muted">No plans are on sale here at the moment. Please ask the staff.</p>
      ) : (
        <ul className="cards">
          {plans.map((plan) => (
            <li key={String(plan.id)}>
              <div className="title">
                {plan.name} · {money(plan.price, plan.currency || place.organization.currency)}
              </div>
              <div>
                {formatDuration(plan.validityMinutes * 60_000)} · {plan.downloadMbps} Mbps down, {plan.uploadMbps} Mbps up
              </div>
              <div className="muted">
                {plan.dataCapMB ? `${formatBytes(plan.dataCapMB * BYTES_PER_MB)} of data` : 'No data limit'} ·{' '}
                {plan.devicesAllowed === 1 ? 'one device' : `up to ${plan.devicesAllowed} devices at once`}
              </div>
            </li>
          ))}
        </ul>
      )}
      <h2>This venue</h2>
      <dl className="facts">
        <dt>Branch</dt>
        <dd>{place.location.name}</dd>
        {place.location.address && (
          <>
            <dt>Address</dt>
            <dd>{place.location.address}</dd>
          </>
        )}
        {place.organization.contactPhone && (
          <>
            <dt>Phone</dt>
            <dd>{place.organization.contactPhone}</dd>
          </>
        )}
        {place.organization.contactEmail && (
          <>
            <dt>Email</dt>
            <dd>{place.organization.contactEmail}</dd>
          </>
        )}
      </dl>
      <p className="muted">Ask the staff for a voucher of the plan you want.</p>
    </PortalFrame>
  )
}
