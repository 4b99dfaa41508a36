/**
 * FreeRADIUS's own client (`radclient` from Debian's freeradius-utils) as the router in the
 * tests: it builds, hides, signs and checks packets with code that is not Beacon's.
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'

/** Strings and numbers as radclient reads them; a Buffer is sent as exactly these octets (NUL included). */
export type AttributeInput = Record<string, string | number | Buffer | Array<string | number | Buffer>>

export type RadclientResult = {
  /** 'Access-Accept', 'Access-Reject', 'Accounting-Response', or null when nothing came back. */
  code: string | null
  /** Reply attributes in the order received, values as radclient prints them (strings unquoted). */
  attributes: Array<[name: string, value: string]>
  output: string
}

/**
 * radclient answers a CHAP challenge itself from a cleartext CHAP-Password, but reads one that
 * begins with 0x as hex octets, even quoted (a random password does, one time in 4096): such a
 * password is answered here, as a router would, with a CHAP-Challenge of our own.
 */
function chapAnswer(password: string): string[] {
  const identifier = Buffer.from([1])
  const challenge = randomBytes(16)
  const response = createHash('md5').update(Buffer.concat([identifier, Buffer.from(password, 'utf8'), challenge])).digest()
  return [`CHAP-Password = 0x${Buffer.concat([identifier, response]).toString('hex')}`, `CHAP-Challenge = 0x${challenge.toString('hex')}`]
}

/**
 * Octets as a double-quoted radclient string: printable ASCII as it is, anything else (a NUL,
 * octets that are not UTF-8) as FreeRADIUS's octal escapes, which it sends as those octets.
 */
function quotedOctets(octets: Buffer): string {
  const escape = (octet: number) =>
    octet >= 0x20 && octet < 0x7f && octet !== 0x22 && octet !== 0x5c ? String.fromCharCode(octet) : `\\${octet.toString(8).padStart(3, '0')}`
  return `"${[...octets].map(escape).join('')}"`
}

/** `Name = value` lines: strings quoted, numbers and 0x… octets as they are, Buffers as quoted octets. */
export function attributeLines(attributes: AttributeInput): string {
  const lines: string[] = []
  for (const [name, value] of Object.entries(attributes)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (Buffer.isBuffer(one)) {
        lines.push(`${name} = ${quotedOctets(one)}`)
        continue
      }
      if (name === 'CHAP-Password' && typeof one === 'string' && one.toLowerCase().startsWith('0x')) {
        lines.push(...chapAnswer(one))
        continue
      }
      const formatted = typeof one === 'number' || /^0x[0-9a-f]*$/i.test(one) ? String(one) : JSON.stringify(one)
      lines.push(`${name} = ${formatted}`)
    }
  }
  return `${lines.join('\n')}\n`
}

export async function radclient(options: {
  port: number
  type: 'auth' | 'acct'
  secret: string
  attributes: AttributeInput
  /** radclient sends this many times in all before giving up (-r); each waits timeoutSeconds (-t). */
  retries?: number
  timeoutSeconds?: number
  host?: string
}): Promise<RadclientResult> {
  const { port, type, secret, attributes, retries = 1, timeoutSeconds = 2, host = '127.0.0.1' } = options
  const args = ['-x', '-r', String(retries), '-t', String(timeoutSeconds), `${host}:${port}`, type, secret]
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('/usr/bin/radclient', args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.on('error', reject)
    child.on('close', () => resolve(text))
    child.stdin.end(attributeLines(attributes))
  })
  return { ...parseReply(output), output }
}

export function parseReply(output: string): Omit<RadclientResult, 'output'> {
  const lines = output.split('\n')
  const start = lines.findIndex((line) => line.startsWith('Received '))
  if (start === -1) return { code: null, attributes: [] }
  const code = lines[start].split(' ')[1]
  const attributes: Array<[string, string]> = []
  for (const line of lines.slice(start + 1)) {
    const match = /^\t([A-Za-z0-9-]+) = (.*)$/.exec(line)
    if (!match) break
    const raw = match[2]
    attributes.push([match[1], raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw])
  }
  return { code, attributes }
}

/** The value of the first attribute with this name, or undefined. */
export const valueOf = (result: RadclientResult, name: string) => result.attributes.find(([attribute]) => attribute === name)?.[1]

/** The session id Beacon put in Class (printed by radclient as 0x-hex). */
export function classSession(result: RadclientResult): string | undefined {
  const value = valueOf(result, 'Class')
  if (!value?.startsWith('0x')) return undefined
  const text = Buffer.from(value.slice(2), 'hex').toString('utf8')
  return text.startsWith('beacon:') ? text.slice('beacon:'.length) : undefined
}
