import React from 'react'

/** Shown while a dashboard page's figures are being fetched. */
export default function Loading() {
  return (
    <main aria-busy="true">
      <p className="muted" role="status">
        Loading…
      </p>
    </main>
  )
}
