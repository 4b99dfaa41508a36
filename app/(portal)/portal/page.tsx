import type { Metadata } from 'next'
import React from 'react'

export const metadata: Metadata = { title: 'WiFi login' }

/**
 * `/portal` without a branch: each WiFi network's login page sends devices to its own branch's
 * portal (`/portal/<organization>/<branch>`), so here there is only the way to get there.
 */
export default function PortalHome() {
  return (
    <div className="portal">
      <header className="brand">
        <div className="name">WiFi login</div>
      </header>
      <main>
        <h1>Connect to the WiFi first</h1>
        <p>To get online, connect to the WiFi network and open any web page: the network&apos;s login page brings you to its sign-in.</p>
        <p className="muted">Staff of a WiFi provider sign in at <a href="/dashboard">the dashboard</a>.</p>
      </main>
    </div>
  )
}
