import type { Metadata } from 'next'
import React from 'react'

import { countOf } from '@/lib/words'
import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch, searchValue } from '@/portal/page'
import { RESET_LINK_HOURS } from '@/portal/passwordReset'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Forgot password' }

/** "Forgot password": the account's email address, to which a link to choose a new password goes. */
export default async function ForgotPasswordPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  const sent = searchValue(page, 'sent') === '1'
  return (
    <PortalFrame page={page} section="account" title="Forgot password">
      {sent ? (
        <p className="good" role="status">
          If an account here has that email address, a link to choose a new password is on its way. It works for {countOf(RESET_LINK_HOURS, 'hour')}.
          Check your spam folder if it does not come.
        </p>
      ) : (
        <p>Enter the email address of your account: we send it a link to choose a new password.</p>
      )}
      <form className="stack" method="post" action={actionPath(page, 'forgot')}>
        <FormFields page={page} />
        <label>
          Email address
          <input name="email" type="email" required autoComplete="email" maxLength={254} />
        </label>
        <button type="submit">{sent ? 'Send another link' : 'Send me a link'}</button>
      </form>
      <p>
        Signed up with a phone number? Ask the staff here to set a new password for you. <a href={portalHref(page, 'signin')}>Back to sign in</a>.
      </p>
    </PortalFrame>
  )
}
