import type { Metadata } from 'next'
import React from 'react'

import { SignInForm } from '@/dashboard/components/SignInForm'

export const metadata: Metadata = { title: 'Sign in' }

const REASONS: Record<string, string> = {
  ended: 'Your session has ended. Sign in again.',
  'no-organization': 'You no longer have access to any organization in Beacon. Ask an administrator to add you to one.',
}

/** `/dashboard/login`: the same accounts as the admin panel; staff only. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason, next } = await searchParams
  const message = typeof reason === 'string' ? REASONS[reason] : undefined
  const target = typeof next === 'string' && next.startsWith('/dashboard') && !next.startsWith('//') ? next : '/dashboard'
  return (
    <main className="login">
      <h1>Beacon dashboard</h1>
      <p className="muted">Sign in with your Beacon staff account.</p>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <SignInForm next={target} />
    </main>
  )
}
