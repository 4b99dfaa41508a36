import type { Metadata } from 'next'
import React from 'react'

import { selectBranches } from '@/dashboard/branches'
import { GenerateVouchersForm } from '@/dashboard/components/GenerateVouchersForm'
import { Refused } from '@/dashboard/components/Refused'
import { formatDateTime } from '@/lib/dates'
import { planOptions } from '@/dashboard/plans'
import { requireStaff } from '@/dashboard/staff'
import { loadBatches, mayGenerateForEveryBranch, mayGenerateVouchers } from '@/dashboard/vouchers'

export const metadata: Metadata = { title: 'Vouchers' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/dashboard/vouchers`: generate a batch, print it, and see how much of each batch is used. */
export default async function VouchersPage({ searchParams }: Props) {
  const staff = await requireStaff()
  const params = await searchParams
  const selection = selectBranches(staff, params.branch)
  if (selection.unknown) return <Refused title="Vouchers" reason="branch" back="/dashboard/vouchers" />
  const batches = await loadBatches(staff, selection)
  const plans = await planOptions(staff, { activeOnly: true })
  const dates = selection.dates

  return (
    <main>
      <h1>
        Vouchers <span className="muted">· {selection.label}</span>
      </h1>
      {mayGenerateVouchers(staff) && (
        <GenerateVouchersForm
          plans={plans}
          branches={selection.branches.map(({ id, name }) => ({ id, name }))}
          everyBranch={mayGenerateForEveryBranch(staff)}
        />
      )}
      {batches === null ? (
        <p className="notice">Your role does not include vouchers. Ask your organization&apos;s admin.</p>
      ) : batches.length === 0 ? (
        <div className="empty">
          <p>No voucher batch yet. Generate one above, print its sheet and sell the codes at the counter.</p>
        </div>
      ) : (
        <div className="scroll">
          <table className="list" aria-label="Voucher batches">
            <thead>
              <tr>
                <th>Batch</th>
                <th>Plan</th>
                <th>Made</th>
                <th>Used</th>
                <th>Left</th>
                <th aria-label="Downloads" />
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => (
                <tr key={batch.batchId} data-batch={batch.batchId}>
                  <td>
                    <code>{batch.batchId}</code>
                    <div className="muted">{batch.branch ?? 'every branch'}</div>
                  </td>
                  <td>{batch.plan}</td>
                  <td>{formatDateTime(batch.createdAt, dates)}</td>
                  <td>
                    {batch.used} of {batch.total}
                  </td>
                  <td>
                    {batch.available}
                    {batch.expired > 0 && <div className="muted">{batch.expired} expired</div>}
                  </td>
                  <td>
                    <a href={`/api/vouchers/batches/${encodeURIComponent(batch.batchId)}/sheet`} target="_blank" rel="noreferrer">
                      Print
                    </a>{' '}
                    · <a href={`/api/vouchers/batches/${encodeURIComponent(batch.batchId)}/csv`}>CSV</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  )
}
