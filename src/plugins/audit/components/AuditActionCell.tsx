'use client'

import { useFormFields } from '@payloadcms/ui'
import React from 'react'

import { auditActionInWords } from '../auditLogs/words'

/** An audit log entry's action in its list, in words ("Ticket updated"). */
export const AuditActionCell = ({ cellData }: { cellData?: unknown }) => <span>{typeof cellData === 'string' ? auditActionInWords(cellData) : '—'}</span>

/** Under the stored action on an entry's page, the same in words. */
export const AuditActionInWords = ({ path }: { path: string }) => {
  const value = useFormFields(([fields]) => fields[path]?.value)
  if (typeof value !== 'string' || !value) return null
  return <div className="field-description" data-in-words={path}>{auditActionInWords(value)}</div>
}
