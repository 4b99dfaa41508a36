import { toCsv } from '@/lib/csv'

export type VoucherCsvRow = {
  code: string
  plan: string
  status: string
  batchId: string
  location: string
  price: string
  validUntil: string
  usedAt: string
}

const COLUMNS: { key: keyof VoucherCsvRow; header: string }[] = [
  { key: 'code', header: 'code' },
  { key: 'plan', header: 'plan' },
  { key: 'status', header: 'status' },
  { key: 'batchId', header: 'batch' },
  { key: 'location', header: 'location' },
  { key: 'price', header: 'price' },
  { key: 'validUntil', header: 'valid_until' },
  { key: 'usedAt', header: 'used_at' },
]

/** One line per voucher under a header line. */
export function vouchersToCsv(rows: VoucherCsvRow[]): string {
  return toCsv(
    COLUMNS.map((column) => column.header),
    rows.map((row) => COLUMNS.map(({ key }) => row[key])),
  )
}
