import { headers as requestHeaders } from 'next/headers'
import { createLocalReq, type Payload } from 'payload'
import React from 'react'

import { voucherBatchChoices } from '../batchChoices'
import { GenerateBatchForm } from './GenerateBatchForm'

/**
 * Above the admin panel's voucher list: the form a branch manager or admin generates a batch
 * with, for the organization they work in, with the plans and branches they may choose.
 */
export async function GenerateBatch({ payload }: { payload: Payload }) {
  const headers = await requestHeaders()
  const { user } = await payload.auth({ headers })
  if (!user) return null
  const choices = await voucherBatchChoices(await createLocalReq({ user, req: { headers } }, payload))
  if (!choices) return null
  return <GenerateBatchForm {...choices} />
}
