import type { Metadata } from 'next'
import React from 'react'

import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch, searchValue } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Sign in' }

/** A customer's sign-in: email, phone number or username, and password. From the hotspot, it also puts the device online. */
export default async function SignInPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  return (
    <PortalFrame page={page} section="account" title="Sign in">
      {searchValue(page, 'reset') === 'done' && (
        <p className="good" role="status">
          Your password is changed. Sign in with the new one.
        </p>
      )}
      {page.customer && (
        <p className="good">
          You are signed in as {page.customer.user.name}. <a href={portalHref(page, 'sessions')}>See your sessions</a>.
        </p>
      )}
      <form className="stack" method="post" action={actionPath(page, 'signin')}>
        <FormFields page={page} />
        <label>
          Email, phone number or username
          <input name="login" required autoComplete="username" maxLength={254} />
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="current-password" maxLength={200} />
        </label>
        <button type="submit">{page.hotspot.kind === 'ok' ? 'Sign in and connect' : 'Sign in'}</button>
      </form>
      <p>
        <a href={portalHref(page, 'forgot')}>Forgot your password?</a>
      </p>
      <p>
        No account yet? <a href={portalHref(page, 'signup')}>Create one</a>. Have a voucher?{' '}
        <a href={portalHref(page, '')}>Enter its code</a>.
      </p>
    </PortalFrame>
  )
}
