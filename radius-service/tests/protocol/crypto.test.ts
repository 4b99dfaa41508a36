import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { describe, expect, it } from 'vitest'
import {
  accountingRequestAuthenticator,
  responseAuthenticator,
  safeEqual,
  signResponse,
  verifyAccountingRequest,
  verifyResponse,
} from '../../src/protocol/authenticator'
import { chapResponse, verifyChap } from '../../src/protocol/chap'
import {
  MESSAGE_AUTHENTICATOR_TYPE,
  fillMessageAuthenticator,
  findAttribute,
  messageAuthenticatorFor,
  verifyMessageAuthenticator,
  withMessageAuthenticatorFirst,
} from '../../src/protocol/messageAuthenticator'
import { hidePassword, revealPassword } from '../../src/protocol/pap'

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex')

const USER_PASSWORD = 2
const CHAP_PASSWORD = 3
const REPLY_MESSAGE = 18
const SESSION_TIMEOUT = 27
const CHAP_CHALLENGE = 60

function attribute(type: number, value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value
  return Buffer.concat([Buffer.of(type, bytes.length + 2), bytes])
}

function packet(code: number, identifier: number, authenticator: Buffer, ...attributes: Buffer[]): Buffer {
  const header = Buffer.alloc(4)
  header[0] = code
  header[1] = identifier
  const encoded = Buffer.concat([header, authenticator, ...attributes])
  encoded.writeUInt16BE(encoded.length, 2)
  return encoded
}

function attributeValue(encoded: Buffer, type: number): Buffer {
  const found = findAttribute(encoded, type)
  if (!found) throw new Error(`attribute ${type} missing`)
  return encoded.subarray(found.offset + 2, found.offset + found.length)
}

function flipByte(encoded: Buffer, offset: number): Buffer {
  const tampered = Buffer.from(encoded)
  tampered[offset] ^= 0x01
  return tampered
}

// RFC 2865 §7.1 "User Telnet to Specified Host" (the same bytes as RFC 2138 §7.1).
const RFC_SECRET = 'xyzzy5461'
const RFC_REQUEST_AUTHENTICATOR = hex('0f 40 3f 94 73 97 80 57 bd 83 d5 cb 98 f4 22 7a')
const RFC_ACCESS_REQUEST = hex(`
  01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb
  98 f4 22 7a 01 06 6e 65 6d 6f 02 12 0d be 70 8d
  93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8
  01 10 05 06 00 00 00 03`)
const RFC_HIDDEN_PASSWORD = hex('0d be 70 8d 93 d4 13 ce 31 96 e4 3f 78 2a 0a ee')
const RFC_ACCESS_ACCEPT = hex(`
  02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf
  9b 55 e0 b2 06 06 00 00 00 01 0f 06 00 00 00 00
  0e 06 c0 a8 01 03`)
const RFC_RESPONSE_AUTHENTICATOR = hex('86 fe 22 0e 76 24 ba 2a 10 05 f6 bf 9b 55 e0 b2')

// RFC 2865 §7.2 "Framed User Authenticating with CHAP" (flopsy); the RFC does not publish flopsy's password.
const RFC_CHAP_REQUEST = hex(`
  01 01 00 47 2a ee 86 f0 8d 0d 55 96 9c a5 97 8e
  0d 33 67 a2 01 08 66 6c 6f 70 73 79 03 13 16 e9
  75 57 c3 16 18 58 95 f2 93 ff 63 44 07 72 75 04
  06 c0 a8 01 10 05 06 00 00 00 14 06 06 00 00 00
  02 07 06 00 00 00 01`)

