'use client'

import { useAuth } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useEffect, useState } from 'react'

const COOKIE = 'beacon-organization'

type Option = { id: string; name: string }

function readCookie(): string {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${COOKIE}=`))
  return match ? decodeURIComponent(match.slice(COOKIE.length + 1)) : ''
}

/**
 * Lets a user who belongs to several organizations (and super-admins) choose the one whose data
 * the admin lists show. It narrows what is shown; access control decides what may be seen.
 */
export function OrganizationSwitcher() {
  const { user } = useAuth()
  const router = useRouter()
  const [options, setOptions] = useState<Option[]>([])
  const [selected, setSelected] = useState('')

  useEffect(() => {
    if (!user) return
    setSelected(readCookie())
    const controller = new AbortController()
    fetch('/api/organizations?depth=0&limit=200&sort=name&select[name]=true', {
      credentials: 'include',
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : { docs: [] }))
      .then((body: { docs: Option[] }) => setOptions(body.docs))
      .catch(() => setOptions([]))
    return () => controller.abort()
  }, [user])

  if (options.length < 2) return null

  const choose = (event: React.ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value
    document.cookie = value
      ? `${COOKIE}=${encodeURIComponent(value)}; path=/; samesite=lax`
      : `${COOKIE}=; path=/; max-age=0; samesite=lax`
    setSelected(value)
    router.refresh()
  }

  return (
    <select
      aria-label="Organization"
      title="Organization whose data the lists show"
      value={selected}
      onChange={choose}
      style={{
        padding: '0.35rem 0.6rem',
        marginRight: '0.75rem',
        maxWidth: '14rem',
        borderRadius: 'var(--style-radius-s, 4px)',
        border: '1px solid var(--theme-elevation-150)',
        background: 'var(--theme-elevation-50)',
        color: 'var(--theme-text)',
        font: 'inherit',
      }}
    >
      <option value="">All my organizations</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </select>
  )
}
