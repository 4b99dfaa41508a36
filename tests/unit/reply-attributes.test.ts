import { describe, expect, it } from 'vitest'

import {
  AllowanceExhaustedError,
  BYTES_PER_MB,
  DEFAULT_INTERIM_INTERVAL_SECONDS,
  formatRate,
  mikrotikRateLimit,
  planReplyAttributes,
  type PlanLimits,
  type SessionAllowance,
} from '@/plugins/network/plans/replyAttributes'

const NOW = new Date('2025-01-01T12:00:00.000Z')
const IN_ONE_HOUR = new Date('2025-01-01T13:00:00.000Z')
const PLAN: PlanLimits = { downloadMbps: 5, uploadMbps: 2 }
const FULL_BURST = {
  downloadMbps: 10,
  uploadMbps: 4,
  thresholdDownloadMbps: 4,
  thresholdUploadMbps: 1.5,
  timeSeconds: 10,
}

function allowance(overrides: Partial<SessionAllowance> = {}): SessionAllowance {
  return { now: NOW, expiresAt: IN_ONE_HOUR, ...overrides }
}

function exhaustionOf(run: () => unknown): AllowanceExhaustedError {
  try {
    run()
  } catch (error) {
    if (error instanceof AllowanceExhaustedError) return error
    throw error
  }
  throw new Error('expected AllowanceExhaustedError, nothing was thrown')
}

describe('formatRate', () => {
  it.each([
    [5_000_000, '5M'],
    [100_000_000, '100M'],
    [500_000, '500k'],
    [1_500_000, '1500k'],
    [64_000, '64k'],
    [1_000, '1k'],
    [1_499, '1k'], // nearest kbps
    [1_500, '2k'],
    [999_600, '1M'], // rounds up to a whole Mbps
    [400, '1k'], // never "0", which RouterOS reads as unlimited
  ])('%d bps → %s', (bitsPerSecond, expected) => {
    expect(formatRate(bitsPerSecond)).toBe(expected)
  })

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (bitsPerSecond) => {
    expect(() => formatRate(bitsPerSecond)).toThrow(RangeError)
    expect(() => formatRate(bitsPerSecond)).toThrow(/bitsPerSecond/)
  })
})

describe('mikrotikRateLimit', () => {
  it.each<[string, PlanLimits, string]>([
    ['plain rates, upload first', { downloadMbps: 5, uploadMbps: 2 }, '2M/5M'],
    ['upload and download never swapped', { downloadMbps: 1, uploadMbps: 20 }, '20M/1M'],
    ['symmetric', { downloadMbps: 10, uploadMbps: 10 }, '10M/10M'],
    ['fractional rates', { downloadMbps: 1.5, uploadMbps: 0.5 }, '500k/1500k'],
    ['float noise', { downloadMbps: 0.3, uploadMbps: 0.1 }, '100k/300k'],
    ['sub-kbps fraction rounds to nearest kbps', { downloadMbps: 0.2567, uploadMbps: 0.0004 }, '1k/257k'],
    ['full burst', { ...PLAN, burst: FULL_BURST }, '2M/5M 4M/10M 1500k/4M 10/10'],
    [
      'burst time rounds to whole seconds',
      { ...PLAN, burst: { ...FULL_BURST, timeSeconds: 7.6 } },
      '2M/5M 4M/10M 1500k/4M 8/8',
    ],
    ['burst is null', { ...PLAN, burst: null }, '2M/5M'],
    ['burst is empty', { ...PLAN, burst: {} }, '2M/5M'],
    ['burst without time', { ...PLAN, burst: { ...FULL_BURST, timeSeconds: null } }, '2M/5M'],
    [
      'burst without thresholds',
      { ...PLAN, burst: { ...FULL_BURST, thresholdDownloadMbps: undefined, thresholdUploadMbps: undefined } },
      '2M/5M',
    ],
    ['burst with one direction only', { ...PLAN, burst: { ...FULL_BURST, uploadMbps: null } }, '2M/5M'],
    ['cap does not affect the rate', { ...PLAN, dataCapMB: 2000 }, '2M/5M'],
  ])('%s → %s', (_name, plan, expected) => {
    expect(mikrotikRateLimit(plan)).toBe(expected)
  })
})

