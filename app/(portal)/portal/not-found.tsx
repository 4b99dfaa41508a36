import React from 'react'

import { PlainPortalFrame } from '@/portal/components/PortalFrame'

/** A portal address that names no branch (a mistyped link, a branch switched off). */
export default function PortalNotFound() {
  return (
    <PlainPortalFrame>
      <h1>This login page does not exist</h1>
      <p>The address may be mistyped, or this WiFi location is no longer in service.</p>
      <p>Connect to the WiFi network and open any web page: its login page brings you to the right sign-in.</p>
    </PlainPortalFrame>
  )
}
