'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import React, { useEffect, useState } from 'react'

import { apiAction } from './apiAction'

type Running = { id: string; ticket: string; ticketNumber: number | null; ticketTitle: string | null; startTime: string }

function clock(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000))
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`
}

/**
 * Start and stop the agent's timer on a ticket. The server holds the truth (the running entry's
 * start), so the clock survives a reload; refusals are the rules' own words. A timer running on
 * another ticket is named, with a link, before anyone presses Start (and after a refusal, when it
 * was started elsewhere since the page loaded).
 */
export function TimerControl({ ticket, running }: { ticket: string; running: Running | null }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [now, setNow] = useState<number | null>(null)
  const here = running?.ticket === ticket

  useEffect(() => {
    if (!here) return
    setNow(Date.now())
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [here])

  const act = async (path: string, body: Record<string, unknown>, done: (answer: { durationMinutes?: number }) => string) => {
    setBusy(true)
    setMessage(null)
    try {
      const answer = await apiAction<{ durationMinutes?: number }>(path, body)
      setMessage({ text: done(answer), error: false })
      router.refresh()
    } catch (failure) {
      setMessage({ text: (failure as Error).message, error: true })
      // What the refusal is about (a timer started on another ticket meanwhile) shows after a refresh.
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="timer" aria-label="Timer">
      {here ? (
        <>
          <span className="clock" role="timer" aria-label="Time on this ticket">
            {now === null ? '…' : clock(now - new Date(running.startTime).getTime())}
          </span>{' '}
          <button type="button" className="primary" disabled={busy} onClick={() => void act('/api/time-sessions/stop', { session: running.id }, (answer) => `Stopped: ${answer.durationMinutes ?? 0} min recorded.`)}>
            {busy ? 'Stopping…' : 'Stop timer'}
          </button>
        </>
      ) : (
        <>
          {running && (
            <span className="muted">
              Your timer runs on{' '}
              <Link href={`/dashboard/tickets/${running.ticket}`}>
                {running.ticketNumber === null ? 'another ticket' : `ticket #${running.ticketNumber}`}
                {running.ticketTitle && ` ${running.ticketTitle}`}
              </Link>
              : stop it there to time this one.{' '}
            </span>
          )}
          <button type="button" className="primary" disabled={busy} onClick={() => void act('/api/time-sessions/start', { ticket }, () => 'Timer started.')}>
            {busy ? 'Starting…' : 'Start timer'}
          </button>
        </>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </div>
  )
}
