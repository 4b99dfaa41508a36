import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import { beforeAll, describe, expect, it } from 'vitest'

import { loadDictionaries } from '../../src/protocol/dictionaries'
import {
  AttributeEncodingError,
  MalformedPacketError,
  RADIUS_CODES,
  buildPacket,
  decodeAttributes,
  encodeAttributes,
  parseHeader,
  type AttributeValue,
} from '../../src/protocol/packet'

const AUTHENTICATOR = Buffer.from('00112233445566778899aabbccddeeff', 'hex')
const ascii = (text: string) => Buffer.from(text, 'ascii').toString('hex')

function packetWith(attributes: Buffer, code: number = RADIUS_CODES['Access-Accept']): Buffer {
  return buildPacket({ code, identifier: 7, authenticator: AUTHENTICATOR, attributes })
}

/** A header with the given Length field, followed by `attributes` as they are (for malformed packets). */
function rawPacket(attributesHex: string, lengthField?: number): Buffer {
  const attributes = Buffer.from(attributesHex, 'hex')
  const packet = Buffer.concat([Buffer.alloc(20), attributes])
  packet[0] = RADIUS_CODES['Access-Request']
  packet[1] = 1
  packet.writeUInt16BE(lengthField ?? packet.length, 2)
  return packet
}

function malformedReason(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof MalformedPacketError) return error.reason
    throw error
  }
  throw new Error('expected MalformedPacketError, nothing was thrown')
}

describe('dictionaries', () => {
  it('loads once and again without complaint', () => {
    loadDictionaries()
    loadDictionaries()
  })

  it('ships the FreeRADIUS vendor dictionaries', () => {
    const mikrotik = readFileSync(fileURLToPath(new URL('../../dictionaries/dictionary.mikrotik', import.meta.url)), 'ascii')
    expect(mikrotik).toMatch(/^VENDOR\s+Mikrotik\s+14988$/m)
    expect(mikrotik).toMatch(/^ATTRIBUTE\s+Mikrotik-Total-Limit-Gigawords\s+18\s+integer$/m)
    const wispr = readFileSync(fileURLToPath(new URL('../../dictionaries/dictionary.wispr', import.meta.url)), 'ascii')
    expect(wispr).toMatch(/^VENDOR\s+WISPr\s+14122$/m)
  })
})

