/**
 * RADIUS packet framing (RFC 2865 §3, §5) and attribute coding.
 *
 * The `radius` package only names and converts attribute values here. Framing is checked in this
 * module because the package silently accepts attributes that run past the packet, and it is never
 * given a secret: passwords stay hidden and packets are signed by authenticator.ts and
 * messageAuthenticator.ts, since the package's signing is wrong for some codes.
 */
import radius from 'radius'

import { attributeDefinition, VENDOR_IDS, loadDictionaries, radiusDictionaryLookups } from './dictionaries'
import { AUTHENTICATOR_LENGTH, HEADER_LENGTH, MAX_PACKET_LENGTH } from './header'
import { decodeText, encodeText } from './text'

export const RADIUS_CODES = {
  'Access-Request': 1,
  'Access-Accept': 2,
  'Access-Reject': 3,
  'Accounting-Request': 4,
  'Accounting-Response': 5,
  'Access-Challenge': 11,
  /** RFC 5997; listed so a server can recognise it, not because MikroTik sends it. */
  'Status-Server': 12,
  'Disconnect-Request': 40,
  'Disconnect-ACK': 41,
  'Disconnect-NAK': 42,
  'CoA-Request': 43,
  'CoA-ACK': 44,
  'CoA-NAK': 45,
} as const

export type RadiusCodeName = keyof typeof RADIUS_CODES

const VENDOR_SPECIFIC_TYPE = 26
const PROXY_STATE_TYPE = 33
/** 255 minus the type and length octets. */
const MAX_VALUE_LENGTH = 253
/** 255 minus type, length, Vendor-Id, vendor type and vendor length (RFC 2865 §5.26). */
const MAX_VENDOR_VALUE_LENGTH = 247
const MAX_UINT32 = 0xffff_ffff

/** Attributes hidden with the shared secret; their values are only ever handled as raw bytes here. */
const HIDDEN_ATTRIBUTES = new Map<number, string>([
  [2, 'User-Password'],
  [69, 'Tunnel-Password'],
])

const DECODED_VENDOR_IDS = new Set<number>(Object.values(VENDOR_IDS))

export type MalformedPacketReason =
  /** Fewer than 20 octets: not even a header. */
  | 'too-short'
  /** The Length field is below 20 or above 4096. */
  | 'bad-length'
  /** The datagram is shorter than its Length field. */
  | 'length-mismatch'
  /** The attribute list does not walk exactly to Length. */
  | 'bad-attribute'
  /** A Vendor-Specific attribute of a vendor we decode does not walk exactly to its end. */
  | 'bad-vendor-attribute'
  /** A value the dictionary type cannot hold, e.g. a 3-octet integer. */
  | 'bad-attribute-value'

/** A datagram that is not a well-formed RADIUS packet; `reason` is meant as a metrics label. */
export class MalformedPacketError extends Error {
  override name = 'MalformedPacketError'

