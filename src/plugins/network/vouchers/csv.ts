import { stringify } from 'csv-stringify/sync'

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

// Spreadsheet apps run cells starting with these as formulas, so operator-entered text such as a plan
// name could execute on whoever opens the export; a leading apostrophe makes them plain text.
function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/** One line per voucher under a header line, quoted where needed. */
export function vouchersToCsv(rows: VoucherCsvRow[]): string {
  const header = COLUMNS.map((column) => column.header)
  const records = rows.map((row) => COLUMNS.map(({ key }) => neutraliseFormula(row[key])))
  return stringify([header, ...records])
}
