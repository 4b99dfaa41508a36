'use client'

import { Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'

type Outcome = { kind: 'done' | 'error'; message: string } | null

/** Ends the session after a confirmation and shows what the server answered. */
export function ForceLogoutButton({ sessionId, open }: { sessionId: string; open: boolean }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)

  const forceLogout = async () => {
    if (!window.confirm('Disconnect this device now? The customer will have to sign in again.')) return
    setBusy(true)
    try {
      const response = await fetch(`/api/sessions/${sessionId}/force-logout`, { method: 'POST', credentials: 'include' })
      const body = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] }
      if (response.ok) {
        setOutcome({ kind: 'done', message: 'Session ended. The router is being told to disconnect the device.' })
        router.refresh()
      } else {
        setOutcome({ kind: 'error', message: body.errors?.[0]?.message ?? `The server answered ${response.status}.` })
      }
    } catch {
      setOutcome({ kind: 'error', message: 'Could not reach the server. Try again.' })
    } finally {
      setBusy(false)
    }
  }

  if (!open && !outcome) return null
  return (
    <div style={{ marginBottom: '1.5rem' }}>
      {open ? (
        <Button buttonStyle="error" size="medium" disabled={busy} onClick={forceLogout}>
          {busy ? 'Disconnecting…' : 'Force logout'}
        </Button>
      ) : null}
      {outcome ? (
        <p role="status" id="force-logout-outcome" style={{ color: outcome.kind === 'error' ? 'var(--theme-error-500)' : 'var(--theme-success-500)' }}>
          {outcome.message}
        </p>
      ) : null}
    </div>
  )
}