describe('RFC 2865 §7.1 PAP example', () => {
  it('hides "arctangent" into the exact User-Password bytes of the RFC request', () => {
    const hidden = hidePassword('arctangent', RFC_SECRET, RFC_REQUEST_AUTHENTICATOR)
    expect(hidden.toString('hex')).toBe(RFC_HIDDEN_PASSWORD.toString('hex'))
    expect(attributeValue(RFC_ACCESS_REQUEST, USER_PASSWORD).equals(hidden)).toBe(true)
  })

  it('reveals the RFC User-Password as "arctangent"', () => {
    const hidden = attributeValue(RFC_ACCESS_REQUEST, USER_PASSWORD)
    expect(revealPassword(hidden, RFC_SECRET, RFC_REQUEST_AUTHENTICATOR).toString()).toBe('arctangent')
  })

  it('computes the Response Authenticator of the RFC Access-Accept', () => {
    expect(responseAuthenticator(RFC_ACCESS_ACCEPT, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET).toString('hex')).toBe(
      RFC_RESPONSE_AUTHENTICATOR.toString('hex'),
    )
    const unsigned = Buffer.from(RFC_ACCESS_ACCEPT).fill(0, 4, 20)
    expect(signResponse(unsigned, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET).equals(RFC_ACCESS_ACCEPT)).toBe(true)
    expect(unsigned.subarray(4, 20).equals(Buffer.alloc(16))).toBe(true) // signResponse copies
  })

  it('verifies the RFC Access-Accept and rejects tampering or a wrong secret', () => {
    expect(verifyResponse(RFC_ACCESS_ACCEPT, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe(true)
    expect(verifyResponse(flipByte(RFC_ACCESS_ACCEPT, 25), RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe(false)
    expect(verifyResponse(RFC_ACCESS_ACCEPT, RFC_REQUEST_AUTHENTICATOR, 'xyzzy5462')).toBe(false)
    expect(verifyResponse(RFC_ACCESS_ACCEPT.subarray(0, 19), RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe(false)
  })

  it('ignores padding after the Length field (RFC 2865 §3)', () => {
    const padded = Buffer.concat([RFC_ACCESS_ACCEPT, Buffer.from('padding')])
    expect(verifyResponse(padded, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe(true)
  })
})

describe('CHAP (RFC 1994 §4.1, RFC 2865 §5.3)', () => {
  it('finds the 19-octet CHAP-Password of the RFC 2865 §7.2 request', () => {
    const found = findAttribute(RFC_CHAP_REQUEST, CHAP_PASSWORD)
    expect(found).toEqual({ offset: 28, length: 19 })
    expect(attributeValue(RFC_CHAP_REQUEST, CHAP_PASSWORD)[0]).toBe(0x16)
  })

  // Expected value from Python: hashlib.md5(bytes([7]) + b'arctangent' + request_authenticator).hexdigest()
  const independentMd5 = '3f25c9ea76486dbb6e08f6da1baf940b'

  it('computes MD5(ident + password + challenge)', () => {
    expect(chapResponse(7, 'arctangent', RFC_REQUEST_AUTHENTICATOR).toString('hex')).toBe(independentMd5)
  })

  it('verifies a CHAP-Password against the challenge and rejects mismatches', () => {
    const chapPassword = Buffer.concat([Buffer.of(7), hex(independentMd5)])
    const challenge = RFC_REQUEST_AUTHENTICATOR
    expect(verifyChap({ chapPassword, challenge, password: 'arctangent' })).toBe(true)
    expect(verifyChap({ chapPassword, challenge, password: Buffer.from('arctangent') })).toBe(true)
    expect(verifyChap({ chapPassword, challenge, password: 'arctangenT' })).toBe(false)
    expect(verifyChap({ chapPassword: flipByte(chapPassword, 0), challenge, password: 'arctangent' })).toBe(false)
    expect(verifyChap({ chapPassword, challenge: flipByte(challenge, 15), password: 'arctangent' })).toBe(false)
  })

  it('returns false for wrong lengths instead of throwing', () => {
    const chapPassword = Buffer.concat([Buffer.of(7), hex(independentMd5)])
    const challenge = RFC_REQUEST_AUTHENTICATOR
    expect(verifyChap({ chapPassword: chapPassword.subarray(0, 16), challenge, password: 'arctangent' })).toBe(false)
    expect(verifyChap({ chapPassword: Buffer.concat([chapPassword, Buffer.of(0)]), challenge, password: 'x' })).toBe(false)
    expect(verifyChap({ chapPassword, challenge: Buffer.alloc(0), password: 'arctangent' })).toBe(false)
  })

  it('refuses an identifier that is not one octet', () => {
    expect(() => chapResponse(256, 'x', RFC_REQUEST_AUTHENTICATOR)).toThrow(RangeError)
    expect(() => chapResponse(-1, 'x', RFC_REQUEST_AUTHENTICATOR)).toThrow(RangeError)
  })
})

describe('PAP User-Password hiding (RFC 2865 §5.2)', () => {
  const secret = 'testing123'
  const requestAuthenticator = hex('00112233445566778899aabbccddeeff')

  it('round-trips a 40-byte password through three chained blocks', () => {
    const password = 'x'.repeat(20) + '0123456789abcdefghij'
    const hidden = hidePassword(password, secret, requestAuthenticator)
    expect(hidden.length).toBe(48)
    expect(revealPassword(hidden, secret, requestAuthenticator).toString()).toBe(password)
  })

  it('chains later blocks on the previous CIPHERTEXT block', () => {
    const password = Buffer.from('A'.repeat(32))
    const hidden = hidePassword(password, secret, requestAuthenticator)
    const secondPad = createHash('md5').update(secret).update(hidden.subarray(0, 16)).digest()
    const secondPlain = Buffer.from(hidden.subarray(16, 32).map((byte, i) => byte ^ secondPad[i]))
    expect(secondPlain.toString()).toBe('A'.repeat(16))
  })

  it('pads to a multiple of 16, including an empty password', () => {
    expect(hidePassword('', secret, requestAuthenticator).length).toBe(16)
    expect(revealPassword(hidePassword('', secret, requestAuthenticator), secret, requestAuthenticator).length).toBe(0)
    expect(hidePassword('a'.repeat(16), secret, requestAuthenticator).length).toBe(16)
    expect(hidePassword('a'.repeat(17), secret, requestAuthenticator).length).toBe(32)
  })

  it('accepts 128 bytes and refuses 129', () => {
    const longest = 'p'.repeat(128)
    const hidden = hidePassword(longest, secret, requestAuthenticator)
    expect(revealPassword(hidden, secret, requestAuthenticator).toString()).toBe(longest)
    expect(() => hidePassword('p'.repeat(129), secret, requestAuthenticator)).toThrow(RangeError)
  })

  it('refuses hidden values that are not a positive multiple of 16 up to 128', () => {
    for (const length of [0, 1, 15, 17, 31, 144]) {
      expect(() => revealPassword(Buffer.alloc(length), secret, requestAuthenticator)).toThrow(RangeError)
    }
  })

  it('refuses a Request Authenticator that is not 16 bytes and an empty secret', () => {
    expect(() => hidePassword('pw', secret, Buffer.alloc(15))).toThrow(RangeError)
    expect(() => hidePassword('pw', '', requestAuthenticator)).toThrow(RangeError)
  })
})

describe('Accounting and CoA Request Authenticator (RFC 2866 §3, RFC 5176 §2.3)', () => {
  const secret = 'testing123'
  const accountingRequest = (): Buffer => {
    const unsigned = packet(4, 9, Buffer.alloc(16), attribute(40, Buffer.of(0, 0, 0, 1)), attribute(1, 'bob'))
    accountingRequestAuthenticator(unsigned, secret).copy(unsigned, 4)
    return unsigned
  }

  it('verifies a request it signed and rejects tampering, a wrong secret and truncation', () => {
    const signed = accountingRequest()
    expect(verifyAccountingRequest(signed, secret)).toBe(true)
    expect(verifyAccountingRequest(flipByte(signed, signed.length - 1), secret)).toBe(false)
    expect(verifyAccountingRequest(flipByte(signed, 4), secret)).toBe(false)
    expect(verifyAccountingRequest(signed, 'testing124')).toBe(false)
    expect(verifyAccountingRequest(signed.subarray(0, signed.length - 1), secret)).toBe(false)
    expect(verifyAccountingRequest(Buffer.alloc(3), secret)).toBe(false)
  })

  it('hashes 16 zero octets in place of the authenticator field', () => {
    const signed = accountingRequest()
    const expected = createHash('md5')
      .update(signed.subarray(0, 4))
      .update(Buffer.alloc(16))
      .update(signed.subarray(20))
      .update(secret)
      .digest()
    expect(signed.subarray(4, 20).equals(expected)).toBe(true)
  })

  it('signs a CoA-Request with a Message-Authenticator over a zero authenticator (RFC 5176 §3.3)', () => {
    const zeros = Buffer.alloc(16)
    const unsigned = withMessageAuthenticatorFirst(packet(43, 3, zeros, attribute(1, 'bob'), attribute(44, '81000001')))
    const coaRequest = fillMessageAuthenticator(unsigned, zeros, secret)
    accountingRequestAuthenticator(coaRequest, secret).copy(coaRequest, 4)
    expect(verifyAccountingRequest(coaRequest, secret)).toBe(true)
    expect(verifyMessageAuthenticator(coaRequest, zeros, secret)).toBe('valid')

    const coaAck = signResponse(packet(44, 3, zeros), coaRequest.subarray(4, 20), secret)
    expect(verifyResponse(coaAck, coaRequest.subarray(4, 20), secret)).toBe(true)
  })
})

describe('Message-Authenticator (RFC 3579 §3.2, RFC 2869 §5.14)', () => {
  const requestWithZeroedMessageAuthenticator = (): Buffer => {
    const encoded = Buffer.concat([RFC_ACCESS_REQUEST, Buffer.of(80, 18), Buffer.alloc(16)])
    encoded.writeUInt16BE(encoded.length, 2)
    return encoded
  }

  it('matches an independent HMAC-MD5 of the RFC 7.1 request', () => {
    // Python: hmac.new(b'xyzzy5461', request_with_zeroed_attribute_80, 'md5').hexdigest()
    const value = messageAuthenticatorFor(requestWithZeroedMessageAuthenticator(), RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)
    expect(value.toString('hex')).toBe('63b78a6b9d2f149989fbf57ea21d194c')
  })

  it('verifies a filled Access-Request, and reports tampering and absence', () => {
    const request = fillMessageAuthenticator(requestWithZeroedMessageAuthenticator(), RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)
    const ownAuthenticator = request.subarray(4, 20)
    expect(verifyMessageAuthenticator(request, ownAuthenticator, RFC_SECRET)).toBe('valid')
    expect(verifyMessageAuthenticator(flipByte(request, 22), flipByte(request, 22).subarray(4, 20), RFC_SECRET)).toBe(
      'invalid',
    )
    expect(verifyMessageAuthenticator(flipByte(request, request.length - 1), ownAuthenticator, RFC_SECRET)).toBe('invalid')
    expect(verifyMessageAuthenticator(request, ownAuthenticator, 'wrong-secret')).toBe('invalid')
    expect(verifyMessageAuthenticator(RFC_ACCESS_REQUEST, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe('absent')
  })

  it('calls a wrong length, a duplicate or a malformed attribute list invalid', () => {
    const wrongLength = packet(1, 0, RFC_REQUEST_AUTHENTICATOR, attribute(80, Buffer.alloc(8)))
    expect(verifyMessageAuthenticator(wrongLength, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe('invalid')
    const request = fillMessageAuthenticator(requestWithZeroedMessageAuthenticator(), RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)
    const duplicate = Buffer.concat([request, request.subarray(request.length - 18)])
    duplicate.writeUInt16BE(duplicate.length, 2)
    expect(verifyMessageAuthenticator(duplicate, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe('invalid')
    const malformed = Buffer.concat([request, Buffer.of(1, 1)])
    malformed.writeUInt16BE(malformed.length, 2)
    expect(verifyMessageAuthenticator(malformed, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toBe('invalid')
  })

  it('findAttribute stops safely on malformed lengths', () => {
    const header = (length: number): Buffer => {
      const bytes = Buffer.alloc(20)
      bytes[0] = 1
      bytes.writeUInt16BE(length, 2)
      return bytes
    }
    const withAttributes = (...bytes: number[]): Buffer => Buffer.concat([header(20 + bytes.length), Buffer.from(bytes)])
    expect(findAttribute(withAttributes(1, 5, 0x62, 0x6f, 0x62), 1)).toEqual({ offset: 20, length: 5 })
    expect(findAttribute(withAttributes(1, 5, 0x62, 0x6f, 0x62), 2)).toBeNull()
    expect(findAttribute(withAttributes(1, 0, 2, 3, 0), 2)).toBeNull() // length 0 would loop forever
    expect(findAttribute(withAttributes(1, 1, 2, 2), 2)).toBeNull() // length below 2
    expect(findAttribute(withAttributes(1, 3, 0x62, 2, 9, 1), 2)).toBeNull() // runs past the end
    expect(findAttribute(withAttributes(1, 3, 0x62, 2), 2)).toBeNull() // lone type octet at the end
    expect(findAttribute(Buffer.concat([header(40), Buffer.of(1, 3, 0x62)]), 1)).toBeNull() // Length beyond buffer
    expect(findAttribute(Buffer.alloc(10), 1)).toBeNull()
    const padded = Buffer.concat([withAttributes(1, 3, 0x62), Buffer.of(80, 18)])
    expect(findAttribute(padded, 80)).toBeNull() // padding after Length is not an attribute
  })

  it('withMessageAuthenticatorFirst puts a zeroed attribute 80 at offset 20 and fixes Length', () => {
    const reply = packet(
      2,
      5,
      Buffer.alloc(16),
      attribute(REPLY_MESSAGE, 'welcome'),
      attribute(MESSAGE_AUTHENTICATOR_TYPE, Buffer.alloc(16, 0xee)),
      attribute(SESSION_TIMEOUT, Buffer.of(0, 0, 0x0e, 0x10)),
    )
    const prepared = withMessageAuthenticatorFirst(reply)
    expect(prepared[20]).toBe(MESSAGE_AUTHENTICATOR_TYPE)
    expect(prepared[21]).toBe(18)
    expect(prepared.subarray(22, 38).equals(Buffer.alloc(16))).toBe(true)
    expect(prepared.readUInt16BE(2)).toBe(prepared.length)
    expect(prepared.length).toBe(reply.length)
    const kept = Buffer.concat([attribute(REPLY_MESSAGE, 'welcome'), attribute(SESSION_TIMEOUT, Buffer.of(0, 0, 0x0e, 0x10))])
    expect(prepared.subarray(38).equals(kept)).toBe(true)
    expect(withMessageAuthenticatorFirst(packet(3, 5, Buffer.alloc(16))).readUInt16BE(2)).toBe(38)
    expect(reply[20]).toBe(REPLY_MESSAGE) // the input is untouched
  })

  it('signs a reply that verifies by Response Authenticator and Message-Authenticator', () => {
    const requestAuthenticator = hex('a0a1a2a3a4a5a6a7a8a9aaabacadaeaf')
    const secret = 'testing123'
    const reply = packet(2, 5, Buffer.alloc(16), attribute(REPLY_MESSAGE, 'welcome'))
    const signed = signResponse(
      fillMessageAuthenticator(withMessageAuthenticatorFirst(reply), requestAuthenticator, secret),
      requestAuthenticator,
      secret,
    )
    expect(verifyResponse(signed, requestAuthenticator, secret)).toBe(true)
    expect(verifyMessageAuthenticator(signed, requestAuthenticator, secret)).toBe('valid')

    const tampered = flipByte(signed, signed.length - 1)
    expect(verifyResponse(tampered, requestAuthenticator, secret)).toBe(false)
    expect(verifyMessageAuthenticator(tampered, requestAuthenticator, secret)).toBe('invalid')
    expect(verifyMessageAuthenticator(signed, Buffer.alloc(16), secret)).toBe('invalid')
  })

  it('refuses to compute a value when the attribute is missing', () => {
    expect(() => messageAuthenticatorFor(RFC_ACCESS_REQUEST, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toThrow(RangeError)
    expect(() => fillMessageAuthenticator(RFC_ACCESS_REQUEST, RFC_REQUEST_AUTHENTICATOR, RFC_SECRET)).toThrow(RangeError)
  })
})

describe('safeEqual', () => {
  it('compares contents and returns false on a length mismatch without throwing', () => {
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true)
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false)
    expect(safeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false)
    expect(safeEqual(Buffer.alloc(0), Buffer.alloc(0))).toBe(true)
  })
})

const RADCLIENT_SECRET = 'testing123'

/** Sends `attributes` with FreeRADIUS radclient to a local socket and returns the first datagram it sends. */
function captureRadclientPacket(mode: 'auth' | 'acct', attributes: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4')
    let client: ChildProcess | undefined
    let stderr = ''
    let settled = false
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      client?.kill() // radclient would otherwise wait and retransmit
      socket.close()
      outcome()
    }
    const timer = setTimeout(() => settle(() => reject(new Error(`radclient sent nothing in 5 s: ${stderr}`))), 5_000)
    socket.once('error', (error) => settle(() => reject(error)))
    socket.once('message', (datagram) => settle(() => resolve(datagram)))
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      const args = ['-x', '-r', '1', '-t', '2', `127.0.0.1:${port}`, mode, RADCLIENT_SECRET]
      client = spawn('radclient', args, { stdio: ['pipe', 'ignore', 'pipe'] })
      client.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      client.once('error', (error) => settle(() => reject(error)))
      client.once('exit', (code) => settle(() => reject(new Error(`radclient exited (${code}) before sending: ${stderr}`))))
      client.stdin?.end(attributes)
    })
  })
}

// `npm test` installs freeradius-utils (scripts/ensure-system-packages.sh); without it these fail.
describe('packets from FreeRADIUS radclient', () => {
  it('PAP Access-Request: Message-Authenticator and a multi-block User-Password', { timeout: 15_000 }, async () => {
    const password = 'a-password-longer-than-sixteen-bytes'
    const request = await captureRadclientPacket(
      'auth',
      `User-Name = "bob"\nUser-Password = "${password}"\nMessage-Authenticator = 0x00\n`,
    )
    const requestAuthenticator = request.subarray(4, 20)
    expect(request[0]).toBe(1)
    expect(verifyMessageAuthenticator(request, requestAuthenticator, RADCLIENT_SECRET)).toBe('valid')
    expect(verifyMessageAuthenticator(request, requestAuthenticator, 'testing124')).toBe('invalid')

    const hidden = attributeValue(request, USER_PASSWORD)
    expect(hidden.length).toBe(48)
    expect(revealPassword(hidden, RADCLIENT_SECRET, requestAuthenticator).toString()).toBe(password)
    expect(hidePassword(password, RADCLIENT_SECRET, requestAuthenticator).equals(hidden)).toBe(true)
  })

  it('Accounting-Request: Request Authenticator', { timeout: 15_000 }, async () => {
    const request = await captureRadclientPacket(
      'acct',
      'Acct-Status-Type = Start\nUser-Name = "bob"\nAcct-Session-Id = "81000001"\n',
    )
    expect(request[0]).toBe(4)
    expect(verifyAccountingRequest(request, RADCLIENT_SECRET)).toBe(true)
    expect(verifyAccountingRequest(request, 'testing124')).toBe(false)
  })

  it('CHAP Access-Request: CHAP-Password', { timeout: 15_000 }, async () => {
    const request = await captureRadclientPacket('auth', 'User-Name = "bob"\nCHAP-Password = "chap-secret"\n')
    const chapPassword = attributeValue(request, CHAP_PASSWORD)
    const challenge = findAttribute(request, CHAP_CHALLENGE)
      ? attributeValue(request, CHAP_CHALLENGE)
      : request.subarray(4, 20)
    expect(verifyChap({ chapPassword, challenge, password: 'chap-secret' })).toBe(true)
    expect(verifyChap({ chapPassword, challenge, password: 'chap-secreT' })).toBe(false)
  })
})
