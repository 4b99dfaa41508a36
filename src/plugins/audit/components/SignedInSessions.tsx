'use client'

import { Button, useAuth, useDocumentInfo } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import { type DateStyle, formatDateTime } from '@/lib/dates'

type Session = {
  id: string
  deviceInfo?: string | null
  ipAddress?: string | null
  loginAt: string
  expiresAt?: string | null
  current?: boolean
}

/**
 * "Where you're signed in": the open login sessions of the user being viewed (one's own on the
 * account page; an org-admin sees their people's), each with a button that ends it at once.
 */
export function SignedInSessions({ dates }: { dates: DateStyle }) {
  const when = (value: string | null | undefined) => formatDateTime(value, dates)
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const own = user?.id !== undefined && String(user.id) === String(id)
  const [sessions, setSessions] = useState<Session[] | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!id) return
    const query = new URLSearchParams({
      'where[user][equals]': String(id),
      'where[outcome][equals]': 'success',
      'where[logoutAt][exists]': 'false',
      sort: '-loginAt',
      limit: '50',
      depth: '0',
    })
    const response = await fetch(`/api/session-logs?${query}`, { credentials: 'include' })
    if (!response.ok) {
      setSessions([])
      setMessage(response.status === 403 ? '' : 'Could not load the sessions.')
      return
    }
    setSessions(((await response.json()) as { docs: Session[] }).docs)
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  if (!id) return null

  const end = async (session: Session) => {
    setBusy(session.id)
    setMessage('')
    const response = await fetch(`/api/session-logs/${session.id}/revoke`, { method: 'POST', credentials: 'include' })
    const body = await response.json().catch(() => null)
    setBusy(null)
    if (!response.ok) {
      setMessage(body?.errors?.[0]?.message ?? 'Could not end that session.')
      return
    }
    if (session.current) {
      window.location.assign('/admin/login')
      return
    }
    setMessage(body?.message ?? 'Signed out.')
    await load()
  }

  return (
    <section aria-labelledby="signed-in-heading" style={{ marginBlock: '1.5rem' }}>
      <h3 id="signed-in-heading" style={{ marginBottom: '0.5rem' }}>
        {own ? <>Where you&apos;re signed in</> : 'Where this person is signed in'}
      </h3>
      {sessions === null ? (
        <p>Loading…</p>
      ) : sessions.length === 0 ? (
        <p>No open sessions.</p>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ textAlign: 'left' }}>
              <th>Device</th>
              <th>IP address</th>
              <th>Signed in</th>
              <th>Lapses</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-session={session.id} style={{ borderTop: '1px solid var(--theme-elevation-100)' }}>
                <td>
                  {session.deviceInfo ?? 'Unknown device'}
                  {session.current && <strong> · this device</strong>}
                </td>
                <td>{session.ipAddress ?? '—'}</td>
                <td>{when(session.loginAt)}</td>
                <td>{when(session.expiresAt)}</td>
                <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <Button buttonStyle="secondary" size="small" disabled={busy !== null} onClick={() => void end(session)}>
                    {busy === session.id ? 'Signing out…' : 'Sign out'}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  )
}