  constructor(
    readonly reason: MalformedPacketReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** An attribute list our own code asked for cannot be encoded: a programming or configuration error. */
export class AttributeEncodingError extends Error {
  override name = 'AttributeEncodingError'
}

export type RadiusHeader = { code: number; identifier: number; length: number; authenticator: Buffer }

export type RawAttribute = [type: number, value: Buffer]

export type DecodedAttributes = {
  /**
   * Values by dictionary name, as the `radius` package converts them: integers as numbers (or
   * their VALUE name, e.g. 'Start'), ipaddr as dotted quads, date as Date, everything else as
   * Buffer; string and text as text.ts reads them (UTF-8 without NUL, anything else as `\xHH`).
   * A repeated attribute becomes an array. Vendor attributes are at the top level under their own
   * names ('Mikrotik-Rate-Limit'); User-Password and Tunnel-Password are the hidden bytes as received.
   */
  attributes: Record<string, unknown>
  /** Every top-level attribute in packet order, vendors we have no dictionary for included; views into the datagram. */
  raw: RawAttribute[]
  /** Proxy-State values in packet order, to be echoed in the reply in the same order (RFC 2865 §5.33). */
  proxyStates: Buffer[]
}

/** Dates are for `date` attributes such as Event-Timestamp (whole seconds since 1970). */
export type AttributeValue = string | number | Buffer | Date

type AttributeSpan = { type: number; value: Buffer; encoded: Buffer }

/**
 * Splits type-length-value attributes; throws with `reason` unless they end exactly at the end of
 * `area` (RFC 2865 §5: Length counts the type and length octets, so it is at least 2).
 */
function walkAttributes(area: Buffer, reason: MalformedPacketReason, where: string): AttributeSpan[] {
  const spans: AttributeSpan[] = []
  let offset = 0
  while (offset < area.length) {
    if (offset + 2 > area.length) {
      throw new MalformedPacketError(reason, `${where}: a lone octet is left at offset ${offset}.`)
    }
    const type = area[offset]
    const length = area[offset + 1]
    if (length < 2) {
      throw new MalformedPacketError(reason, `${where}: attribute ${type} at offset ${offset} has length ${length}.`)
    }
    if (offset + length > area.length) {
      throw new MalformedPacketError(
        reason,
        `${where}: attribute ${type} at offset ${offset} has length ${length}, only ${area.length - offset} octets are left.`,
      )
    }
    spans.push({ type, value: area.subarray(offset + 2, offset + length), encoded: area.subarray(offset, offset + length) })
    offset += length
  }
  return spans
}

function readPacket(packet: Buffer): { header: RadiusHeader; spans: AttributeSpan[] } {
  if (packet.length < HEADER_LENGTH) {
    throw new MalformedPacketError('too-short', `A RADIUS packet has at least ${HEADER_LENGTH} octets, got ${packet.length}.`)
  }
  const length = packet.readUInt16BE(2)
  if (length < HEADER_LENGTH || length > MAX_PACKET_LENGTH) {
    throw new MalformedPacketError('bad-length', `Length field ${length} is outside ${HEADER_LENGTH}..${MAX_PACKET_LENGTH}.`)
  }
  if (packet.length < length) {
    throw new MalformedPacketError('length-mismatch', `Length field says ${length} octets, the datagram has ${packet.length}.`)
  }
  const header: RadiusHeader = {
    code: packet[0],
    identifier: packet[1],
    length,
    // A copy, so code that zeroes the field in the datagram to compute a hash cannot change it.
    authenticator: Buffer.from(packet.subarray(4, HEADER_LENGTH)),
  }
  // RFC 2865 §3: octets beyond Length are padding and are ignored.
  const spans = walkAttributes(packet.subarray(HEADER_LENGTH, length), 'bad-attribute', 'Attributes')
  return { header, spans }
}

/** The header of a datagram after checking its framing; throws MalformedPacketError. */
export function parseHeader(packet: Buffer): RadiusHeader {
  return readPacket(packet).header
}

function isDecodedVendor(value: Buffer): boolean {
  return value.length >= 4 && DECODED_VENDOR_IDS.has(value.readUInt32BE(0))
}

/** The attributes inside a Vendor-Specific of a vendor we decode; throws unless they walk exactly to its end. */
function vendorAttributes(value: Buffer): AttributeSpan[] {
  const vendorId = value.readUInt32BE(0)
  const where = `Vendor-Specific of vendor ${vendorId}`
  if (value.length === 4) {
    throw new MalformedPacketError('bad-vendor-attribute', `${where}: no attribute follows the Vendor-Id.`)
  }
  return walkAttributes(value.subarray(4), 'bad-vendor-attribute', where)
}

const TEXT_TYPES: ReadonlySet<string> = new Set(['string', 'text'])

/**
 * The value of a string or text attribute as text.ts reads it (the package's own UTF-8 decode
 * keeps NUL and replaces invalid octets), or undefined for any other attribute. A tagged one keeps
 * the package's [tag, value] shape.
 */
function textValueOf(type: number, value: Buffer, vendorId?: number): { name: string; value: unknown } | undefined {
  const definition = attributeDefinition(type, vendorId)
  if (!definition || !TEXT_TYPES.has(definition.type) || definition.encrypted) return undefined
  if (definition.tagged && value.length > 0 && value[0] <= 0x1f) return { name: definition.name, value: [value[0], decodeText(value.subarray(1))] }
  return { name: definition.name, value: decodeText(value) }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Decodes the attributes of a datagram without the shared secret. Vendor-Specific attributes of
 * vendors without a dictionary (see VENDOR_IDS) are only in `raw`. Throws MalformedPacketError.
 */
export function decodeAttributes(packet: Buffer): DecodedAttributes {
  loadDictionaries()
  const { header, spans } = readPacket(packet)

  // The package would walk unknown vendors' attributes too, and some vendors use other layouts.
  const decodable: Buffer[] = []
  // Text attributes in packet order, read from their octets (see textValueOf).
  const texts = new Map<string, unknown[]>()
  const keepText = (text: { name: string; value: unknown } | undefined) => {
    if (text) texts.set(text.name, [...(texts.get(text.name) ?? []), text.value])
  }
  for (const span of spans) {
    if (span.type !== VENDOR_SPECIFIC_TYPE) {
      decodable.push(span.encoded)
      keepText(textValueOf(span.type, span.value))
    } else if (isDecodedVendor(span.value)) {
      const vendorId = span.value.readUInt32BE(0)
      for (const attribute of vendorAttributes(span.value)) keepText(textValueOf(attribute.type, attribute.value, vendorId))
      decodable.push(span.encoded)
    }
  }
  const attributeBytes = Buffer.concat(decodable)
  const forPackage = Buffer.alloc(HEADER_LENGTH + attributeBytes.length)
  // The package refuses codes it has no name for; how attributes decode does not depend on the code.
  forPackage[0] = RADIUS_CODES['Access-Request']
  forPackage[1] = header.identifier
  forPackage.writeUInt16BE(forPackage.length, 2)
  attributeBytes.copy(forPackage, HEADER_LENGTH)

  let converted: Record<string, unknown>
  try {
    converted = radius.decode_without_secret({ packet: forPackage }).attributes
  } catch (error) {
    // Framing is already checked, so what the package still refuses is a value its type cannot hold.
    throw new MalformedPacketError('bad-attribute-value', `Attribute value: ${messageOf(error)}`, { cause: error })
  }

  const attributes: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(converted)) {
    if (name === 'Vendor-Specific' && isPlainObject(value)) {
      Object.assign(attributes, value)
    } else {
      attributes[name] = value
    }
  }

  for (const [name, values] of texts) attributes[name] = values.length === 1 ? values[0] : values

  const raw = spans.map((span): RawAttribute => [span.type, span.value])
  // Without the secret the package gives null for User-Password; the hidden bytes are what we need.
  for (const [type, name] of HIDDEN_ATTRIBUTES) {
    const hidden = raw.filter(([rawType]) => rawType === type).map(([, value]) => value)
    if (hidden.length > 0) attributes[name] = hidden.length === 1 ? hidden[0] : hidden
  }
  const proxyStates = raw.filter(([type]) => type === PROXY_STATE_TYPE).map(([, value]) => value)
  return { attributes, raw, proxyStates }
}

function vendorOf(name: string): number | null {
  if (radiusDictionaryLookups.attr_name_to_id(name) !== undefined) return null
  for (const vendorId of DECODED_VENDOR_IDS) {
    if (radiusDictionaryLookups.attr_name_to_id(name, vendorId) !== undefined) return vendorId
  }
  throw new AttributeEncodingError(`Unknown attribute ${name}: it is in none of the loaded dictionaries.`)
}

/** Refuses what the package would silently drop, truncate, wrap or encrypt with the wrong secret. */
function checkValue(name: string, value: AttributeValue, maxLength: number): void {
  if (name === 'Vendor-Specific' && !Buffer.isBuffer(value)) {
    throw new AttributeEncodingError('Give vendor attributes by their own name, e.g. Mikrotik-Rate-Limit.')
  }
  if ([...HIDDEN_ATTRIBUTES.values()].includes(name) && !Buffer.isBuffer(value)) {
    throw new AttributeEncodingError(`${name} must be hidden with the shared secret first and given as a Buffer.`)
  }
  if (value instanceof Date) {
    const seconds = value.getTime() / 1000
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_UINT32) throw new AttributeEncodingError(`${name} is not a date RADIUS can carry.`)
    return
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_UINT32) {
      throw new AttributeEncodingError(`${name}=${value} is not an unsigned 32-bit integer.`)
    }
    return
  }
  const length = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length
  if (typeof value === 'string' && length === 0) {
    throw new AttributeEncodingError(`${name} is an empty string; RADIUS has no empty string attributes.`)
  }
  if (length > maxLength) {
    throw new AttributeEncodingError(`${name} is ${length} octets, at most ${maxLength} fit in one attribute.`)
  }
}

