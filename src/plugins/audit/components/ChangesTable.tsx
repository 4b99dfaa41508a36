'use client'

import { FieldDescription, FieldLabel, useField } from '@payloadcms/ui'
import type { JSONFieldClient } from 'payload'
import React from 'react'

import { inWords } from '@/lib/words'

type Change = { from?: unknown; to?: unknown }

/** A field's name in words: "totalTimeSpent" → "Total time spent", "settings.gateways" → "Settings › gateways". */
const fieldName = (key: string) => key.split('.').map((part) => inWords(part.replace(/([a-z0-9])([A-Z])/g, '$1 $2'))).join(' › ')

const shown = (value: unknown) => {
  if (value === null || value === undefined || value === '') return <span style={{ color: 'var(--theme-elevation-500)' }}>—</span>
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  return <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(value, null, 1)}</code>
}

/**
 * An audit entry's changes as a table a person reads (field, before, after), in place of
 * Payload's JSON editor, which loads Monaco from a CDN (cdn.jsdelivr.net) that many ISP networks
 * and offline installs cannot reach: nothing to load from elsewhere, and no JSON to read.
 */
export function ChangesTable({ field, path }: { field: JSONFieldClient; path: string }) {
  const { value } = useField<Record<string, Change> | null>({ path })
  const rows = value && typeof value === 'object' ? Object.entries(value) : []
  return (
    <div className="field-type" style={{ marginBlock: '1rem' }}>
      <FieldLabel label={field.label} path={path} />
      {rows.length === 0 ? (
        <p>No fields changed.</p>
      ) : (
        <table aria-label="Changes" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              {['Field', 'Before', 'After'].map((heading) => (
                <th key={heading} style={{ textAlign: 'left', padding: '0.4rem 0.6rem', borderBottom: '1px solid var(--theme-elevation-150)' }}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, change]) => (
              <tr key={key} data-field={key}>
                {[fieldName(key), shown(change?.from), shown(change?.to)].map((cell, index) => (
                  <td key={index} style={{ padding: '0.4rem 0.6rem', borderBottom: '1px solid var(--theme-elevation-100)', verticalAlign: 'top' }}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FieldDescription description={field.admin?.description} path={path} />
    </div>
  )
}