describe('encodeAttributes', () => {
  it.each<[string, AttributeValue, string]>([
    // 26, length, Vendor-Id 14988, vendor type, vendor length, value
    ['Mikrotik-Rate-Limit', '2M/5M', `1a0d00003a8c0807${ascii('2M/5M')}`],
    ['Mikrotik-Total-Limit', 1_000_000_000, '1a0c00003a8c11063b9aca00'],
    ['Mikrotik-Total-Limit-Gigawords', 2, '1a0c00003a8c120600000002'],
    ['Mikrotik-Address-List', 'paid', `1a0c00003a8c1306${ascii('paid')}`],
    ['WISPr-Redirection-URL', 'http://a.io/', `1a140000372a040e${ascii('http://a.io/')}`],
    ['Session-Timeout', 3600, '1b0600000e10'],
    ['Acct-Interim-Interval', 300, '55060000012c'],
    ['Reply-Message', 'Welcome', `1209${ascii('Welcome')}`],
    ['Class', Buffer.from('c1a55'), `1907${ascii('c1a55')}`],
    ['Proxy-State', Buffer.from([0xff]), '2103ff'],
    ['Service-Type', 'Framed-User', '060600000002'],
    ['Framed-IP-Address', '10.5.0.23', '08060a050017'],
  ])('%s = %s → exact octets', (name, value, hex) => {
    expect(encodeAttributes([[name, value]]).toString('hex')).toBe(hex)
  })

  it('keeps the order given, one Vendor-Specific per vendor attribute', () => {
    const encoded = encodeAttributes([
      ['Proxy-State', Buffer.from([2])],
      ['Mikrotik-Rate-Limit', '1M/1M'],
      ['Session-Timeout', 60],
      ['Mikrotik-Total-Limit', 5],
      ['Proxy-State', Buffer.from([1])],
    ])
    expect(decodeAttributes(packetWith(encoded)).raw.map(([type]) => type)).toEqual([33, 26, 27, 26, 33])
  })

  it('round-trips vendor and standard attributes through a packet', () => {
    const encoded = encodeAttributes([
      ['Mikrotik-Rate-Limit', '2M/5M 4M/10M 1M/2M 10/10'],
      ['Mikrotik-Total-Limit', 123_456_789],
      ['Mikrotik-Total-Limit-Gigawords', 3],
      ['WISPr-Redirection-URL', 'https://portal.example/welcome?x=1'],
      ['Session-Timeout', 3600],
      ['Class', Buffer.from([0, 1, 2, 255])],
      ['Reply-Message', 'Enjoy – 5 Mbps'],
      ['Proxy-State', Buffer.from([9])],
    ])
    const decoded = decodeAttributes(packetWith(encoded))
    expect(decoded.attributes).toEqual({
      'Mikrotik-Rate-Limit': '2M/5M 4M/10M 1M/2M 10/10',
      'Mikrotik-Total-Limit': 123_456_789,
      'Mikrotik-Total-Limit-Gigawords': 3,
      'WISPr-Redirection-URL': 'https://portal.example/welcome?x=1',
      'Session-Timeout': 3600,
      Class: Buffer.from([0, 1, 2, 255]),
      'Reply-Message': 'Enjoy – 5 Mbps',
      'Proxy-State': Buffer.from([9]),
    })
    expect(decoded.proxyStates).toEqual([Buffer.from([9])])
  })

  it('passes a Message-Authenticator placeholder through for signing', () => {
    expect(encodeAttributes([['Message-Authenticator', Buffer.alloc(16)]]).toString('hex')).toBe('5012' + '00'.repeat(16))
  })

  it.each<[string, string, AttributeValue, RegExp]>([
    ['a misspelt name', 'Mikrotik-Rate-Limt', '1M/1M', /Unknown attribute Mikrotik-Rate-Limt/],
    ['an empty string (the package would drop it)', 'Reply-Message', '', /empty string/],
    ['a 254-octet string', 'Reply-Message', 'x'.repeat(254), /254 octets, at most 253/],
    ['a 248-octet vendor string', 'Mikrotik-Rate-Limit', 'x'.repeat(248), /248 octets, at most 247/],
    ['254 octets', 'Class', Buffer.alloc(254), /at most 253/],
    ['a negative integer', 'Session-Timeout', -1, /unsigned 32-bit/],
    ['a fraction', 'Session-Timeout', 1.5, /unsigned 32-bit/],
    ['2^32', 'Session-Timeout', 2 ** 32, /unsigned 32-bit/],
    ['text for an integer', 'Session-Timeout', 'forever', /Session-Timeout: .*invalid attribute value/],
    ['text for octets', 'Class', 'text', /Class: .*must provide Buffer/],
    ['a plain User-Password', 'User-Password', 'secret', /must be hidden/],
    ['a plain Tunnel-Password', 'Tunnel-Password', 'secret', /must be hidden/],
    ['a Vendor-Specific by number', 'Vendor-Specific', 14988, /by their own name/],
  ])('refuses %s (%s)', (_what, name, value, message) => {
    expect(() => encodeAttributes([[name, value]])).toThrow(AttributeEncodingError)
    expect(() => encodeAttributes([[name, value]])).toThrow(message)
  })

  it('encodes a list as each of its attributes alone, in order, with a valid one after a refused one still refused', () => {
    const list: [string, AttributeValue][] = [
      ['Mikrotik-Rate-Limit', '5M/10M'],
      ['Session-Timeout', 3600],
      ['Mikrotik-Total-Limit', 1_000],
      ['Class', Buffer.from('beacon:x')],
    ]
    const alone = Buffer.concat(list.map((attribute) => encodeAttributes([attribute])))
    expect(encodeAttributes(list).toString('hex')).toBe(alone.toString('hex'))
    expect(() => encodeAttributes([...list, ['Class', 'text']])).toThrow(/Class: .*must provide Buffer/)
  })

  it('refuses more attributes than a packet holds', () => {
    const reply = Array.from({ length: 16 }, (): [string, string] => ['Reply-Message', 'x'.repeat(253)])
    expect(() => encodeAttributes(reply)).toThrow(/take 4080 octets, a packet has room for 4076/)
  })
})

