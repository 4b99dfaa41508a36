import { selectBranches } from '@/dashboard/branches'
import { HISTORY_CSV_HEADER, historyCsvRow, historyFilters, historyWhere, loadHistory } from '@/dashboard/history'
import { requireStaff } from '@/dashboard/staff'
import { toCsv } from '@/lib/csv'

export const dynamic = 'force-dynamic'

/** The most rows one export carries (README); narrower dates export the rest. */
const MAX_ROWS = 100_000
const BATCH = 1_000

/** `GET /dashboard/history/export?…`: the history page's rows (all pages) as CSV, times in the branch's zone. */
export async function GET(request: Request): Promise<Response> {
  const staff = await requireStaff()
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const selection = selectBranches(staff, params.branch)
  if (selection.unknown) return Response.json({ errors: [{ message: 'That branch is not one of yours.' }] }, { status: 404 })
  const filters = historyFilters(params, selection.dates)
  const query = historyWhere(filters, selection)
  if ('error' in query) return Response.json({ errors: [{ message: query.error }] }, { status: 400 })

  const rows: (string | number)[][] = []
  for (let page = 1; rows.length < MAX_ROWS; page++) {
    const batch = await loadHistory(staff, selection, query.where, page, BATCH)
    rows.push(...batch.rows.map((row) => historyCsvRow(row, selection.timeZone)))
    if (page >= batch.totalPages) break
  }
  const name = `sessions-${selection.label.replace(/[^A-Za-z0-9]+/g, '-')}-${filters.from}-to-${filters.to}.csv`
  return new Response(toCsv(HISTORY_CSV_HEADER, rows.slice(0, MAX_ROWS)), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
  })
}
