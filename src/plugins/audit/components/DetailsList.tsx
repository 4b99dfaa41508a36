'use client'

import { FieldDescription, FieldLabel, useField } from '@payloadcms/ui'
import type { JSONFieldClient } from 'payload'
import React from 'react'

import { inWords } from '@/lib/words'

const keyInWords = (key: string) => inWords(key.replace(/([a-z0-9])([A-Z])/g, '$1 $2'))

const shown = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '—'
    : typeof value === 'object'
      ? <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(value)}</code>
      : String(value)

/**
 * A read-only JSON field as a list of its keys and values, in place of Payload's code editor,
 * which loads Monaco from a CDN that many ISP networks and offline installs cannot reach.
 */
export function DetailsList({ field, path }: { field: JSONFieldClient; path: string }) {
  const { value } = useField<unknown>({ path })
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : null
  return (
    <div className="field-type" style={{ marginBlock: '1rem' }}>
      <FieldLabel label={field.label} path={path} />
      {entries === null ? (
        <p>{shown(value)}</p>
      ) : (
        <dl aria-label={typeof field.label === 'string' ? field.label : path} style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.3rem 1rem', margin: 0 }}>
          {entries.map(([key, item]) => (
            <React.Fragment key={key}>
              <dt style={{ color: 'var(--theme-elevation-500)' }}>{keyInWords(key)}</dt>
              <dd style={{ margin: 0 }} data-key={key}>
                {shown(item)}
              </dd>
            </React.Fragment>
          ))}
        </dl>
      )}
      <FieldDescription description={field.admin?.description} path={path} />
    </div>
  )
}