describe('buildPacket', () => {
  it('writes the header and Length', () => {
    const packet = buildPacket({ code: 2, identifier: 200, authenticator: AUTHENTICATOR, attributes: Buffer.from('1b0600000e10', 'hex') })
    expect(packet.toString('hex')).toBe('02c8001a' + AUTHENTICATOR.toString('hex') + '1b0600000e10')
    expect(parseHeader(packet)).toEqual({ code: 2, identifier: 200, length: 26, authenticator: AUTHENTICATOR })
  })

  it.each([
    ['code 0', { code: 0 }, /code 0/],
    ['code 256', { code: 256 }, /code 256/],
    ['identifier 256', { identifier: 256 }, /Identifier 256/],
    ['identifier -1', { identifier: -1 }, /Identifier -1/],
    ['a 15-octet authenticator', { authenticator: Buffer.alloc(15) }, /16 octets, got 15/],
    ['4077 octets of attributes', { attributes: Buffer.alloc(4077) }, /4097-octet packet/],
  ])('refuses %s', (_what, override, message) => {
    const parts = { code: 2, identifier: 1, authenticator: AUTHENTICATOR, attributes: Buffer.alloc(0), ...override }
    expect(() => buildPacket(parts)).toThrow(RangeError)
    expect(() => buildPacket(parts)).toThrow(message)
  })
})

describe('parseHeader', () => {
  it('reads the header and ignores octets beyond Length (RFC 2865 §3)', () => {
    const packet = Buffer.concat([rawPacket('0105626f62'), Buffer.from('deadbeef', 'hex')])
    expect(parseHeader(packet)).toEqual({ code: 1, identifier: 1, length: 25, authenticator: Buffer.alloc(16) })
    expect(decodeAttributes(packet).attributes).toEqual({ 'User-Name': 'bob' })
  })

  it.each([
    ['an empty datagram', Buffer.alloc(0), 'too-short'],
    ['19 octets', Buffer.alloc(19), 'too-short'],
    ['Length 19', rawPacket('', 19), 'bad-length'],
    ['Length 4097', Buffer.concat([rawPacket('', 4097), Buffer.alloc(4077)]), 'bad-length'],
    ['a datagram shorter than Length', rawPacket('0105626f62', 26), 'length-mismatch'],
    ['an attribute of length 0', rawPacket('0100'), 'bad-attribute'],
    ['an attribute of length 1', rawPacket('010162'), 'bad-attribute'],
    ['an attribute running past Length', rawPacket('0106626f62'), 'bad-attribute'],
    ['an attribute cut by Length', rawPacket('0105626f62', 24), 'bad-attribute'],
    ['a lone octet at the end', rawPacket('0105626f6201'), 'bad-attribute'],
  ])('refuses %s', (_what, packet, reason) => {
    expect(malformedReason(() => parseHeader(packet))).toBe(reason)
    expect(malformedReason(() => decodeAttributes(packet))).toBe(reason)
  })

  it('accepts the largest packet, 4096 octets', () => {
    const attributes = Buffer.alloc(4076)
    for (let offset = 0; offset < 4076; offset += 254) {
      attributes[offset] = 25 // Class
      attributes[offset + 1] = Math.min(254, 4076 - offset)
    }
    expect(parseHeader(packetWith(attributes)).length).toBe(4096)
  })
})

