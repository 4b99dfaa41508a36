'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { apiAction } from './apiAction'

/** The dashboard's sign-in: Payload's own login (the admin panel's cookie), then the overview. */
export function SignInForm({ next }: { next: string }) {
  const router = useRouter()
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError('')
    try {
      await apiAction('/api/users/login', { email: form.get('email'), password: form.get('password') }, { fallback: 'Sign-in failed. Try again.' })
      router.replace(next)
      router.refresh()
    } catch (failure) {
      setError((failure as Error).message)
      setBusy(false)
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p id="sign-in-error" role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
