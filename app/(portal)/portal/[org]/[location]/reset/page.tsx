import type { Metadata } from 'next'
import React from 'react'

import { PASSWORD_MIN_LENGTH } from '@/portal/customers'
import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch, searchValue } from '@/portal/page'

export const dynamic = 'force-dynamic'
// The link's token is in this page's address: it is not passed on to other sites.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' }

/** Where a password-reset email's link leads: a new password for the account. */
export default async function ResetPasswordPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  const token = searchValue(page, 'token') ?? ''
  return (
    <PortalFrame page={page} section="account" title="Choose a new password">
      {token ? (
        <form className="stack" method="post" action={actionPath(page, 'reset')}>
          <FormFields page={page} />
          <input type="hidden" name="token" value={token} />
          <label>
            New password
            <span className="hint">At least {PASSWORD_MIN_LENGTH} characters.</span>
            <input name="password" type="password" required autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} maxLength={200} />
          </label>
          <button type="submit">Save the new password</button>
        </form>
      ) : (
        <p className="notice">
          This page needs the link from the email. <a href={portalHref(page, 'forgot')}>Ask for a new link</a>.
        </p>
      )}
    </PortalFrame>
  )
}
