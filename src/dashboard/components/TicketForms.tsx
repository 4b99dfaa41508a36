'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { apiAction } from './apiAction'

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

/** A local date and time from `<input type="datetime-local">` as an instant in the browser's zone. */
const instant = (value: FormDataEntryValue | null) => (value ? new Date(String(value)).toISOString() : '')

/** Time worked without the timer: start, end and a note (seed 002's manual entry). */
export function ManualEntryForm({ ticket }: { ticket: string }) {
  const { busy, run, feedback } = useAction()
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const data = new FormData(form)
    void run(async () => {
      const entry = await apiAction<{ durationMinutes: number }>('/api/time-sessions/manual', {
        ticket,
        startTime: instant(data.get('start')),
        endTime: instant(data.get('end')),
        note: data.get('note') || undefined,
      })
      return `Added ${entry.durationMinutes} min.`
    }, form)
  }
  return (
    <form className="search" onSubmit={submit} aria-label="Add time worked">
      <label>
        From <input type="datetime-local" name="start" required />
      </label>
      <label>
        To <input type="datetime-local" name="end" required />
      </label>
      <input name="note" placeholder="What was done" aria-label="Note" maxLength={500} />
      <button type="submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add time'}
      </button>
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
