'use client'

import { FieldDescription, FieldLabel, useConfig, useField, useFormFields } from '@payloadcms/ui'
import type { JSONFieldClient } from 'payload'
import React from 'react'

import { describeChange } from '../auditLogs/changeWords'

type Change = { from?: unknown; to?: unknown }

const shown = (value: unknown, say: (value: unknown) => string | null) => {
  if (value === null || value === undefined || value === '') return <span style={{ color: 'var(--theme-elevation-500)' }}>—</span>
  const words = say(value)
  if (words !== null) return words
  if (typeof value === 'string' || typeof value === 'number') return String(value)
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
  // Named and written as the changed document's own form does.
  const targetType = useFormFields(([fields]) => fields.targetType?.value)
  const { getEntityConfig } = useConfig()
  const target = typeof targetType === 'string' ? getEntityConfig({ collectionSlug: targetType }) : null
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
            {rows.map(([key, change]) => {
              const { label, say } = describeChange(target?.fields, key)
              return (
              <tr key={key} data-field={key}>
                {[label, shown(change?.from, say), shown(change?.to, say)].map((cell, index) => (
                  <td key={index} style={{ padding: '0.4rem 0.6rem', borderBottom: '1px solid var(--theme-elevation-100)', verticalAlign: 'top' }}>
                    {cell}
                  </td>
                ))}
              </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <FieldDescription description={field.admin?.description} path={path} />
    </div>
  )
}
