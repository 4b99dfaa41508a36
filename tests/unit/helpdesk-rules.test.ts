import { describe, expect, it } from 'vitest'

import { toCsv } from '@/lib/csv'
import { plainFromRichText, richTextFromPlain } from '@/lib/richText'
import { durationMinutes, parseMoment, readNote, timerLimitHours } from '@/plugins/helpdesk/timeSessions/rules'

describe('durationMinutes (seed 002: calculate_duration)', () => {
  it.each([
    ['2025-02-03T10:00:00Z', '2025-02-03T12:30:00Z', 150],
    ['2025-02-03T10:00:00Z', '2025-02-03T11:30:00Z', 90],
    ['2025-02-03T10:00:00Z', '2025-02-03T12:00:00Z', 120],
    ['2025-02-03T10:00:00Z', '2025-02-03T10:00:59Z', 0],
    ['2025-02-03T10:00:00Z', '2025-02-03T10:01:59.999Z', 1],
    // Across midnight and a DST change elsewhere: instants, not wall clocks.
    ['2025-03-29T23:30:00Z', '2025-03-30T02:30:00Z', 180],
  ])('%s → %s is %i minutes', (start, end, minutes) => {
    expect(durationMinutes(start, end)).toBe(minutes)
    expect(durationMinutes(new Date(start), new Date(end))).toBe(minutes)
  })

  it('returns 0 for invalid input and never a negative number', () => {
    expect(durationMinutes(null, '2025-02-03T10:00:00Z')).toBe(0)
    expect(durationMinutes('2025-02-03T10:00:00Z', undefined)).toBe(0)
    expect(durationMinutes('yesterday', '2025-02-03T10:00:00Z')).toBe(0)
    expect(durationMinutes('2025-02-03T12:00:00Z', '2025-02-03T10:00:00Z')).toBe(0)
  })
})

describe('parseMoment', () => {
  it.each([
    ['2025-02-03T10:00:00Z', '2025-02-03T10:00:00.000Z'],
    ['2025-02-03T10:00Z', '2025-02-03T10:00:00.000Z'],
    ['2025-02-03T13:00:00+03:00', '2025-02-03T10:00:00.000Z'],
    ['2025-02-03T05:30:00-0430', '2025-02-03T10:00:00.000Z'],
    ['2025-02-03T10:00:00.123Z', '2025-02-03T10:00:00.123Z'],
    ['  2024-02-29T10:00:00Z ', '2024-02-29T10:00:00.000Z'],
  ])('reads %j', (input, iso) => {
    expect(parseMoment(input)?.toISOString()).toBe(iso)
  })

  it.each(['2025-02-03 10:00', '2025-02-03T10:00:00', '2025-02-30T10:00:00Z', '2025-02-29T10:00:00Z', '2025-13-01T10:00:00Z', '2025-02-03T24:00:00Z', '2025-02-03T10:60:00Z', 'now', 1_738_576_800_000, null, undefined, {}])(
    'refuses %j',
    (input) => {
      expect(parseMoment(input)).toBeNull()
    },
  )
})

describe('readNote', () => {
  it('trims, treats empty as none, and refuses what is not text or too long', () => {
    expect(readNote(undefined)).toEqual({ note: undefined })
    expect(readNote(null)).toEqual({ note: null })
    expect(readNote('  Fixed it  ')).toEqual({ note: 'Fixed it' })
    expect(readNote('   ')).toEqual({ note: null })
    expect(readNote(42)).toEqual({ error: 'note must be text.' })
    expect(readNote('x'.repeat(2_001))).toEqual({ error: 'note is too long (at most 2000 characters).' })
  })
})

describe('timerLimitHours (BEACON_TIMER_LIMIT_HOURS)', () => {
  it('defaults to 12 and accepts fractions of an hour', () => {
    expect(timerLimitHours(undefined)).toBe(12)
    expect(timerLimitHours('')).toBe(12)
    expect(timerLimitHours('0.5')).toBe(0.5)
  })

  it.each(['0', '-1', 'twelve', '169'])('refuses %j with a message naming the variable', (value) => {
    expect(() => timerLimitHours(value)).toThrow(/BEACON_TIMER_LIMIT_HOURS/)
  })
})

describe('toCsv', () => {
  it('writes numbers as numbers and defuses formulas in text', () => {
    expect(toCsv(['minutes', 'note'], [[-15, '-15'], [30, '=1+1'], [0, 'plain, "quoted"']])).toBe(
      `minutes,note\n-15,'-15\n30,'=1+1\n0,"plain, ""quoted"""\n`,
    )
  })
})

describe('rich text from and to plain text', () => {
  it('keeps the lines', () => {
    const text = 'First line\n\nThird line'
    expect(plainFromRichText(richTextFromPlain(text))).toBe(text)
    expect(plainFromRichText(null)).toBe('')
  })
})