describe('planReplyAttributes', () => {
  it.each<[string, PlanLimits, Partial<SessionAllowance>, Record<string, string | number>]>([
    [
      'no cap: rate, timeout and default interim only',
      PLAN,
      {},
      { 'Mikrotik-Rate-Limit': '2M/5M', 'Session-Timeout': 3600, 'Acct-Interim-Interval': 300 },
    ],
    [
      'burst carried through',
      { ...PLAN, burst: FULL_BURST },
      {},
      { 'Mikrotik-Rate-Limit': '2M/5M 4M/10M 1500k/4M 10/10', 'Session-Timeout': 3600, 'Acct-Interim-Interval': 300 },
    ],
    [
      'Session-Timeout is floored',
      PLAN,
      { expiresAt: new Date(NOW.getTime() + 90_999) },
      { 'Mikrotik-Rate-Limit': '2M/5M', 'Session-Timeout': 90, 'Acct-Interim-Interval': 300 },
    ],
    [
      'under a second left still grants 1',
      PLAN,
      { expiresAt: new Date(NOW.getTime() + 1) },
      { 'Mikrotik-Rate-Limit': '2M/5M', 'Session-Timeout': 1, 'Acct-Interim-Interval': 300 },
    ],
    [
      'cap 2000 MB, nothing used',
      { ...PLAN, dataCapMB: 2000 },
      {},
      {
        'Mikrotik-Rate-Limit': '2M/5M',
        'Session-Timeout': 3600,
        'Acct-Interim-Interval': 300,
        'Mikrotik-Total-Limit': 2000 * 1_048_576,
        'Mikrotik-Total-Limit-Gigawords': 0,
      },
    ],
    [
      'cap 10,000 MB splits into low 32 bits and gigawords',
      { ...PLAN, dataCapMB: 10_000 },
      {},
      {
        'Mikrotik-Rate-Limit': '2M/5M',
        'Session-Timeout': 3600,
        'Acct-Interim-Interval': 300,
        'Mikrotik-Total-Limit': 10_000 * 1_048_576 - 2 * 2 ** 32,
        'Mikrotik-Total-Limit-Gigawords': 2,
      },
    ],
    [
      'used bytes (number) reduce the remainder',
      { ...PLAN, dataCapMB: 2000 },
      { usedBytes: 1_500_000_000 },
      {
        'Mikrotik-Rate-Limit': '2M/5M',
        'Session-Timeout': 3600,
        'Acct-Interim-Interval': 300,
        'Mikrotik-Total-Limit': 2000 * 1_048_576 - 1_500_000_000,
        'Mikrotik-Total-Limit-Gigawords': 0,
      },
    ],
    [
      'used bytes (bigint) reduce a remainder above 4 GiB exactly',
      { ...PLAN, dataCapMB: 10_000 },
      { usedBytes: 1n },
      {
        'Mikrotik-Rate-Limit': '2M/5M',
        'Session-Timeout': 3600,
        'Acct-Interim-Interval': 300,
        'Mikrotik-Total-Limit': 10_000 * 1_048_576 - 2 * 2 ** 32 - 1,
        'Mikrotik-Total-Limit-Gigawords': 2,
      },
    ],
    [
      'remainder of exactly 4 GiB is low 0, gigawords 1',
      { ...PLAN, dataCapMB: 5000 },
      { usedBytes: 5000 * BYTES_PER_MB - 2 ** 32 },
      {
        'Mikrotik-Rate-Limit': '2M/5M',
        'Session-Timeout': 3600,
        'Acct-Interim-Interval': 300,
        'Mikrotik-Total-Limit': 0,
        'Mikrotik-Total-Limit-Gigawords': 1,
      },
    ],
    [
      'one byte left',
      { ...PLAN, dataCapMB: 1 },
      { usedBytes: BYTES_PER_MB - 1 },
      {
        'Mikrotik-Rate-Limit': '2M/5M',
        'Session-Timeout': 3600,
        'Acct-Interim-Interval': 300,
        'Mikrotik-Total-Limit': 1,
        'Mikrotik-Total-Limit-Gigawords': 0,
      },
    ],
    [
      'fractional cap in MB',
      { ...PLAN, dataCapMB: 1.1 },
      {},
      {
        'Mikrotik-Rate-Limit': '2M/5M',
        'Session-Timeout': 3600,
        'Acct-Interim-Interval': 300,
        'Mikrotik-Total-Limit': 1_153_434, // 1.1 × 2^20, rounded
        'Mikrotik-Total-Limit-Gigawords': 0,
      },
    ],
    [
      'null cap means no limit attributes',
      { ...PLAN, dataCapMB: null },
      { usedBytes: 123 },
      { 'Mikrotik-Rate-Limit': '2M/5M', 'Session-Timeout': 3600, 'Acct-Interim-Interval': 300 },
    ],
  ])('%s', (_name, plan, overrides, expected) => {
    expect(planReplyAttributes(plan, allowance(overrides))).toStrictEqual(expected)
  })

  it.each([
    [undefined, DEFAULT_INTERIM_INTERVAL_SECONDS],
    [120, 120],
    [60, 60],
    [59, 60],
    [0, 60],
    [-5, 60],
    [86_400, 86_400],
    [100_000, 86_400],
    [90.4, 90],
  ])('Acct-Interim-Interval %s → %d', (interimIntervalSeconds, expected) => {
    const attributes = planReplyAttributes(PLAN, allowance({ interimIntervalSeconds }))
    expect(attributes['Acct-Interim-Interval']).toBe(expected)
  })

  it.each<[string, PlanLimits, Partial<SessionAllowance>, 'expired' | 'data-cap']>([
    ['expiry equal to now', PLAN, { expiresAt: NOW }, 'expired'],
    ['expiry in the past', PLAN, { expiresAt: new Date(NOW.getTime() - 1) }, 'expired'],
    [
      'expired and over the cap reports expiry',
      { ...PLAN, dataCapMB: 1 },
      { expiresAt: NOW, usedBytes: 5_000_000 },
      'expired',
    ],
    ['cap exactly used', { ...PLAN, dataCapMB: 2000 }, { usedBytes: 2000 * BYTES_PER_MB }, 'data-cap'],
    ['cap overrun (bigint)', { ...PLAN, dataCapMB: 2000 }, { usedBytes: 3_000_000_000n }, 'data-cap'],
    ['zero cap', { ...PLAN, dataCapMB: 0 }, {}, 'data-cap'],
  ])('%s → AllowanceExhaustedError %s', (_name, plan, overrides, reason) => {
    const error = exhaustionOf(() => planReplyAttributes(plan, allowance(overrides)))
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('AllowanceExhaustedError')
    expect(error.reason).toBe(reason)
  })

  it.each<[string, PlanLimits, Partial<SessionAllowance>, RegExp]>([
    ['zero download', { ...PLAN, downloadMbps: 0 }, {}, /plan\.downloadMbps/],
    ['negative upload', { ...PLAN, uploadMbps: -1 }, {}, /plan\.uploadMbps/],
    ['NaN download', { ...PLAN, downloadMbps: Number.NaN }, {}, /plan\.downloadMbps/],
    ['infinite upload', { ...PLAN, uploadMbps: Number.POSITIVE_INFINITY }, {}, /plan\.uploadMbps/],
    ['negative cap', { ...PLAN, dataCapMB: -1 }, {}, /plan\.dataCapMB/],
    ['NaN cap', { ...PLAN, dataCapMB: Number.NaN }, {}, /plan\.dataCapMB/],
    ['zero burst time', { ...PLAN, burst: { ...FULL_BURST, timeSeconds: 0 } }, {}, /plan\.burst\.timeSeconds/],
    ['negative burst time given alone', { ...PLAN, burst: { timeSeconds: -3 } }, {}, /plan\.burst\.timeSeconds/],
    ['zero burst download', { ...PLAN, burst: { ...FULL_BURST, downloadMbps: 0 } }, {}, /plan\.burst\.downloadMbps/],
    [
      'negative burst threshold',
      { ...PLAN, burst: { ...FULL_BURST, thresholdUploadMbps: -1 } },
      {},
      /plan\.burst\.thresholdUploadMbps/,
    ],
    ['invalid plan wins over expiry', { ...PLAN, downloadMbps: 0 }, { expiresAt: NOW }, /plan\.downloadMbps/],
    ['negative used bytes', PLAN, { usedBytes: -1 }, /allowance\.usedBytes/],
    ['negative used bytes (bigint)', PLAN, { usedBytes: -1n }, /allowance\.usedBytes/],
    ['fractional used bytes', PLAN, { usedBytes: 1.5 }, /allowance\.usedBytes/],
    ['NaN interim interval', PLAN, { interimIntervalSeconds: Number.NaN }, /allowance\.interimIntervalSeconds/],
    ['invalid expiry date', PLAN, { expiresAt: new Date('not a date') }, /allowance\.expiresAt/],
    ['invalid now', PLAN, { now: new Date(Number.NaN) }, /allowance\.now/],
  ])('%s → RangeError', (_name, plan, overrides, message) => {
    expect(() => planReplyAttributes(plan, allowance(overrides))).toThrow(RangeError)
    expect(() => planReplyAttributes(plan, allowance(overrides))).toThrow(message)
  })
})
