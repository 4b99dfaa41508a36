import { describe, expect, it } from 'vitest'

import { escapeHtml } from '@/lib/html'
import {
  generateVoucherCode,
  generateVoucherCodes,
  normalizeVoucherCode,
  validateVoucherOptions,
  VOUCHER_ALPHABET,
  VOUCHER_CODE_LENGTH,
  voucherCodeEntropyBits,
  VoucherOptionsError,
} from '@/plugins/network/vouchers/codes'
import { vouchersToCsv, type VoucherCsvRow } from '@/plugins/network/vouchers/csv'
import {
  formatValidity,
  renderVoucherSheet,
  type VoucherCard,
  type VoucherSheet,
} from '@/plugins/network/vouchers/sheet'

/** A random source that hands out the given bytes in order, however they are requested. */
function scriptedRandom(bytes: number[]) {
  const served: number[] = []
  let next = 0
  const random = (size: number) => {
    const chunk = Array.from({ length: size }, () => bytes[next++ % bytes.length])
    served.push(...chunk)
    return Buffer.from(chunk)
  }
  return { random, served }
}

/** Bytes that make the generator produce exactly these codes (each symbol's index is below the limit). */
function bytesFor(...codes: string[]): number[] {
  return codes.flatMap((code) => [...code].map((char) => VOUCHER_ALPHABET.indexOf(char)))
}

describe('voucher alphabet', () => {
  it('has 30 distinct upper-case letters and digits without look-alikes', () => {
    expect(VOUCHER_ALPHABET).toMatch(/^[A-Z2-9]+$/)
    expect(new Set(VOUCHER_ALPHABET).size).toBe(VOUCHER_ALPHABET.length)
    expect(VOUCHER_ALPHABET).toHaveLength(30)
    for (const lookAlike of ['0', 'O', '1', 'I', 'L', 'U']) expect(VOUCHER_ALPHABET).not.toContain(lookAlike)
  })

  it('documents the entropy of a code', () => {
    expect(voucherCodeEntropyBits(10)).toBeCloseTo(10 * Math.log2(30))
    expect(voucherCodeEntropyBits(VOUCHER_CODE_LENGTH.default)).toBeGreaterThan(49)
  })
})

describe('generateVoucherCode', () => {
  it.each([
    [6, ''],
    [10, 'CAFE'],
    [16, 'ZONE0001'],
  ])('length %i with prefix %j', (length, prefix) => {
    const code = generateVoucherCode({ length, prefix })
    expect(code).toHaveLength(prefix.length + length)
    expect(code.startsWith(prefix)).toBe(true)
    for (const char of code.slice(prefix.length)) expect(VOUCHER_ALPHABET).toContain(char)
  })

  it('skips bytes at or above the largest multiple of 30 below 256', () => {
    const countdown = Array.from({ length: 256 }, (_, i) => 255 - i)
    const { random, served } = scriptedRandom(countdown)
    const code = generateVoucherCode({ length: 6, prefix: '' }, random)

    // 255..240 are discarded; 239..234 map to symbols 29..24.
    expect(code).toBe('ZYXWVT')
    const used = served.filter((byte) => byte < 240).slice(0, 6)
    expect(used).toEqual([239, 238, 237, 236, 235, 234])
    expect(code).toBe(used.map((byte) => VOUCHER_ALPHABET[byte % 30]).join(''))
  })

  it('gives every symbol exactly the same share of the 256 byte values', () => {
    const everyByte = Array.from({ length: 256 }, (_, i) => i)
    const { random } = scriptedRandom(everyByte)
    // 240 accepted bytes per 256 served: 8 of each symbol.
    const symbols = Array.from({ length: 15 }, () => generateVoucherCode({ length: 16, prefix: '' }, random)).join('')
    expect(symbols).toHaveLength(240)
    for (const char of VOUCHER_ALPHABET) expect([...symbols].filter((symbol) => symbol === char)).toHaveLength(8)
  })

  it('spreads symbols evenly with the real random source', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 12_500; i++) {
      for (const char of generateVoucherCode({ length: 16, prefix: '' })) counts.set(char, (counts.get(char) ?? 0) + 1)
    }
    const expected = 200_000 / VOUCHER_ALPHABET.length
    expect(counts.size).toBe(VOUCHER_ALPHABET.length)
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.9)
      expect(count).toBeLessThan(expected * 1.1)
    }
  })

  it('stops when the random source only returns unusable bytes', () => {
    expect(() => generateVoucherCode({ length: 6, prefix: '' }, scriptedRandom([250]).random)).toThrow(/random/)
  })
})

