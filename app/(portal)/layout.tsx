import type { Metadata, Viewport } from 'next'
import React from 'react'

import '../palette.css'
import './portal.css'

export const metadata: Metadata = { title: { default: 'WiFi', template: '%s · WiFi' }, robots: { index: false } }
export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

/** The captive portal: customers' pages, their own document, for phones first. */
export default function PortalRoot({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
