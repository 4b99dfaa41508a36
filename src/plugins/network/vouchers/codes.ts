import { randomBytes } from 'node:crypto'

/**
 * Characters a voucher code is made of. Customers read codes off paper and type them on phones, so
 * characters that are easy to confuse are left out: 0/O, 1/I/L. U is dropped too (as in Crockford's
 * base32) so that random codes are less likely to spell words. 30 symbols remain.
 */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Length of the random part of a code; the operator's prefix comes on top. */
export const VOUCHER_CODE_LENGTH = { min: 6, max: 16, default: 10 } as const

export const VOUCHER_PREFIX_MAX = 8

export type VoucherCodeOptions = { length: number; prefix: string }

export type RandomBytes = (size: number) => Buffer

// Bytes at or above this are discarded: mapping all 256 byte values with `% 30` would make the first
// 16 symbols more likely than the rest (rejection sampling keeps every symbol equally likely).
const UNBIASED_BYTE_LIMIT = 256 - (256 % VOUCHER_ALPHABET.length)

export class VoucherOptionsError extends Error {
  readonly field: 'length' | 'prefix' | 'count'

  constructor(field: 'length' | 'prefix' | 'count', message: string) {
    super(message)
    this.name = 'VoucherOptionsError'
    this.field = field
  }
}

/** What a customer typed → the stored form: trimmed, upper-case, without spaces or dashes. */
export function normalizeVoucherCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, '')
}

export function voucherCodeEntropyBits(length: number): number {
  return length * Math.log2(VOUCHER_ALPHABET.length)
}

/** Checks options as they arrive from a form or API call; absent values get the defaults. */
export function validateVoucherOptions(options: { length?: unknown; prefix?: unknown }): VoucherCodeOptions {
  const { min, max } = VOUCHER_CODE_LENGTH
  const length = options.length ?? VOUCHER_CODE_LENGTH.default
  if (typeof length !== 'number' || !Number.isInteger(length) || length < min || length > max) {
    throw new VoucherOptionsError('length', `Code length must be a whole number from ${min} to ${max}.`)
  }

  const rawPrefix = options.prefix ?? ''
  if (typeof rawPrefix !== 'string') {
    throw new VoucherOptionsError('prefix', 'Code prefix must be text.')
  }
  // The operator chooses the prefix, so any letter or digit is allowed, look-alikes included.
  const prefix = rawPrefix.trim().toUpperCase()
  if (!new RegExp(`^[A-Z0-9]{0,${VOUCHER_PREFIX_MAX}}$`).test(prefix)) {
    throw new VoucherOptionsError(
      'prefix',
      `Code prefix may only contain letters A-Z and digits 0-9, at most ${VOUCHER_PREFIX_MAX} of them.`,
    )
  }

  return { length, prefix }
}

function randomSymbols(count: number, random: RandomBytes): string {
  let symbols = ''
  // A working random source rejects 1 byte in 16; this bound only stops a broken one from looping forever.
  for (let round = 0; symbols.length < count; round++) {
    if (round >= 1000) throw new Error('The random source keeps returning unusable bytes.')
    for (const byte of random(count - symbols.length)) {
      if (byte < UNBIASED_BYTE_LIMIT) symbols += VOUCHER_ALPHABET[byte % VOUCHER_ALPHABET.length]
    }
  }
  return symbols
}

/** `prefix` followed by `length` random symbols. */
export function generateVoucherCode(options: VoucherCodeOptions, random: RandomBytes = randomBytes): string {
  const { length, prefix } = validateVoucherOptions(options)
  return prefix + randomSymbols(length, random)
}

/** `count` distinct codes, e.g. for one printed batch. */
export function generateVoucherCodes(
  count: number,
  options: VoucherCodeOptions,
  random: RandomBytes = randomBytes,
): string[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new VoucherOptionsError('count', 'The number of vouchers must be a whole number, 0 or more.')
  }
  const { length, prefix } = validateVoucherOptions(options)
  // Refuse batches so large relative to the code space that finding distinct codes would crawl.
  if (count > VOUCHER_ALPHABET.length ** length / 1000) {
    throw new VoucherOptionsError('count', `Too many vouchers for codes of length ${length}; use longer codes.`)
  }

  const codes = new Set<string>()
  // Collisions are rare at this density; the bound only stops a broken random source from looping forever.
  for (let attempt = 0; codes.size < count; attempt++) {
    if (attempt >= 2 * count + 100) throw new Error('The random source keeps repeating codes.')
    codes.add(prefix + randomSymbols(length, random))
  }
  return [...codes]
}
