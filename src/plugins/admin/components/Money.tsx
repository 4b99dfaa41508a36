import type { DefaultServerCellComponentProps, Payload } from 'payload'
import React, { cache } from 'react'

import { relationId } from '@/access'
import { formatMoney } from '@/lib/format'

const organizationCurrency = cache(async (payload: Payload, id: string) => {
  const organization = await payload.findByID({ collection: 'organizations', id, depth: 0, overrideAccess: true, disableErrors: true, select: { currency: true } })
  return organization?.currency || null
})

/** A price in its list: in the row's currency ("KES 100.00"), else its organization's. */
export async function MoneyCell({ cellData, rowData, payload }: DefaultServerCellComponentProps) {
  if (typeof cellData !== 'number') return <span>—</span>
  const own = typeof rowData.currency === 'string' && rowData.currency ? rowData.currency : null
  const organization = relationId(rowData.organization)
  const currency = own ?? (organization ? await organizationCurrency(payload, organization) : null)
  return <span>{formatMoney(cellData, currency)}</span>
}