describe('generateVoucherCodes', () => {
  it('returns 10,000 distinct codes', () => {
    const codes = generateVoucherCodes(10_000, { length: VOUCHER_CODE_LENGTH.default, prefix: 'B1' })
    expect(codes).toHaveLength(10_000)
    expect(new Set(codes).size).toBe(10_000)
    expect(codes.every((code) => /^B1[2-9A-HJKMNP-TV-Z]{10}$/.test(code))).toBe(true)
  })

  it('draws again when a code repeats', () => {
    const { random } = scriptedRandom(bytesFor('AAAAAA', 'AAAAAA', 'BBBBBB'))
    expect(generateVoucherCodes(2, { length: 6, prefix: '' }, random)).toEqual(['AAAAAA', 'BBBBBB'])
  })

  it('stops when the random source keeps repeating itself', () => {
    const { random } = scriptedRandom(bytesFor('AAAAAA'))
    expect(() => generateVoucherCodes(2, { length: 6, prefix: '' }, random)).toThrow(/repeating/)
  })

  it('refuses a bad count', () => {
    for (const count of [-1, 1.5, Number.NaN]) {
      expect(() => generateVoucherCodes(count, { length: 10, prefix: '' })).toThrow(VoucherOptionsError)
    }
    expect(() => generateVoucherCodes(1_000_000, { length: 6, prefix: '' })).toThrow(/longer codes/)
    expect(generateVoucherCodes(0, { length: 10, prefix: '' })).toEqual([])
  })
})

describe('validateVoucherOptions', () => {
  it('fills in defaults', () => {
    expect(validateVoucherOptions({})).toEqual({ length: 10, prefix: '' })
  })

  it.each([5, 17, 2.5, 'abc', '10', Number.NaN])('refuses length %j', (length) => {
    expect(() => validateVoucherOptions({ length })).toThrow(VoucherOptionsError)
    try {
      validateVoucherOptions({ length })
    } catch (error) {
      expect((error as VoucherOptionsError).field).toBe('length')
      expect((error as VoucherOptionsError).message).toMatch(/6 to 16/)
    }
  })

  it.each(['TOO-LONG!!', 'ABCDEFGHI', 'CAFÉ', 'A B', 42])('refuses prefix %j', (prefix) => {
    expect(() => validateVoucherOptions({ prefix })).toThrow(expect.objectContaining({ field: 'prefix' }))
  })

  it('upper-cases the prefix and allows any letter or digit in it', () => {
    expect(validateVoucherOptions({ length: 6, prefix: 'hotel10' })).toEqual({ length: 6, prefix: 'HOTEL10' })
    expect(validateVoucherOptions({ length: 16, prefix: 'OIL01' })).toEqual({ length: 16, prefix: 'OIL01' })
  })
})

describe('normalizeVoucherCode', () => {
  it.each([
    [' ab-cd ef ', 'ABCDEF'],
    ['CAFE-7K3M-QX9P', 'CAFE7K3MQX9P'],
    ['\tx2y3\n', 'X2Y3'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeVoucherCode(input)).toBe(expected)
  })
})

