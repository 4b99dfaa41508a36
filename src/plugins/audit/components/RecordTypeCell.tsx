import type { CollectionSlug, DefaultServerCellComponentProps } from 'payload'
import React from 'react'

import { inWords } from '@/lib/words'

/** What an audit log entry was done to, in its list: the collection's name ("Branch"), not its slug ("locations"). */
export function RecordTypeCell({ cellData, payload }: DefaultServerCellComponentProps) {
  if (typeof cellData !== 'string' || !cellData) return <span>—</span>
  const singular = payload.collections[cellData as CollectionSlug]?.config.labels.singular
  return <span>{typeof singular === 'string' ? singular : inWords(cellData)}</span>
}
