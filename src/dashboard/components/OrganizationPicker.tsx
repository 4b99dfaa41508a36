'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { apiAction } from './apiAction'

type Option = { id: string; name: string }

/**
 * For people in several organizations: moves the login session to another one (the tenant
 * context, kept on the server; POST /api/users/switch-organization), then shows the dashboard
 * there, all branches.
 */
export function OrganizationPicker({ active, organizations, placeholder }: { active: string; organizations: Option[]; placeholder?: string }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const choose = async (event: React.ChangeEvent<HTMLSelectElement>) => {
    setBusy(true)
    setError('')
    try {
      await apiAction('/api/users/switch-organization', { organization: event.target.value })
      router.push('/dashboard')
      router.refresh()
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <select aria-label="Organization" value={active} onChange={(event) => void choose(event)} disabled={busy}>
        {placeholder && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  )
}
