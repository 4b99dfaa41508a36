'use client'

import { loader } from '@monaco-editor/react'
import type React from 'react'

import { MONACO_PATH } from '../monacoPath'

// Payload's code and JSON editors load Monaco from a CDN (cdn.jsdelivr.net) by default, which many
// ISP networks and offline installs cannot reach; the app serves its own copy (app/monaco). Set
// when the admin panel's providers load, before any editor asks for Monaco.
loader.config({ paths: { vs: `${MONACO_PATH}/vs` } })

/** An admin provider that only points the code editor at the app's own Monaco. */
export function LocalMonaco({ children }: { children?: React.ReactNode }) {
  return children
}
