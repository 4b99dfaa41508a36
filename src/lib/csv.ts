import { stringify } from 'csv-stringify/sync'

// Spreadsheet apps run cells starting with these as formulas, so text people entered (a plan's
// name, a note) could execute on whoever opens the export; a leading apostrophe makes it text.
function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/**
 * A header line and one line per row, quoted where needed, formulas in text defused. Numbers
 * are written as numbers (a correction of -15 minutes stays -15).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([[...header], ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : neutraliseFormula(cell))))])
}
