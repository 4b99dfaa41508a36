import React from 'react'

import { relationId } from '@/access'
import { formatDateTime } from '@/lib/dates'
import { formatBytes, formatDuration, formatMinutes } from '@/lib/format'
import { BYTES_PER_MB } from '@/lib/units'
import { allowanceOfCustomer } from '@/plugins/network/captivePortal/allowance'

import type { PortalCustomer } from '../customers'
import type { PortalPage } from '../page'
import { portalHref } from './PortalFrame'

/**
 * A signed-in customer's own figures, whether or not this browser signed a device in: the
 * allowance running on any of their devices (time and data left), else their subscription plan.
 * Read for the customer's own account only.
 */
export async function AccountStatus({ page, customer }: { page: PortalPage; customer: PortalCustomer }) {
  const { payload, place } = page
  const now = new Date()
  const allowance = await allowanceOfCustomer(payload, { user: String(customer.user.id), organization: place.organization.id, now })
  const running = allowance && allowance.live && allowance.secondsLeft !== 0 && allowance.bytesLeft !== 0 ? allowance : null
  const subscriptionPlanId = relationId(customer.user.customer?.plan)
  const subscription = subscriptionPlanId
    ? await payload.findByID({ collection: 'plans', id: subscriptionPlanId, depth: 0, overrideAccess: true, disableErrors: true })
    : null
  const paidUntil = customer.user.customer?.planExpiresAt ? new Date(customer.user.customer.planExpiresAt) : null
  const subscribed =
    subscription && subscription.active && String(relationId(subscription.organization)) === place.organization.id && (!paidUntil || paidUntil > now)
      ? subscription
      : null

  return (
    <section aria-labelledby="account-heading" data-testid="account-status">
      <h2 id="account-heading">Your plan</h2>
      {running ? (
        <>
          <div className="figures">
            <div className="figure">
              <div className="value" data-testid="time-left">
                {running.secondsLeft === null ? 'No limit' : formatDuration(running.secondsLeft * 1000)}
              </div>
              <div className="label">time left{running.session.expiresAt && ` · until ${formatDateTime(running.session.expiresAt, place.dates)}`}</div>
            </div>
            <div className="figure">
              <div className="value" data-testid="data-left">
                {running.bytesLeft === null ? 'Unlimited' : formatBytes(running.bytesLeft)}
              </div>
              <div className="label">data left · {formatBytes(running.usedBytes)} used</div>
            </div>
          </div>
          <dl className="facts">
            <dt>Plan</dt>
            <dd data-testid="account-plan">{running.plan?.name ?? '—'}</dd>
            <dt>Devices</dt>
            <dd>
              {running.devicesOnline} of {running.plan?.devicesAllowed ?? 1} online
            </dd>
          </dl>
        </>
      ) : subscribed ? (
        <>
          <dl className="facts">
            <dt>Plan</dt>
            <dd data-testid="account-plan">{subscribed.name}</dd>
            <dt>{paidUntil ? 'Paid until' : 'Each sign-in'}</dt>
            <dd>{paidUntil ? formatDateTime(paidUntil, place.dates) : `lasts ${formatMinutes(subscribed.validityMinutes)}`}</dd>
            <dt>Data</dt>
            <dd data-testid="data-left">{subscribed.dataCapMB ? `${formatBytes(subscribed.dataCapMB * BYTES_PER_MB)} each time` : 'Unlimited'}</dd>
          </dl>
          <p className="muted">Nothing is running now: connect a device from the WiFi network to start.</p>
        </>
      ) : (
        <p className="notice">
          Your account has no plan or time left. Enter a voucher code from the WiFi network, or{' '}
          <a href={portalHref(page, 'plans')}>see the plans</a>.
        </p>
      )}
      {/* The account's balance goes here once billing keeps one (a projection of the ledger); until then nothing is shown rather than a made-up figure. */}
    </section>
  )
}
