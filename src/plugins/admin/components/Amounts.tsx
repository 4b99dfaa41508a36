'use client'

import { useFormFields } from '@payloadcms/ui'
import React from 'react'

import { formatBytes, formatMinutes } from '@/lib/format'
import { BYTES_PER_MB } from '@/lib/units'

/**
 * Byte counts and lengths of time as people read them ("5.0 GB", "1 day"), in list cells and
 * beside the number a form stores: the number stays what routers report and the API takes.
 */

type CellProps = { cellData?: unknown }
type InputProps = { path: string }

const numberOf = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : null)

export const BytesCell = ({ cellData }: CellProps) => {
  const value = numberOf(cellData)
  return <span>{value === null ? '—' : formatBytes(value)}</span>
}

export const MegabytesCell = ({ cellData }: CellProps) => {
  const value = numberOf(cellData)
  return <span>{value === null ? '—' : formatBytes(value * BYTES_PER_MB)}</span>
}

export const MinutesCell = ({ cellData }: CellProps) => {
  const value = numberOf(cellData)
  return <span>{value === null ? '—' : formatMinutes(value)}</span>
}

/** The form's current value of the field at `path`, shown in words under its input. */
function InWords({ path, say }: InputProps & { say: (value: number) => string }) {
  const value = numberOf(useFormFields(([fields]) => fields[path]?.value))
  if (value === null || !Number.isFinite(value)) return null
  return (
    <div className="field-description" data-in-words={path}>
      {say(value)}
    </div>
  )
}

export const BytesInWords = ({ path }: InputProps) => <InWords path={path} say={formatBytes} />
export const MegabytesInWords = ({ path }: InputProps) => <InWords path={path} say={(value) => formatBytes(value * BYTES_PER_MB)} />
export const MinutesInWords = ({ path }: InputProps) => <InWords path={path} say={formatMinutes} />
