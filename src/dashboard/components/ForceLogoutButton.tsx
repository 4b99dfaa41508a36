'use client'

import { useRouter } from 'next/navigation'
import React, { useRef, useState } from 'react'

import { apiAction } from './apiAction'

/**
 * Force logout with a confirmation: ends the session at once and asks its router to disconnect
 * the device; what the router answers shows under "Force-logged out recently".
 */
export function ForceLogoutButton({ session, who }: { session: string; who: string }) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const confirm = async () => {
    setBusy(true)
    setError('')
    try {
      await apiAction(`/api/sessions/${session}/force-logout`, undefined, { fallback: 'The session could not be ended.' })
      dialog.current?.close()
      router.refresh()
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Force logout
      </button>
      <dialog ref={dialog} aria-labelledby={`confirm-${session}`}>
        <h2 id={`confirm-${session}`}>Force logout?</h2>
        <p>
          {who} will be disconnected now and must sign in again to get back online. The time and data they used stay
          used.
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Logging out…' : 'Force logout'}
          </button>
        </div>
      </dialog>
    </>
  )
}
