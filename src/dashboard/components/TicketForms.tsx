'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { type DateStyle, dateHint, parseDateTime } from '@/lib/dates'

import { apiAction } from './apiAction'
import { DateTimeInput } from './DateInputs'

/** A form that posts to the API and shows the answer's words; the page refreshes on success. */
function useAction() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const run = async (work: () => Promise<string>, form?: HTMLFormElement) => {
    setBusy(true)
    setMessage(null)
    try {
      setMessage({ text: await work(), error: false })
      form?.reset()
      router.refresh()
    } catch (failure) {
      setMessage({ text: (failure as Error).message, error: true })
    } finally {
      setBusy(false)
    }
  }
  const feedback = message && (
    <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
      {message.text}
    </p>
  )
  return { busy, run, feedback }
}

/**
 * Time worked without the timer (seed 002's manual entry): start, end and a note, typed in the
 * ticket's branch's zone (else the organization's), which the form names, and the organization's
 * date format; never the browser's zone.
 */
export function ManualEntryForm({ ticket, dates, zone }: { ticket: string; dates: DateStyle; zone: string }) {
  const { busy, run, feedback } = useAction()
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const data = new FormData(form)
    void run(async () => {
      const start = parseDateTime(String(data.get('start') ?? ''), dates)
      const end = parseDateTime(String(data.get('end') ?? ''), dates)
      const expected = `${dateHint(dates.dateFormat)} hh:mm`
      if (!start) throw new Error(`Enter when the work started as ${expected}.`)
      if (!end) throw new Error(`Enter when the work ended as ${expected}.`)
      if (end.getTime() <= start.getTime()) throw new Error('The end must be after the start.')
      const entry = await apiAction<{ durationMinutes: number }>('/api/time-sessions/manual', {
        ticket,
        startTime: start.toISOString(),
        endTime: end.toISOString(),
        note: data.get('note') || undefined,
      })
      return `Added ${entry.durationMinutes} min.`
    }, form)
  }
  return (
    <form className="search" onSubmit={submit} aria-label="Add time worked">
      <DateTimeInput name="start" label="From" dateFormat={dates.dateFormat} required />
      <DateTimeInput name="end" label="To" dateFormat={dates.dateFormat} required />
      <input name="note" placeholder="What was done" aria-label="Note" maxLength={500} />
      <button type="submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add time'}
      </button>
      <p className="muted" style={{ flexBasis: '100%', margin: 0 }}>
        Times in {zone}.
      </p>
      {feedback}
    </form>
  )
}

/** A correction of an entry: plus or minus minutes with a reason; the entry itself is never edited. */
export function AdjustForm({ entry }: { entry: string }) {
  const { busy, run, feedback } = useAction()
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const data = new FormData(form)
    void run(async () => {
      const minutes = Number(data.get('minutes'))
      await apiAction(`/api/time-sessions/${entry}/adjust`, { minutes, reason: data.get('reason') })
      return `Corrected by ${minutes > 0 ? '+' : ''}${minutes} min.`
    }, form)
  }
  return (
    <details>
      <summary>Correct</summary>
      <form className="search" onSubmit={submit} aria-label="Correct this entry">
        <input name="minutes" type="number" step={1} required placeholder="±minutes" aria-label="Minutes to add or take away" style={{ width: '8rem' }} />
        <input name="reason" required placeholder="Why" aria-label="Reason" maxLength={500} />
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save correction'}
        </button>
        {feedback}
      </form>
    </details>
  )
}

/** A reply in the ticket's conversation. */
export function CommentForm({ ticket }: { ticket: string }) {
  const { busy, run, feedback } = useAction()
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const body = String(new FormData(form).get('body') ?? '')
    void run(async () => {
      await apiAction('/api/ticket-comments', { ticket, body })
      return 'Sent.'
    }, form)
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Reply">
      <label>
        Reply
        <textarea name="body" required rows={3} maxLength={5000} style={{ font: 'inherit', padding: '0.5rem' }} />
      </label>
      <button type="submit" disabled={busy} style={{ justifySelf: 'start' }}>
        {busy ? 'Sending…' : 'Send'}
      </button>
      {feedback}
    </form>
  )
}
