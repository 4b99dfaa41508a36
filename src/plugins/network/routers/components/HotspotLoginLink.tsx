'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

/**
 * On a saved router: the download of its hotspot `login.html`, which sends its customers to
 * Beacon's portal, and the Captive Portal API address (RFC 8908) its DHCP server can announce in
 * option 114 (RFC 8910).
 */
export function HotspotLoginLink() {
  const { id } = useDocumentInfo()
  const [origin, setOrigin] = useState('')
  useEffect(() => setOrigin(window.location.origin), [])
  if (!id) return null
  const api = `${origin}/api/captive-portal/${id}`
  return (
    <div style={{ marginBlock: '1rem' }}>
      <p>
        <a href={`/api/routers/${id}/hotspot-login`} download="login.html">
          Download the hotspot login.html
        </a>{' '}
        <span style={{ color: 'var(--theme-elevation-500)' }}>
          Upload it to the router&apos;s hotspot folder; it sends devices to Beacon&apos;s portal for this branch.
        </span>
      </p>
      <p>
        Captive Portal API (RFC 8908): <code>{api}</code>
        <br />
        <span style={{ color: 'var(--theme-elevation-500)' }}>
          Announce it in DHCP option 114: <code>/ip dhcp-server option add name=beacon-captive code=114 value=&quot;&apos;{api}&apos;&quot;</code>,
          then add that option to the hotspot network&apos;s DHCP options. Devices must reach it over HTTPS.
        </span>
      </p>
    </div>
  )
}
