import type { Metadata, Viewport } from 'next'
import React from 'react'

import '../palette.css'
import './dashboard.css'

export const metadata: Metadata = { title: { default: 'Beacon dashboard', template: '%s · Beacon' } }
export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

/** The branch managers' dashboard: its own document, beside Payload's admin panel. */
export default function DashboardRoot({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