describe('decodeAttributes', () => {
  it('keeps every Proxy-State, raw and in order', () => {
    const decoded = decodeAttributes(rawPacket('210302' + '210305' + '2104ff00' + '0105626f62'))
    expect(decoded.proxyStates).toEqual([Buffer.from([2]), Buffer.from([5]), Buffer.from([0xff, 0])])
    expect(decoded.attributes['Proxy-State']).toEqual([Buffer.from([2]), Buffer.from([5]), Buffer.from([0xff, 0])])
    expect(decoded.raw.map(([type]) => type)).toEqual([33, 33, 33, 1])
  })

  it('leaves User-Password hidden, as received', () => {
    const hidden = '0f'.repeat(16)
    expect(decodeAttributes(rawPacket(`0212${hidden}`)).attributes).toEqual({ 'User-Password': Buffer.from(hidden, 'hex') })
  })

  it('decodes integers with VALUE names, and codes the radius package has no name for', () => {
    const attributes = Buffer.from('280600000001060600000002', 'hex')
    expect(decodeAttributes(packetWith(attributes, 99)).attributes).toEqual({ 'Acct-Status-Type': 'Start', 'Service-Type': 'Framed-User' })
  })

  it('keeps vendors without a dictionary raw only', () => {
    // Microsoft (311) and a Vendor-Specific too short to hold a Vendor-Id
    const decoded = decodeAttributes(rawPacket('1a0c00000137010601020304' + '1a03ff' + '0105626f62'))
    expect(decoded.attributes).toEqual({ 'User-Name': 'bob' })
    expect(decoded.raw).toEqual([
      [26, Buffer.from('00000137010601020304', 'hex')],
      [26, Buffer.from('ff', 'hex')],
      [1, Buffer.from('bob')],
    ])
  })

  it('reads text attributes losslessly as text PostgreSQL can store: NUL, backslash and invalid UTF-8 as \\xHH', () => {
    const decoded = decodeAttributes(
      rawPacket(
        '0105' + '410042' + // User-Name "A", NUL, "B"
          '2c08' + '61ff5c62c3a9' + // Acct-Session-Id "a", 0xFF, backslash, "b", "é"
          '1a0c00003a8c0306' + '7800ed80' + // Mikrotik-Group (a vendor string): "x", NUL, a cut-short character
          '5106' + '01766c30' + // Tunnel-Private-Group-Id, tag 1: "vl0"
          '1f05' + '6100e2' + // Calling-Station-Id twice, in order
          '1f03' + '62',
      ),
    )
    expect(decoded.attributes).toEqual({
      'User-Name': 'A\\x00B',
      'Acct-Session-Id': 'a\\xFF\\x5Cbé',
      'Mikrotik-Group': 'x\\x00\\xED\\x80',
      'Tunnel-Private-Group-Id': [1, 'vl0'],
      'Calling-Station-Id': ['a\\x00\\xE2', 'b'],
    })
    // Encoding gives the router's octets back (a Disconnect-Request repeats User-Name and Acct-Session-Id).
    const encoded = encodeAttributes([
      ['User-Name', 'A\\x00B'],
      ['Acct-Session-Id', 'a\\xFF\\x5Cbé'],
      ['Mikrotik-Group', 'x\\x00\\xED\\x80'],
    ])
    expect(encoded.toString('hex')).toBe('0105410042' + '2c0861ff5c62c3a9' + '1a0c00003a8c03067800ed80')
  })

  it.each([
    ['a MikroTik attribute running past its Vendor-Specific', '1a0c00003a8c0807324d2f35', 'bad-vendor-attribute'],
    ['a MikroTik attribute of length 1', '1a0800003a8c0801', 'bad-vendor-attribute'],
    ['a MikroTik Vendor-Specific with nothing after the Vendor-Id', '1a0600003a8c', 'bad-vendor-attribute'],
    ['a 3-octet Mikrotik-Total-Limit', '1a0b00003a8c1105010203', 'bad-attribute-value'],
    ['a 2-octet Session-Timeout', '1b040102', 'bad-attribute-value'],
    ['an empty tagged Tunnel-Private-Group-Id', '5102', 'bad-attribute-value'],
  ])('refuses %s', (_what, attributesHex, reason) => {
    expect(malformedReason(() => decodeAttributes(rawPacket(attributesHex)))).toBe(reason)
  })
})

