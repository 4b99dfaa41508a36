import type { Metadata } from 'next'
import React from 'react'

import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Get online' }

/**
 * Where the hotspot sends a device that must log in: a voucher code, or an account. Without the
 * hotspot's variables (someone opened the address directly) it says how to get here from the WiFi.
 */
export default async function ConnectPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  const { hotspot, device, customer } = page
  return (
    <PortalFrame page={page} section="connect" title="Get online">
      {hotspot.kind === 'invalid' && <p className="notice">{hotspot.problem}</p>}
      {hotspot.kind === 'none' && (
        <p className="notice">To get online, connect to the WiFi network and open any web page: its login page brings you here.</p>
      )}
      {device && (
        <p className="good">
          This browser signed a device in here. <a href={portalHref(page, 'status')}>See its time and data left</a>.
        </p>
      )}
      {hotspot.kind === 'ok' && (
        <form className="stack" method="post" action={actionPath(page, 'voucher')}>
          <FormFields page={page} />
          <label>
            Voucher code
            <span className="hint">As printed on your voucher; dashes and spaces are fine.</span>
            <input
              className="code"
              name="code"
              required
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={60}
              // A refused code stays in the box, to correct rather than type again.
              defaultValue={page.problem ? page.typedCode : ''}
            />
          </label>
          <button type="submit">Connect</button>
        </form>
      )}
      <div className="choices">
        {customer ? (
          hotspot.kind === 'ok' ? (
            <form method="post" action={actionPath(page, 'connect')}>
              <FormFields page={page} />
              <button type="submit" className="secondary">
                Connect with my account ({customer.user.name})
              </button>
            </form>
          ) : (
            <a className="button secondary" href={portalHref(page, 'sessions')}>
              My sessions
            </a>
          )
        ) : (
          <>
            <a className="button secondary" href={portalHref(page, 'signin')}>
              Sign in with an account
            </a>
            <a className="button secondary" href={portalHref(page, 'signup')}>
              Create an account
            </a>
          </>
        )}
        <a className="button secondary" href={portalHref(page, 'plans')}>
          See plans and prices
        </a>
      </div>
    </PortalFrame>
  )
}
