import { escapeHtml } from '@/lib/html'

export type VoucherCard = {
  code: string
  planName: string
  /** Already formatted, e.g. "KES 50.00". */
  price: string
  /** e.g. "1 hour", "7 days"; see formatValidity. */
  validity: string
  /** Formatted date, or null when the voucher does not expire unused. */
  validUntil?: string | null
}

export type VoucherSheet = {
  organizationName: string
  /** `#rrggbb`; anything else is ignored. */
  brandColor?: string | null
  batchId: string
  location?: string | null
  /** Already formatted. */
  generatedAt: string
  cards: VoucherCard[]
}

const DEFAULT_BRAND_COLOR = '#1f4e79'
const CARDS_PER_PAGE = 24 // 3 columns x 8 rows on A4

function plural(amount: number, unit: string): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`
}

/**
 * A plan's validity for people: under 48 hours in hours (and minutes), from 48 hours on in days (and
 * hours, and minutes). 45 → "45 minutes", 90 → "1 hour 30 minutes", 1440 → "24 hours", 10080 → "7 days".
 */
export function formatValidity(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`Validity must be a whole number of minutes, 0 or more (got ${minutes}).`)
  }
  const minutesPart = minutes % 60
  const totalHours = (minutes - minutesPart) / 60
  const [days, hours] = totalHours < 48 ? [0, totalHours] : [Math.floor(totalHours / 24), totalHours % 24]

  const parts: string[] = []
  if (days > 0) parts.push(plural(days, 'day'))
  if (hours > 0) parts.push(plural(hours, 'hour'))
  if (minutesPart > 0 || parts.length === 0) parts.push(plural(minutesPart, 'minute'))
  return parts.join(' ')
}

/** Long codes (prefix + up to 16 symbols) get a smaller font so they stay on one line of a card. */
function codeSizeClass(code: string): string {
  if (code.length <= 12) return 'code'
  if (code.length <= 16) return 'code code-m'
  if (code.length <= 20) return 'code code-s'
  return 'code code-xs'
}

function renderCard(card: VoucherCard, organizationName: string): string {
  const validUntil = card.validUntil ? `<p class="valid-until">Use before ${escapeHtml(card.validUntil)}</p>` : ''
  return `<article class="card">
  <p class="org">${escapeHtml(organizationName)}</p>
  <p class="plan">${escapeHtml(card.planName)}</p>
  <p class="${codeSizeClass(card.code)}">${escapeHtml(card.code)}</p>
  <p class="terms"><span>${escapeHtml(card.price)}</span> · <span>${escapeHtml(card.validity)}</span></p>
  ${validUntil}
  <p class="howto">Connect to the WiFi and enter this code</p>
</article>`
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/** A standalone HTML document with the batch's vouchers as cut-out cards, 24 per A4 page. */
export function renderVoucherSheet(sheet: VoucherSheet): string {
  const brandColor =
    sheet.brandColor && /^#[0-9a-fA-F]{6}$/.test(sheet.brandColor) ? sheet.brandColor : DEFAULT_BRAND_COLOR
  const count = sheet.cards.length
  const title = `${sheet.organizationName} vouchers, batch ${sheet.batchId}`
  const location = sheet.location ? ` · ${escapeHtml(sheet.location)}` : ''

  // Explicit pages, rather than one long grid, so a page break never falls between rows of a page.
  const pages = chunk(sheet.cards, CARDS_PER_PAGE)
    .map((cards) => cards.map((card) => renderCard(card, sheet.organizationName)).join('\n'))
    .map((cards) => `<section class="page">\n${cards}\n</section>`)
    .join('\n')

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 10mm; }
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; }
  p { margin: 0; }
  .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 12px 16px;
    border-bottom: 3px solid ${brandColor}; background: #f6f7f9; }
  .toolbar h1 { font-size: 18px; margin: 0; }
  .toolbar button { margin-left: auto; padding: 8px 20px; font-size: 15px; border: 0; border-radius: 4px;
    background: ${brandColor}; color: #fff; cursor: pointer; }
  .empty { padding: 24px 16px; }
  /* 190mm x 277mm is A4 inside the 10mm margins; 1mm of height is spare for rounding. */
  .page { width: 190mm; height: 276mm; display: grid; grid-template-columns: repeat(3, 1fr);
    grid-template-rows: repeat(8, 1fr); gap: 2.5mm; break-after: page; page-break-after: always; }
  .page:last-child { break-after: auto; page-break-after: auto; }
  .card { display: flex; flex-direction: column; justify-content: center; gap: 0.6mm; overflow: hidden;
    padding: 1.5mm 2.5mm; border: 0.3mm dashed #888; border-top: 1.2mm solid ${brandColor};
    break-inside: avoid; page-break-inside: avoid; text-align: center; }
  .org { font-size: 6.5pt; color: #555; text-transform: uppercase; letter-spacing: 0.06em;
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .plan { font-size: 8.5pt; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Courier New", monospace;
    font-size: 16pt; font-weight: 700; letter-spacing: 0.1em; white-space: nowrap; }
  .code-m { font-size: 13pt; }
  .code-s { font-size: 11pt; }
  .code-xs { font-size: 9pt; }
  .terms { font-size: 8pt; }
  .valid-until { font-size: 6.5pt; color: #333; }
  .howto { font-size: 6.5pt; color: #555; }
  @media screen {
    body { background: #e9ebee; }
    .page { margin: 16px auto; padding: 10mm; width: 210mm; height: auto; min-height: 297mm;
      grid-auto-rows: 32mm; grid-template-rows: none; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2); }
  }
  @media print {
    .toolbar, .empty { display: none; }
  }
</style>
</head>
<body>
<header class="toolbar">
  <h1>${escapeHtml(sheet.organizationName)}: voucher batch ${escapeHtml(sheet.batchId)}</h1>
  <span>${count} ${count === 1 ? 'voucher' : 'vouchers'}${location} · generated ${escapeHtml(sheet.generatedAt)}</span>
  <button type="button" onclick="window.print()">Print</button>
</header>
${count === 0 ? '<p class="empty">This batch has no vouchers.</p>' : pages}
</body>
</html>
`
}
