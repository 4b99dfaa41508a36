import { describe, expect, it } from 'vitest'

import { countOf, inWords, nounFor } from '@/lib/words'

describe('countOf', () => {
  it.each([
    [0, 'device', undefined, '0 devices'],
    [1, 'device', undefined, '1 device'],
    [2, 'device', undefined, '2 devices'],
    [1, 'voucher', undefined, '1 voucher'],
    [10, 'voucher', undefined, '10 vouchers'],
    [1, 'entry', 'entries', '1 entry'],
    [3, 'entry', 'entries', '3 entries'],
  ] as const)('writes %i with %s as people do', (count, singular, plural, expected) => {
    expect(countOf(count, singular, plural)).toBe(expected)
  })

  it('gives the noun alone where the count stands apart from it', () => {
    expect(nounFor(1, 'device')).toBe('device')
    expect(nounFor(5, 'session')).toBe('sessions')
    expect(nounFor(0, 'person', 'people')).toBe('people')
  })
})

describe('inWords', () => {
  it('writes stored values as words', () => {
    expect(inWords('in-progress')).toBe('In progress')
    expect(inWords('SUSPENDED')).toBe('Suspended')
  })
})
