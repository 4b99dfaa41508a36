'use client'

import { useAuth } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useEffect, useState } from 'react'

type Option = { id: string; name: string }
type TenantContext = { activeOrganization: string | null; isSuperAdmin: boolean; organizations: Option[] }

/**
 * The organization this login session works in, for people who belong to several (and
 * super-admins, who may also work across all). The choice is kept on the server with the login
 * session (POST /api/users/switch-organization); every list and form follows it.
 */
export function OrganizationSwitcher() {
  const { user } = useAuth()
  const router = useRouter()
  const [context, setContext] = useState<TenantContext | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  useEffect(() => {
    if (!user) return
    const controller = new AbortController()
    fetch('/api/users/context', { credentials: 'include', signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: TenantContext | null) => setContext(body))
      .catch(() => setContext(null))
    return () => controller.abort()
  }, [user])

  if (!context || (context.organizations.length < 2 && !context.isSuperAdmin)) return null

  const choose = async (event: React.ChangeEvent<HTMLSelectElement>) => {
    const organization = event.target.value || null
    setBusy(true)
    setError('')
    try {
      const response = await fetch('/api/users/switch-organization', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organization }),
      })
      const body = await response.json().catch(() => null)
      if (!response.ok) throw new Error(body?.errors?.[0]?.message ?? 'Could not switch organization.')
      setContext(body as TenantContext)
      router.refresh()
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: '0.5rem', marginRight: '0.75rem' }}>
      <select
        aria-label="Organization"
        title="The organization you are working in"
        value={context.activeOrganization ?? ''}
        onChange={choose}
        disabled={busy}
        style={{
          padding: '0.35rem 0.6rem',
          maxWidth: '14rem',
          borderRadius: 'var(--style-radius-s, 4px)',
          border: '1px solid var(--theme-elevation-150)',
          background: 'var(--theme-elevation-50)',
          color: 'var(--theme-text)',
          font: 'inherit',
        }}
      >
        {context.isSuperAdmin && <option value="">All organizations</option>}
        {context.organizations.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </span>
      )}
    </span>
  )
}
