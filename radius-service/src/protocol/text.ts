/**
 * Text attributes (RFC 2865 §5 "string", RFC 8044 §3.4 "text") as Beacon reads and writes them.
 *
 * A router may put any octets in User-Name or Acct-Session-Id: a NUL, which PostgreSQL's text
 * cannot hold (the statement fails and the request would go unanswered), or octets that are not
 * UTF-8, which a plain decode replaces with U+FFFD (two different Acct-Session-Ids would become
 * one). Decoded text is therefore valid UTF-8 without NUL, and reversible: NUL, the backslash, and
 * every octet that is not part of a well-formed UTF-8 character are written `\xHH` (two upper-case
 * hex digits). Text without those, which is all a well-behaved router sends, reads as it is.
 * Encoding undoes it, so a Disconnect-Request repeats the octets the router sent.
 */

const BACKSLASH = 0x5c
const ESCAPE = /\\x([0-9A-Fa-f]{2})/g

const escaped = (octet: number) => `\\x${octet.toString(16).toUpperCase().padStart(2, '0')}`

/** Octets of the well-formed UTF-8 character starting at `at` (RFC 3629 §4), or 0 if none starts there. */
function characterLength(octets: Buffer, at: number): number {
  const lead = octets[at]
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const octet = octets[at + offset]
    return octet !== undefined && octet >= low && octet <= high
  }
  if (lead < 0x80) return 1
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0
  if (lead >= 0xe0 && lead <= 0xef) {
    // No overlong forms (E0 A0..) and no UTF-16 surrogates (ED ..9F).
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf]
    return continuation(1, low, high) && continuation(2) ? 3 : 0
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    // No overlong forms (F0 90..) and nothing beyond U+10FFFF (F4 ..8F).
    const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf]
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0
  }
  return 0
}

/** The text an attribute's octets carry, with `\xHH` for what text cannot hold (see above). */
export function decodeText(octets: Buffer): string {
  let plain = true
  for (const octet of octets) {
    if (octet === 0 || octet === BACKSLASH || octet >= 0x80) {
      plain = false
      break
    }
  }
  if (plain) return octets.toString('latin1')

  let text = ''
  let run = 0
  let at = 0
  const flush = () => {
    if (run < at) text += octets.toString('utf8', run, at)
  }
  while (at < octets.length) {
    const length = octets[at] === 0 || octets[at] === BACKSLASH ? 0 : characterLength(octets, at)
    if (length > 0) {
      at += length
      continue
    }
    flush()
    text += escaped(octets[at])
    at += 1
    run = at
  }
  flush()
  return text
}

/** The octets of text as decodeText gives it: `\xHH` is that octet, everything else its UTF-8. */
export function encodeText(text: string): Buffer {
  if (!text.includes('\\')) return Buffer.from(text, 'utf8')
  const parts: Buffer[] = []
  let from = 0
  for (const match of text.matchAll(ESCAPE)) {
    parts.push(Buffer.from(text.slice(from, match.index), 'utf8'), Buffer.from([parseInt(match[1], 16)]))
    from = match.index + match[0].length
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'))
  return Buffer.concat(parts)
}
