'use client'

import { useRouter } from 'next/navigation.js'
import { useState } from 'react'

import { apiAction } from './apiAction'

/** What `POST /api/vouchers/generate` asks for. */
export type BatchRequest = { plan: FormDataEntryValue | null; count: number; location?: FormDataEntryValue; validUntil?: string; prefix?: FormDataEntryValue }

/** A batch made: how many vouchers, and where its printable sheet and CSV are. */
export type MadeBatch = { count: number; batchId: string; sheetUrl: string; csvUrl: string }

/**
 * Generating a voucher batch from a form (the dashboard's and the admin panel's): whether it is
 * under way, the API's refusal in its own words, the batch made, and the page's data refreshed.
 */
export function useVoucherBatch() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [made, setMade] = useState<MadeBatch | null>(null)

  const generate = async (request: BatchRequest) => {
    setBusy(true)
    setError('')
    setMade(null)
    try {
      setMade(await apiAction<MadeBatch>('/api/vouchers/generate', request, { fallback: 'The vouchers could not be generated.' }))
      router.refresh()
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  /** A problem found before asking (a day that is not a date). */
  const refuse = (message: string) => {
    setMade(null)
    setError(message)
  }

  return { busy, error, made, generate, refuse }
}
