import { describe, expect, it } from 'vitest'

import { decodeText, encodeText } from '../../src/protocol/text'

const octets = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex')

describe('text attributes', () => {
  it.each<[string, string, string]>([
    ['ASCII', '626f62', 'bob'],
    ['UTF-8 of two, three and four octets', 'c3a9 e282ac f09f9883', 'é€😃'],
    ['a NUL', '61 00 62', 'a\\x00b'],
    ['a backslash (so every backslash in decoded text starts an escape)', '44 5c 61', 'D\\x5Ca'],
    ['a lone continuation octet', '61 80', 'a\\x80'],
    ['an octet that never starts UTF-8', 'ff fe', '\\xFF\\xFE'],
    ['an overlong "/"', 'c0 af', '\\xC0\\xAF'],
    ['an overlong three-octet form', 'e0 80 af', '\\xE0\\x80\\xAF'],
    ['a UTF-16 surrogate', 'ed a0 80', '\\xED\\xA0\\x80'],
    ['a code point beyond U+10FFFF', 'f4 90 80 80', '\\xF4\\x90\\x80\\x80'],
    ['a character cut short, then valid text', 'e2 82 41 c3 a9', '\\xE2\\x82Aé'],
  ])('reads %s', (_what, hex, text) => {
    expect(decodeText(octets(hex))).toBe(text)
    expect(encodeText(text)).toEqual(octets(hex))
  })

  it('writes a backslash that starts no escape as itself', () => {
    expect(encodeText('C:\\temp \\x4')).toEqual(Buffer.from('C:\\temp \\x4'))
    expect(encodeText('\\x41\\x0a')).toEqual(Buffer.from('A\n'))
  })

  it('gives text PostgreSQL can store for any octets, and the same octets back', () => {
    // Deterministic, so a failure can be replayed (mulberry32).
    let state = 0xbeac0
    const random = () => {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    // Mostly the octets that matter: NUL, backslash, lead and continuation octets.
    const interesting = [0x00, 0x5c, 0x41, 0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xff]
    for (let round = 0; round < 20_000; round++) {
      const value = Buffer.from(
        Array.from({ length: Math.floor(random() * 12) }, () =>
          random() < 0.6 ? interesting[Math.floor(random() * interesting.length)] : Math.floor(random() * 256),
        ),
      )
      const text = decodeText(value)
      expect(text.includes('\u0000'), value.toString('hex')).toBe(false)
      expect(Buffer.from(text, 'utf8').toString('utf8'), value.toString('hex')).toBe(text)
      expect(encodeText(text).equals(value), value.toString('hex')).toBe(true)
    }
  })
})
