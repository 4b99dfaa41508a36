'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { formatTime } from '@/lib/dates'

/**
 * Re-renders the page's server components every `seconds` (no full reload; what the person
 * typed or opened stays), while the tab is visible. Shows when the figures were last fetched.
 */
export function AutoRefresh({ seconds, timeZone }: { seconds: number; timeZone: string }) {
  const router = useRouter()
  // Set in the browser only: a time rendered on the server would not match the one hydrated.
  const [at, setAt] = useState<Date | null>(null)

  useEffect(() => {
    setAt(new Date())
    const tick = () => {
      if (document.visibilityState !== 'visible' || document.querySelector('dialog[open]')) return
      router.refresh()
      setAt(new Date())
    }
    const timer = window.setInterval(tick, seconds * 1000)
    return () => window.clearInterval(timer)
  }, [router, seconds])

  return (
    <span className="muted" aria-live="off" data-refreshed-at={at?.toISOString()}>
      Updates every {seconds} s{at ? ` · last at ${formatTime(at, { timeZone, dateFormat: 'yyyy-MM-dd' })}` : ''}
    </span>
  )
}
