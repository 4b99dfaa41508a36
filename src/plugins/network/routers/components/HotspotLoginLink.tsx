'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import React from 'react'

/** On a saved router: the download of its hotspot `login.html`, which sends its customers to Beacon's portal. */
export function HotspotLoginLink() {
  const { id } = useDocumentInfo()
  if (!id) return null
  return (
    <p style={{ marginBlock: '1rem' }}>
      <a href={`/api/routers/${id}/hotspot-login`} download="login.html">
        Download the hotspot login.html
      </a>{' '}
      <span style={{ color: 'var(--theme-elevation-500)' }}>
        Upload it to the router&apos;s hotspot folder; it sends devices to Beacon&apos;s portal for this branch.
      </span>
    </p>
  )
}