// The package needs a secret to encode; it only uses it for User-Password, which we refuse, and for
// authenticators, which it does not compute for Access-Request.
const UNUSED_SECRET = 'unused'

/**
 * The attribute as the package takes it: a vendor attribute inside a Vendor-Specific of its own,
 * text as its octets (text.ts: `\xHH` is that octet), so what was decoded encodes to what came in.
 */
function packageAttributeOf(name: string, value: AttributeValue): unknown[] {
  const vendorId = vendorOf(name)
  const definition = attributeDefinition(name, vendorId ?? undefined)
  if (typeof value === 'string' && value !== '' && definition && TEXT_TYPES.has(definition.type) && !definition.encrypted) {
    value = encodeText(value)
  }
  checkValue(name, value, vendorId === null ? MAX_VALUE_LENGTH : MAX_VENDOR_VALUE_LENGTH)
  return vendorId === null ? [name, value] : ['Vendor-Specific', vendorId, [[name, value]]]
}

/**
 * At least as many octets as the attribute takes: type and length, a Vendor-Specific header, a
 * tag, and its value (at least 16 for numbers, dates and addresses, whatever a string names),
 * with room for a salt, a length octet and padding to 16 where the dictionary encrypts it.
 */
function largestEncodingOf(name: string, value: AttributeValue): number {
  const size = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : Buffer.isBuffer(value) ? value.length : 0
  return 2 + (vendorOf(name) === null ? 0 : 6) + 1 + Math.max(size, 16) + 2 + 1 + 15
}

