/**
 * Message-Authenticator, attribute 80 (RFC 2869 §5.14, RFC 3579 §3.2, RFC 5176 §3.3):
 * HMAC-MD5 keyed with the shared secret over the whole packet with its own value zeroed.
 */
import { createHmac } from 'node:crypto'
import {
  type SharedSecret,
  assertAuthenticator,
  declaredLength,
  safeEqual,
  secretBytes,
  withoutPadding,
} from './authenticator'
import { AUTHENTICATOR_OFFSET, HEADER_LENGTH, MAX_PACKET_LENGTH } from './header'

export const MESSAGE_AUTHENTICATOR_TYPE = 80
/** Type + Length + 16-octet HMAC-MD5. */
const MESSAGE_AUTHENTICATOR_LENGTH = 18

/** Where one attribute sits: `offset` of its Type octet, `length` from its Length octet (header included). */
export type AttributeSpan = { type: number; offset: number; length: number }

/** Every attribute up to the Length field, or null when an attribute is shorter than 2 or runs past the end. */
function attributeSpans(packet: Buffer): AttributeSpan[] | null {
  const end = declaredLength(packet)
  if (end === null) return null
  const spans: AttributeSpan[] = []
  let offset = HEADER_LENGTH
  while (offset < end) {
    if (offset + 2 > end) return null
    const length = packet[offset + 1]
    if (length < 2 || offset + length > end) return null
    spans.push({ type: packet[offset], offset, length })
    offset += length
  }
  return spans
}

/** The first attribute of `type`, or null when there is none or the attribute list is malformed. */
export function findAttribute(packet: Buffer, type: number): { offset: number; length: number } | null {
  const span = attributeSpans(packet)?.find((candidate) => candidate.type === type)
  return span ? { offset: span.offset, length: span.length } : null
}

function hmacOver(packet: Buffer, valueOffset: number, authenticatorForHmac: Buffer, secret: SharedSecret): Buffer {
  assertAuthenticator(authenticatorForHmac, 'The authenticator for the Message-Authenticator HMAC')
  const input = Buffer.from(withoutPadding(packet))
  authenticatorForHmac.copy(input, AUTHENTICATOR_OFFSET)
  input.fill(0, valueOffset, valueOffset + 16)
  return createHmac('md5', secretBytes(secret)).update(input).digest()
}

function requireMessageAuthenticator(packet: Buffer): AttributeSpan {
  const spans = attributeSpans(packet)
  if (spans === null) throw new RangeError('The packet has a malformed attribute list.')
  const span = spans.find((candidate) => candidate.type === MESSAGE_AUTHENTICATOR_TYPE)
  if (!span) throw new RangeError('The packet has no Message-Authenticator attribute.')
  if (span.length !== MESSAGE_AUTHENTICATOR_LENGTH) {
    throw new RangeError(`Message-Authenticator must be ${MESSAGE_AUTHENTICATOR_LENGTH} bytes long, got ${span.length}.`)
  }
  return span
}

/**
 * The Message-Authenticator value for `packet`. `authenticatorForHmac` is what bytes 4..19 hold during the HMAC:
 * an Access-Request's own Request Authenticator; for replies the REQUEST's authenticator (RFC 3579 §3.2);
 * for Accounting-Request, CoA-Request and Disconnect-Request 16 zero octets (RFC 5176 §3.3).
 */
export function messageAuthenticatorFor(packet: Buffer, authenticatorForHmac: Buffer, secret: SharedSecret): Buffer {
  const span = requireMessageAuthenticator(packet)
  return hmacOver(packet, span.offset + 2, authenticatorForHmac, secret)
}

/** 'invalid' also covers a malformed attribute list, a wrong attribute length and more than one instance (RFC 3579 §3.2 allows 0-1). */
export function verifyMessageAuthenticator(
  packet: Buffer,
  authenticatorForHmac: Buffer,
  secret: SharedSecret,
): 'valid' | 'invalid' | 'absent' {
  const spans = attributeSpans(packet)
  if (spans === null) return 'invalid'
  const found = spans.filter((span) => span.type === MESSAGE_AUTHENTICATOR_TYPE)
  if (found.length === 0) return 'absent'
  const [span] = found
  if (found.length > 1 || span.length !== MESSAGE_AUTHENTICATOR_LENGTH) return 'invalid'
  const valueOffset = span.offset + 2
  const expected = hmacOver(packet, valueOffset, authenticatorForHmac, secret)
  return safeEqual(expected, packet.subarray(valueOffset, valueOffset + 16)) ? 'valid' : 'invalid'
}

/**
 * A copy of a reply with a zeroed Message-Authenticator as its FIRST attribute (any other one removed) and the
 * Length field updated. BlastRADIUS (CVE-2024-3596) mitigation: Message-Authenticator first in Access-Accept/Reject/Challenge.
 */
export function withMessageAuthenticatorFirst(packet: Buffer): Buffer {
  const spans = attributeSpans(packet)
  if (spans === null) throw new RangeError('The packet has a malformed attribute list.')
  const others = spans
    .filter((span) => span.type !== MESSAGE_AUTHENTICATOR_TYPE)
    .map((span) => packet.subarray(span.offset, span.offset + span.length))
  const messageAuthenticator = Buffer.alloc(MESSAGE_AUTHENTICATOR_LENGTH)
  messageAuthenticator[0] = MESSAGE_AUTHENTICATOR_TYPE
  messageAuthenticator[1] = MESSAGE_AUTHENTICATOR_LENGTH
  const result = Buffer.concat([packet.subarray(0, HEADER_LENGTH), messageAuthenticator, ...others])
  if (result.length > MAX_PACKET_LENGTH) {
    throw new RangeError(`Adding Message-Authenticator makes the packet ${result.length} bytes, over ${MAX_PACKET_LENGTH}.`)
  }
  result.writeUInt16BE(result.length, 2)
  return result
}

/** A copy of `packet` with the Message-Authenticator value computed and written. */
export function fillMessageAuthenticator(packet: Buffer, authenticatorForHmac: Buffer, secret: SharedSecret): Buffer {
  const span = requireMessageAuthenticator(packet)
  const filled = Buffer.from(withoutPadding(packet))
  hmacOver(packet, span.offset + 2, authenticatorForHmac, secret).copy(filled, span.offset + 2)
  return filled
}