/** Deterministic, so a failure can be replayed: mulberry32. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('hostile packets', () => {
  const random = seededRandom(0x5eed)
  const below = (limit: number) => Math.floor(random() * limit)
  const randomBytes = (length: number) => Buffer.from(Array.from({ length }, () => below(256)))

  /** Attributes that are plausible enough to reach the value decoding, often with wrong lengths. */
  function randomAttribute(): Buffer {
    const interesting = [1, 2, 4, 6, 8, 25, 26, 27, 33, 40, 55, 64, 69, 80, 81, 83]
    const type = random() < 0.7 ? interesting[below(interesting.length)] : below(256)
    let value: Buffer
    if (type === 26 && random() < 0.8) {
      const vendor = [14988, 14122, 3561, 311][below(4)]
      const vendorHeader = Buffer.alloc(4)
      vendorHeader.writeUInt32BE(vendor)
      const subAttributes = Array.from({ length: below(3) }, () => {
        const subValue = randomBytes(below(7))
        const subLength = random() < 0.85 ? subValue.length + 2 : below(10)
        return Buffer.concat([Buffer.from([below(32), subLength]), subValue])
      })
      value = Buffer.concat([vendorHeader, ...subAttributes])
    } else {
      value = randomBytes(random() < 0.5 ? below(7) : below(40))
    }
    const length = random() < 0.9 ? value.length + 2 : below(256)
    return Buffer.concat([Buffer.from([type, length & 0xff]), value])
  }

  function randomPacket(): Buffer {
    const attributes = Buffer.concat(Array.from({ length: below(6) }, randomAttribute))
    const packet = Buffer.concat([randomBytes(20), attributes])
    packet.writeUInt16BE(random() < 0.9 ? packet.length : below(65536), 2)
    return packet
  }

  function mutate(original: Buffer): Buffer {
    const packet = Buffer.from(original)
    switch (below(4)) {
      case 0:
        for (let flips = 1 + below(4); flips > 0; flips--) packet[below(packet.length)] = below(256)
        return packet
      case 1:
        return packet.subarray(0, below(packet.length + 1))
      case 2:
        return Buffer.concat([packet, randomBytes(1 + below(8))])
      default: {
        // Edit an attribute length field where the header's Length still fits.
        const mutated = Buffer.concat([packet, randomBytes(below(8))])
        mutated[20 + below(packet.length - 20) + 1] = below(256)
        mutated.writeUInt16BE(random() < 0.5 ? original.length : mutated.length, 2)
        return mutated
      }
    }
  }

  /** A decoded text value PostgreSQL's text type would refuse (NUL) or that is not well-formed, if any. */
  function unstorableText(attributes: Record<string, unknown>): string | undefined {
    const values = Object.values(attributes).flatMap((value) => (Array.isArray(value) ? value.flat() : [value]))
    // Lone surrogates would not survive a round trip through UTF-8.
    const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text
    return values.find((value): value is string => typeof value === 'string' && (value.includes('\u0000') || !wellFormed(value)))
  }

  /**
   * Success, with text a database can store, or MalformedPacketError, nothing else; returns the
   * outcome for coverage counting ('text' when a decoded text attribute held a NUL or invalid UTF-8).
   */
  function outcomeOf(packet: Buffer): string {
    try {
      parseHeader(packet)
      const { attributes, raw } = decodeAttributes(packet)
      const unstorable = unstorableText(attributes)
      if (unstorable !== undefined) throw new Error(`Decoded text ${JSON.stringify(unstorable)} cannot be stored`)
      return raw.some(([type, value]) => type === 1 && value.some((octet) => octet === 0 || octet >= 0x80)) ? 'text' : 'ok'
    } catch (error) {
      if (error instanceof MalformedPacketError) return error.reason
      throw new Error(`${String(error)} for packet ${packet.toString('hex')}`, { cause: error })
    }
  }

  function tally(outcomes: string[]): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1
    return counts
  }

  it('10,000 random buffers: only success or MalformedPacketError', () => {
    const outcomes = Array.from({ length: 10_000 }, () => {
      const packet = random() < 0.2 ? randomBytes(below(64)) : randomPacket()
      return outcomeOf(packet)
    })
    const counts = tally(outcomes)
    // Every reason is reached, so the fuzzing gets past the header, and User-Names with a NUL or
    // octets beyond ASCII were decoded ('text').
    for (const reason of ['ok', 'text', 'too-short', 'bad-length', 'length-mismatch', 'bad-attribute', 'bad-vendor-attribute', 'bad-attribute-value']) {
      expect(counts[reason], `${reason} in ${JSON.stringify(counts)}`).toBeGreaterThan(0)
    }
  })

  it('10,000 mutations of real packets: only success or MalformedPacketError', () => {
    const originals = [
      packetWith(
        encodeAttributes([
          ['Mikrotik-Rate-Limit', '2M/5M'],
          ['Mikrotik-Total-Limit', 1],
          ['WISPr-Redirection-URL', 'http://a.io/'],
          ['Session-Timeout', 60],
          ['Proxy-State', Buffer.from([1, 2])],
          ['Tunnel-Private-Group-Id', 'vlan'],
        ]),
      ),
      rawPacket('0105626f62' + '0212' + '0f'.repeat(16) + '280600000001060600000002' + '1a0c00000137010601020304'),
    ]
    const outcomes = Array.from({ length: 10_000 }, () => outcomeOf(mutate(originals[below(originals.length)])))
    expect(tally(outcomes).ok).toBeGreaterThan(0)
    expect(tally(outcomes).text).toBeGreaterThan(0)
  })
})

