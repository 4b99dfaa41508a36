/**
 * A RouterOS API server as the tests need it, speaking the real sentence protocol: length-
 * prefixed words, `/login` (6.43+ plain), `!re`, `!done`, `!trap`, RouterOS 7.18's `!empty`,
 * `.tag` echoed; plain TCP or TLS (api-ssl). It can refuse logins, stop answering, or drop the
 * socket in the middle of a command.
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'

export type ActiveEntry = { '.id': string; 'mac-address'?: string; name?: string; user?: string; address?: string }

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  if (length < 0x4000) return Buffer.from([(length >> 8) | 0x80, length & 0xff])
  if (length < 0x200000) return Buffer.from([(length >> 16) | 0xc0, (length >> 8) & 0xff, length & 0xff])
  if (length < 0x10000000) return Buffer.from([(length >>> 24) | 0xe0, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff])
  const buffer = Buffer.alloc(5)
  buffer[0] = 0xf0
  buffer.writeUInt32BE(length, 1)
  return buffer
}

export function encodeSentence(words: string[]): Buffer {
  return Buffer.concat([...words.flatMap((word) => [encodeLength(Buffer.byteLength(word)), Buffer.from(word)]), Buffer.from([0])])
}

/** Splits a byte stream into sentences; returns them and the unparsed rest. */
export function decodeSentences(buffer: Buffer): { sentences: string[][]; rest: Buffer } {
  const sentences: string[][] = []
  let words: string[] = []
  let offset = 0
  let sentenceStart = 0
  while (offset < buffer.length) {
    const first = buffer[offset]
    let length: number
    let size: number
    if (first < 0x80) [length, size] = [first, 1]
    else if (first < 0xc0) [length, size] = [((first & 0x3f) << 8) | buffer[offset + 1], 2]
    else if (first < 0xe0) [length, size] = [((first & 0x1f) << 16) | (buffer[offset + 1] << 8) | buffer[offset + 2], 3]
    else if (first < 0xf0) [length, size] = [((first & 0x0f) * 2 ** 24) + (buffer[offset + 1] << 16) + (buffer[offset + 2] << 8) + buffer[offset + 3], 4]
    else [length, size] = [buffer.readUInt32BE(offset + 1), 5]
    if (offset + size + length > buffer.length) break
    offset += size
    if (length === 0) {
      sentences.push(words)
      words = []
      sentenceStart = offset
      continue
    }
    words.push(buffer.subarray(offset, offset + length).toString())
    offset += length
  }
  return { sentences, rest: buffer.subarray(sentenceStart) }
}

export class FakeRouterOs {
  username = 'beacon'
  password = 'api-secret'
  version = '7.18.2 (stable)'
  identity = 'Downtown-hAP'
  /** RouterOS 7.18+ sends `!empty` before `!done` when a print finds nothing. */
  emptyReplies = true
  /** 'answer' normally; 'silent' never replies; 'drop' closes the socket when a command (after login) arrives. */
  mode: 'answer' | 'silent' | 'drop' = 'answer'
  readonly hotspotActive: ActiveEntry[] = []
  readonly pppActive: ActiveEntry[] = []
  readonly commands: string[][] = []
  #server: Server | null = null
  readonly #sockets = new Set<Socket>()
  port = 0

  async start({ host = '127.0.0.1', tls }: { host?: string; tls?: { key: string; cert: string } } = {}): Promise<number> {
    const onConnection = (socket: Socket) => this.#serve(socket)
    const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onConnection) : createTcpServer(onConnection)
    await new Promise<void>((resolve) => server.listen(0, host, resolve))
    this.#server = server
    this.port = (server.address() as AddressInfo).port
    return this.port
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    const server = this.#server
    this.#server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket)
    socket.on('close', () => this.#sockets.delete(socket))
    socket.on('error', () => {})
    let pending: Buffer = Buffer.alloc(0)
    let loggedIn = false
    socket.on('data', (chunk: Buffer) => {
      const { sentences, rest } = decodeSentences(Buffer.concat([pending, chunk]))
      pending = rest
      for (const words of sentences) {
        this.commands.push(words)
        const [command, ...rest] = words
        const tag = rest.find((word) => word.startsWith('.tag='))
        const reply = (...replyWords: string[]) => socket.write(encodeSentence(tag ? [...replyWords, tag] : replyWords))
        const attribute = (name: string) => rest.find((word) => word.startsWith(`=${name}=`))?.slice(name.length + 2)
        const query = (name: string) => rest.find((word) => word.startsWith(`?${name}=`))?.slice(name.length + 2)
        if (this.mode === 'silent') continue
        if (command === '/login') {
          if (attribute('name') === this.username && attribute('password') === this.password) {
            loggedIn = true
            reply('!done')
          } else {
            reply('!trap', '=message=invalid user name or password (6)')
            reply('!done')
          }
          continue
        }
        if (!loggedIn) {
          reply('!fatal', 'not logged in')
          socket.end()
          continue
        }
        if (this.mode === 'drop') {
          socket.destroy()
          return
        }
        const list = command.startsWith('/ppp/active') ? this.pppActive : this.hotspotActive
        if (command === '/system/resource/print') {
          reply('!re', `=version=${this.version}`, '=board-name=hAP ax2', '=uptime=1d2h3m')
          reply('!done')
        } else if (command === '/system/identity/print') {
          reply('!re', `=name=${this.identity}`)
          reply('!done')
        } else if (command === '/ip/hotspot/active/print' || command === '/ppp/active/print') {
          const mac = query('mac-address')
          const name = query('name')
          const found = list.filter((entry) => (mac ? entry['mac-address'] === mac : name ? entry.name === name : true))
          for (const entry of found) reply('!re', ...Object.entries(entry).map(([key, value]) => `=${key}=${value}`))
          if (found.length === 0 && this.emptyReplies) reply('!empty')
          reply('!done')
        } else if (command === '/ip/hotspot/active/remove' || command === '/ppp/active/remove') {
          const index = list.findIndex((entry) => entry['.id'] === attribute('.id'))
          if (index === -1) {
            reply('!trap', '=message=no such item')
            reply('!done')
          } else {
            list.splice(index, 1)
            reply('!done')
          }
        } else if (command === '/beacon/unknown-reply') {
          // A reply word this client has never heard of, then the usual !done.
          reply('!surprise', '=what=new in some future RouterOS')
          reply('!done')
        } else {
          reply('!trap', `=message=no such command ${command}`)
          reply('!done')
        }
      }
    })
  }
}
