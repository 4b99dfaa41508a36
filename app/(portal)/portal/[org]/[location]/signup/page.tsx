import type { Metadata } from 'next'
import React from 'react'

import { PASSWORD_MIN_LENGTH } from '@/portal/customers'
import { actionPath, FormFields, PortalFrame, portalHref } from '@/portal/components/PortalFrame'
import { loadPortalPage, type PortalParams, type PortalSearch } from '@/portal/page'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Create an account' }

/** A new customer account with an email address or a phone number. */
export default async function SignUpPage({ params, searchParams }: { params: PortalParams; searchParams: PortalSearch }) {
  const page = await loadPortalPage(params, searchParams)
  return (
    <PortalFrame page={page} section="account" title="Create an account">
      <form className="stack" method="post" action={actionPath(page, 'signup')}>
        <FormFields page={page} />
        <label>
          Your name
          <input name="name" required autoComplete="name" minLength={2} maxLength={100} />
        </label>
        <label>
          Email or phone number
          <span className="hint">A phone number with its country code, such as +254 700 000 000.</span>
          <input name="contact" required autoComplete="email" maxLength={254} />
        </label>
        <label>
          Password
          <span className="hint">At least {PASSWORD_MIN_LENGTH} characters.</span>
          <input name="password" type="password" required autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} maxLength={200} />
        </label>
        <button type="submit">Create account</button>
      </form>
      <p>
        Already have one? <a href={portalHref(page, 'signin')}>Sign in</a>.
      </p>
    </PortalFrame>
  )
}