describe('a packet from radclient', () => {
  const SECRET = 'testing123'
  let datagram: Buffer

  /** The first Access-Request radclient (FreeRADIUS 3) sends to a socket that never answers. */
  function captureFromRadclient(input: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const socket = createSocket('udp4')
      socket.on('error', reject)
      socket.bind(0, '127.0.0.1', () => {
        const { port } = socket.address() as AddressInfo
        const radclient = spawn('/usr/bin/radclient', ['-r', '1', '-t', '2', `127.0.0.1:${port}`, 'auth', SECRET])
        let output = ''
        radclient.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
        radclient.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
        radclient.on('error', reject)
        let captured: Buffer | undefined
        socket.once('message', (message) => {
          captured = message
          radclient.kill('SIGTERM')
        })
        // Resolved only once radclient is gone, so no process outlives the test.
        radclient.on('exit', (exitCode, signal) => {
          socket.close()
          if (captured) resolve(captured)
          else reject(new Error(`radclient ended (${exitCode ?? signal}) before sending: ${output}`))
        })
        radclient.stdin.end(input)
      })
    })
  }

  beforeAll(async () => {
    datagram = await captureFromRadclient(
      [
        'User-Name = "bob"',
        'User-Password = "x"',
        'NAS-Identifier = "downtown-hotspot"',
        'Calling-Station-Id = "A4-5E-60-C1-22-01"',
        'Proxy-State = 0x01',
        'Proxy-State = 0x02',
        '',
      ].join('\n'),
    )
  })

  it('parses its header', () => {
    const header = parseHeader(datagram)
    expect(header).toMatchObject({ code: RADIUS_CODES['Access-Request'], length: datagram.length })
    expect(header.identifier).toBe(datagram[1])
    expect(header.authenticator).toEqual(datagram.subarray(4, 20))
  })

  it('decodes its attributes, the password still hidden and Proxy-State in order', () => {
    const { attributes, raw, proxyStates } = decodeAttributes(datagram)
    expect(raw.map(([type]) => type)).toEqual([1, 2, 32, 31, 33, 33])
    expect(attributes).toEqual({
      'User-Name': 'bob',
      'User-Password': expect.any(Buffer),
      'NAS-Identifier': 'downtown-hotspot',
      'Calling-Station-Id': 'A4-5E-60-C1-22-01',
      'Proxy-State': [Buffer.from([1]), Buffer.from([2])],
    })
    expect(proxyStates).toEqual([Buffer.from([1]), Buffer.from([2])])

    // RFC 2865 §5.2: "x" padded to 16 octets, XORed with MD5(secret + Request Authenticator).
    const key = createHash('md5').update(SECRET).update(parseHeader(datagram).authenticator).digest()
    const padded = Buffer.alloc(16)
    padded.write('x')
    expect(attributes['User-Password']).toEqual(Buffer.from(padded.map((octet, index) => octet ^ key[index])))
  })
})