/** The package's encoding of these attributes, without the header it puts before them. */
function encodeWithPackage(attributes: unknown[]): Buffer {
  return radius
    .encode({ code: 'Access-Request', secret: UNUSED_SECRET, attributes, add_message_authenticator: false })
    .subarray(HEADER_LENGTH)
}

/**
 * Encodes attributes in the given order, each vendor attribute in a Vendor-Specific of its own.
 * Numbers are for integer attributes, strings for text as decodeAttributes gives it (`\xHH` is
 * that octet) or an integer's VALUE name, Buffers are sent as they are (octets such as Class and Proxy-State, or a Message-Authenticator placeholder
 * of 16 zero octets for messageAuthenticator.ts to fill). Throws AttributeEncodingError.
 */
export function encodeAttributes(attributes: ReadonlyArray<readonly [name: string, value: AttributeValue]>): Buffer {
  loadDictionaries()
  const packageAttributes = attributes.map(([name, value]) => packageAttributeOf(name, value))
  const oneByOne = () =>
    Buffer.concat(
      packageAttributes.map((attribute, index) => {
        try {
          return encodeWithPackage([attribute])
        } catch (error) {
          throw new AttributeEncodingError(`${attributes[index][0]}: ${messageOf(error)}`, { cause: error })
        }
      }),
    )
  // One call for the whole list saves the package allocating and signing a packet per attribute,
  // but it writes into a fixed 4096-octet buffer and truncates silently past it: only when they
  // surely fit. One by one, an error names its attribute.
  const surelyFits = attributes.reduce((total, [name, value]) => total + largestEncodingOf(name, value), 0) <= MAX_PACKET_LENGTH - HEADER_LENGTH
  let encoded: Buffer
  try {
    encoded = packageAttributes.length > 0 && surelyFits ? encodeWithPackage(packageAttributes) : oneByOne()
  } catch (error) {
    if (error instanceof AttributeEncodingError) throw error
    encoded = oneByOne()
  }
  if (encoded.length > MAX_PACKET_LENGTH - HEADER_LENGTH) {
    throw new AttributeEncodingError(
      `The attributes take ${encoded.length} octets, a packet has room for ${MAX_PACKET_LENGTH - HEADER_LENGTH}.`,
    )
  }
  return encoded
}

/** Header plus encoded attributes with Length set; signing is left to the caller. */
export function buildPacket(parts: { code: number; identifier: number; authenticator: Buffer; attributes: Buffer }): Buffer {
  const { code, identifier, authenticator, attributes } = parts
  if (!Number.isInteger(code) || code < 1 || code > 255) throw new RangeError(`Packet code ${code} is not 1..255.`)
  if (!Number.isInteger(identifier) || identifier < 0 || identifier > 255) {
    throw new RangeError(`Identifier ${identifier} is not 0..255.`)
  }
  if (authenticator.length !== AUTHENTICATOR_LENGTH) {
    throw new RangeError(`The authenticator must be ${AUTHENTICATOR_LENGTH} octets, got ${authenticator.length}.`)
  }
  const length = HEADER_LENGTH + attributes.length
  if (length > MAX_PACKET_LENGTH) throw new RangeError(`A ${length}-octet packet exceeds ${MAX_PACKET_LENGTH} octets.`)
  const packet = Buffer.alloc(length)
  packet[0] = code
  packet[1] = identifier
  packet.writeUInt16BE(length, 2)
  authenticator.copy(packet, 4)
  attributes.copy(packet, HEADER_LENGTH)
  return packet
}
