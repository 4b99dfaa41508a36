import type { DefaultServerCellComponentProps } from 'payload'
import React from 'react'

import { relationId } from '@/access'
import { formatMoney } from '@/lib/format'

import { organizationOf } from '../dates'

/** A price in its list: in the row's currency ("KES 100.00"), else its organization's. */
export async function MoneyCell({ cellData, rowData, payload }: DefaultServerCellComponentProps) {
  if (typeof cellData !== 'number') return <span>—</span>
  const own = typeof rowData.currency === 'string' && rowData.currency ? rowData.currency : null
  const organization = relationId(rowData.organization)
  const currency = own ?? (organization ? (await organizationOf(payload, organization))?.currency || null : null)
  return <span>{formatMoney(cellData, currency)}</span>
}
