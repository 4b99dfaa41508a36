'use client'

import { Button } from '@payloadcms/ui'
import React, { useState } from 'react'

import { DayInput } from '@/dashboard/components/DateInputs'
import { useVoucherBatch } from '@/dashboard/components/useVoucherBatch'
import { dateHint, parseDay, zonedInstant, zoneLabel } from '@/lib/dates'
import { countOf } from '@/lib/words'

import type { BatchChoices } from '../batchChoices'

/** The whole last minute of the last day (23:59:00 to 23:59:59.999). */
const LAST_MINUTE_MS = 59_999

const field: React.CSSProperties = { display: 'flex', flexDirection: 'column', gap: '0.25rem' }

/** Generates a batch of vouchers and offers its printable sheet and CSV. */
export function GenerateBatchForm({ plans, branches, everyBranch, timeZone, dateFormat }: BatchChoices) {
  const { busy, error, made, generate, refuse } = useVoucherBatch()
  const [open, setOpen] = useState(false)
  const [branch, setBranch] = useState(everyBranch ? '' : (branches[0]?.id ?? ''))
  const zone = branches.find((each) => each.id === branch)?.timeZone ?? timeZone

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const typed = String(form.get('validUntil') ?? '').trim()
    const lastDay = parseDay(typed, dateFormat)
    if (typed && !lastDay) return refuse(`The last day to use is not a date: write it as ${dateHint(dateFormat)}.`)
    await generate({
      plan: form.get('plan'),
      count: Number(form.get('count')),
      location: form.get('location') || undefined,
      // The end of the last day of use, in the branch's zone (the organization's for every branch).
      validUntil: lastDay ? new Date(zonedInstant(lastDay, 23, 59, zone).getTime() + LAST_MINUTE_MS).toISOString() : undefined,
      prefix: form.get('prefix') || undefined,
    })
  }

  if (!open) {
    return (
      <div style={{ marginBottom: '1rem' }}>
        <Button buttonStyle="secondary" size="small" onClick={() => setOpen(true)}>
          Generate a batch
        </Button>
      </div>
    )
  }
  if (plans.length === 0) return <p>There is no active plan to sell. Add a plan under Network → Plans first.</p>

  return (
    <form onSubmit={submit} aria-label="Generate a batch of vouchers" style={{ marginBottom: '1.5rem', display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-end' }}>
      <label style={field}>
        Plan
        <select name="plan" required defaultValue={plans[0].id}>
          {plans.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.name}
            </option>
          ))}
        </select>
      </label>
      <label style={field}>
        How many
        <input name="count" type="number" min={1} max={10000} defaultValue={10} required style={{ width: '7rem' }} />
      </label>
      <label style={field}>
        Branch
        <select name="location" value={branch} onChange={(event) => setBranch(event.target.value)}>
          {everyBranch && <option value="">Every branch</option>}
          {branches.map((branch) => (
            <option key={branch.id} value={branch.id}>
              {branch.name}
            </option>
          ))}
        </select>
      </label>
      <DayInput name="validUntil" label={`Last day to use (optional, ${zoneLabel(zone)})`} dateFormat={dateFormat} />
      <label style={field}>
        Code prefix (optional)
        <input name="prefix" maxLength={6} pattern="[A-Za-z0-9]*" style={{ width: '7rem' }} />
      </label>
      <Button type="submit" buttonStyle="primary" size="small" disabled={busy}>
        {busy ? 'Generating…' : 'Generate'}
      </Button>
      {error && (
        <p role="alert" style={{ flexBasis: '100%', color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      )}
      {made && (
        <p role="status" style={{ flexBasis: '100%' }}>
          {countOf(made.count, 'voucher')} ready in batch <code>{made.batchId}</code>.{' '}
          <a href={made.sheetUrl} target="_blank" rel="noreferrer">
            Open the printable sheet
          </a>{' '}
          · <a href={made.csvUrl}>Download the CSV</a>
        </p>
      )}
    </form>
  )
}