describe('renderVoucherSheet', () => {
  const card = (code: string): VoucherCard => ({
    code,
    planName: '1 Hour',
    price: 'KES 50.00',
    validity: '1 hour',
    validUntil: '31 Dec 2025',
  })
  const sheet = (overrides: Partial<VoucherSheet> = {}): VoucherSheet => ({
    organizationName: 'Mama Njeri Cafe',
    brandColor: '#aa3300',
    batchId: 'B-0042',
    location: 'Kisumu',
    generatedAt: '1 Dec 2025 10:00',
    cards: [card('CAFE7K3MQX9PZT')],
    ...overrides,
  })
  const cardCount = (html: string) => html.split('<article class="card">').length - 1

  it('escapes every interpolated value', () => {
    const evil = (field: string) => `<script>alert("${field}")</script>'&`
    const html = renderVoucherSheet({
      organizationName: evil('org'),
      brandColor: '#000000"><script>x</script>',
      batchId: evil('batch'),
      location: evil('location'),
      generatedAt: evil('generatedAt'),
      cards: [
        {
          code: evil('code'),
          planName: evil('plan'),
          price: evil('price'),
          validity: evil('validity'),
          validUntil: evil('validUntil'),
        },
      ],
    })
    expect(html).not.toMatch(/<script/i)
    const fields = ['org', 'batch', 'location', 'generatedAt', 'code', 'plan', 'price', 'validity', 'validUntil']
    for (const field of fields) {
      expect(html).toContain(`&lt;script&gt;alert(&quot;${field}&quot;)&lt;/script&gt;&#39;&amp;`)
    }
  })

  it('is a standalone A4 document with one card per code', () => {
    const codes = generateVoucherCodes(25, { length: 10, prefix: '' })
    const html = renderVoucherSheet(sheet({ cards: codes.map(card) }))
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toMatch(/<title>Mama Njeri Cafe vouchers, batch B-0042<\/title>/)
    expect(html).toContain('size: A4')
    expect(html).toContain('margin: 10mm')
    expect(html).toContain('break-inside: avoid')
    expect(html).toMatch(/@media print \{\s*\.toolbar/)
    expect(html).toContain('<button type="button" onclick="window.print()">Print</button>')
    expect(html).toContain('25 vouchers · Kisumu')
    expect(html).not.toMatch(/(src|href)=|@import|url\(/)
    expect(cardCount(html)).toBe(25)
    for (const code of codes) expect(html).toContain(`>${code}</p>`)
    // 24 cards to a page: 25 cards need a second page.
    expect(html.split('<section class="page">')).toHaveLength(3)
    expect(html).toContain('Connect to the WiFi and enter this code')
    expect(html).toContain('Use before 31 Dec 2025')
  })

  it('leaves out what is missing', () => {
    const html = renderVoucherSheet(sheet({ location: null, cards: [{ ...card('ABCDEF'), validUntil: null }] }))
    expect(html).not.toContain('Use before')
    expect(html).toContain('1 voucher · generated')
    expect(renderVoucherSheet(sheet({ cards: [] }))).toContain('This batch has no vouchers.')
  })

  it.each(['red', '#fff', '#12345g', '#aa3300;} body{display:none', null, undefined])(
    'falls back to the default colour for %j',
    (brandColor) => {
      const html = renderVoucherSheet(sheet({ brandColor }))
      expect(html).toContain('#1f4e79')
      expect(html).not.toContain('display:none')
    },
  )

  it('uses a valid brand colour', () => {
    const html = renderVoucherSheet(sheet())
    expect(html).toContain('border-top: 1.2mm solid #aa3300')
    expect(html).not.toContain('#1f4e79')
  })

  it('escapeHtml handles all five special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    )
  })
})

describe('formatValidity', () => {
  it.each([
    [0, '0 minutes'],
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [120, '2 hours'],
    [1440, '24 hours'],
    [47 * 60 + 59, '47 hours 59 minutes'],
    [2880, '2 days'],
    [3000, '2 days 2 hours'],
    [2881, '2 days 1 minute'],
    [10080, '7 days'],
    [43200, '30 days'],
  ])('%i minutes → %j', (minutes, expected) => {
    expect(formatValidity(minutes)).toBe(expected)
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %j', (minutes) => {
    expect(() => formatValidity(minutes)).toThrow(RangeError)
  })
})

describe('vouchersToCsv', () => {
  const row = (overrides: Partial<VoucherCsvRow> = {}): VoucherCsvRow => ({
    code: 'CAFE7K3MQX9PZT',
    plan: '1 Hour',
    status: 'unused',
    batchId: 'B-0042',
    location: 'Kisumu',
    price: 'KES 50.00',
    validUntil: '2025-12-31',
    usedAt: '',
    ...overrides,
  })

  it('starts with the header row', () => {
    expect(vouchersToCsv([])).toBe('code,plan,status,batch,location,price,valid_until,used_at\n')
    const lines = vouchersToCsv([row()]).split('\n')
    expect(lines[0]).toBe('code,plan,status,batch,location,price,valid_until,used_at')
    expect(lines[1]).toBe('CAFE7K3MQX9PZT,1 Hour,unused,B-0042,Kisumu,KES 50.00,2025-12-31,')
  })

  it('quotes cells with commas, quotes and line breaks', () => {
    const csv = vouchersToCsv([row({ plan: 'Day pass, 1 GB', location: 'The "Hub"\nFloor 2' })])
    expect(csv).toContain(',"Day pass, 1 GB",')
    expect(csv).toContain(',"The ""Hub""\nFloor 2",')
  })

  it('neutralises a formula', () => {
    expect(vouchersToCsv([row({ plan: '=cmd()' })]).split('\n')[1]).toBe(
      "CAFE7K3MQX9PZT,'=cmd(),unused,B-0042,Kisumu,KES 50.00,2025-12-31,",
    )
  })

  it.each(['+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('neutralises %j in any column', (value) => {
    const csv = vouchersToCsv([row({ plan: value, location: value, usedAt: value })])
    expect(csv.split(`'${value}`)).toHaveLength(4)
    expect(csv).not.toMatch(new RegExp(`[,"]${value.replace(/[+@\\]/g, '\\$&')}`))
  })

  it('leaves ordinary text alone', () => {
    expect(vouchersToCsv([row({ plan: 'KES 50 = 1 hour' })])).toContain(',KES 50 = 1 hour,')
  })
})
