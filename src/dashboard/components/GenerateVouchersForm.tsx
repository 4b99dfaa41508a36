'use client'

import React from 'react'

import { countOf } from '@/lib/words'

import { useVoucherBatch } from './useVoucherBatch'

type Option = { id: string; name: string }

/** Generates a voucher batch (`POST /api/vouchers/generate`), then offers its printable sheet. */
export function GenerateVouchersForm({ plans, branches, everyBranch }: { plans: Option[]; branches: Option[]; everyBranch: boolean }) {
  const { busy, error, made, generate } = useVoucherBatch()

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    await generate({ plan: form.get('plan'), count: Number(form.get('count')), location: form.get('location') || undefined })
  }

  if (plans.length === 0) return <p className="notice">There is no active plan to sell. An org-admin adds plans in the admin panel.</p>

  return (
    <form className="search" onSubmit={submit} aria-label="Generate vouchers">
      <label>
        Plan{' '}
        <select name="plan" required defaultValue={plans[0].id}>
          {plans.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        How many <input name="count" type="number" min={1} max={10000} defaultValue={10} required style={{ width: '7rem' }} />
      </label>
      {(branches.length > 0 || everyBranch) && (
        <label>
          Branch{' '}
          <select name="location" defaultValue={branches[0]?.id ?? ''}>
            {everyBranch && <option value="">Every branch</option>}
            {branches.map((branch) => (
              <option key={branch.id} value={branch.id}>
                {branch.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Generating…' : 'Generate'}
      </button>
      {error && (
        <p role="alert" className="error" style={{ flexBasis: '100%' }}>
          {error}
        </p>
      )}
      {made && (
        <p role="status" style={{ flexBasis: '100%' }}>
          {countOf(made.count, 'voucher')} ready.{' '}
          <a href={made.sheetUrl} target="_blank" rel="noreferrer">
            Open the printable sheet
          </a>{' '}
          · <a href={made.csvUrl}>CSV</a>
        </p>
      )}
    </form>
  )
}
