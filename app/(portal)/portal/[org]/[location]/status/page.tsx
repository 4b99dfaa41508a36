import type { Metadata } from 'next'
import React from 'react'

import { formatDateTime } from '@/lib/dates'
import { formatBytes, formatDuration } from '@/lib/format'
import { allowanceOfSession } from '@/plugins/network/captivePortal/allowance'
import { AccountStatus } from '@/portal/components/AccountStatus'
import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Status' }

const ENDED: Record<string, string> = {
  'Session-Timeout': 'its time ran out',
  'Data-Cap': 'its data ran out',
  'Admin-Reset': 'staff ended it',
  'User-Request': 'you logged out',
  'Idle-Timeout': 'the device was idle',
  'Never-Started': 'the WiFi network did not confirm the sign-in',
}

/**
 * The device this browser signed in (the router sends it here after the login): time and data
 * left, the device, and a log-out link to the router's own logout page. Refreshes itself every
 * minute without JavaScript. A signed-in customer whose device this browser did not sign in sees
 * their account's plan, time and data left instead.
 */
export default async function StatusPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  const { device, place, customer, hotspot } = page
  const allowance = device ? await allowanceOfSession(page.payload, { session: device.session, organization: place.organization.id }) : null
  const dates = place.dates
  const connectForm = customer && hotspot.kind === 'ok' && (
    <form method="post" action={actionPath(page, 'connect')}>
      <FormFields page={page} />
      <button type="submit">Connect this device with my account</button>
    </form>
  )

  if (!allowance && customer) {
    return (
      <PortalFrame page={page} section="status" title="Status">
        <AccountStatus page={page} customer={customer} />
        {connectForm}
      </PortalFrame>
    )
  }

  if (!allowance) {
    return (
      <PortalFrame page={page} section="status" title="Status">
        <p>No device was signed in from this browser.</p>
        {connectForm || (
          <p>
            <a className="button" href={portalHref(page, '')}>
              Get online
            </a>
          </p>
        )}
      </PortalFrame>
    )
  }
  const { session, plan } = allowance
  const online = allowance.live && allowance.secondsLeft !== 0 && allowance.bytesLeft !== 0
  const title = online ? (session.status === 'active' ? 'You are online' : 'Connecting…') : 'Your session has ended'
  return (
    <PortalFrame page={page} section="status" title={title}>
      {online && <meta httpEquiv="refresh" content="60" />}
      <div className="figures">
        <div className="figure">
          <div className="value" data-testid="time-left">
            {allowance.secondsLeft === null ? 'No limit' : formatDuration(allowance.secondsLeft * 1000)}
          </div>
          <div className="label">time left{session.expiresAt && ` · until ${formatDateTime(session.expiresAt, dates)}`}</div>
        </div>
        <div className="figure">
          <div className="value" data-testid="data-left">
            {allowance.bytesLeft === null ? 'Unlimited' : formatBytes(allowance.bytesLeft)}
          </div>
          <div className="label">data left · {formatBytes(allowance.usedBytes)} used</div>
        </div>
      </div>
      {!online && (
        <p className="notice">
          This session ended{session.terminateCause && ENDED[session.terminateCause] ? ` because ${ENDED[session.terminateCause]}` : ''}.{' '}
          <a href={portalHref(page, '')}>Enter another voucher</a> to get online again.
        </p>
      )}
      <dl className="facts">
        <dt>Plan</dt>
        <dd>{plan?.name ?? '—'}</dd>
        <dt>Device</dt>
        <dd>
          {session.deviceMac}
          {session.ip && ` · ${session.ip}`}
        </dd>
        <dt>Devices</dt>
        <dd>
          {allowance.devicesOnline} of {plan?.devicesAllowed ?? 1} online
        </dd>
        <dt>Signed in</dt>
        <dd>{formatDateTime(session.startedAt, dates)}</dd>
        <dt>State</dt>
        <dd className={online ? 'status-live' : undefined} data-testid="session-state">
          {online ? (session.status === 'active' ? 'online' : 'waiting for the router') : session.status === 'expired' ? 'ended: time or data used up' : 'ended'}
        </dd>
      </dl>
      {online && (
        <p>
          <a className="button secondary" href={device!.logoutUrl}>
            Log out
          </a>{' '}
          <span className="muted">Ends this device&apos;s session at the router.</span>
        </p>
      )}
      {connectForm}
    </PortalFrame>
  )
}
