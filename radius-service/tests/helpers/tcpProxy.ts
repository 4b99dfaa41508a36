/** A loopback TCP relay to PostgreSQL that a test can cut and restore: the database "goes down" for one client only. */
import { connect, createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export class TcpProxy {
  readonly #target: { host: string; port: number }
  readonly #sockets = new Set<Socket>()
  #server: Server | null = null
  port = 0

  constructor(target: { host: string; port: number }) {
    this.#target = target
  }

  /** Listens (again) on the same port as before, or a free one the first time. */
  async start(): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.#target)
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket)
        socket.on('close', () => this.#sockets.delete(socket))
        socket.on('error', () => {
          client.destroy()
          upstream.destroy()
        })
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.#server = server
    this.port = (server.address() as AddressInfo).port
    return this.port
  }

  /** Refuses new connections and cuts the open ones, as a database that stopped. */
  async stop(): Promise<void> {
    const server = this.#server
    this.#server = null
    for (const socket of this.#sockets) socket.destroy()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
