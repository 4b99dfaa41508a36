/**
 * Duplicate request detection (RFC 5080 §2.2.2): a retransmitted request must get the reply the
 * original got, not be processed again, e.g. accounting counted twice or a voucher used twice.
 */
import { HEADER_LENGTH } from './header'
import { MalformedPacketError } from './packet'

export type DuplicateLookup = { state: 'new' } | { state: 'in-progress' } | { state: 'answered'; reply: Buffer }

type Entry = { expiresAt: number; reply: Buffer | null }

/**
 * The key RFC 5080 §2.2.2 identifies a request by: source address and port, code, Identifier and
 * Request Authenticator (a NAS reuses Identifiers, the authenticator tells those requests apart).
 */
export function duplicateKey(address: string, port: number, packet: Buffer): string {
  if (packet.length < HEADER_LENGTH) {
    throw new MalformedPacketError('too-short', `A RADIUS packet has at least ${HEADER_LENGTH} octets, got ${packet.length}.`)
  }
  const authenticator = packet.subarray(4, HEADER_LENGTH).toString('hex')
  return `${address} ${port} ${packet[0]} ${packet[1]} ${authenticator}`
}

export class DuplicateCache {
  readonly #windowMs: number
  readonly #maxEntries: number
  readonly #now: () => number
  /** Insertion order is expiry order: every entry lives windowMs from its last write. */
  readonly #entries = new Map<string, Entry>()

  constructor({ windowMs, maxEntries = 100_000, now = Date.now }: { windowMs: number; maxEntries?: number; now?: () => number }) {
    if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`windowMs must be a positive number, got ${windowMs}.`)
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}.`)
    }
    this.#windowMs = windowMs
    this.#maxEntries = maxEntries
    this.#now = now
  }

  get size(): number {
    return this.#entries.size
  }

  lookup(key: string): DuplicateLookup {
    const now = this.#now()
    this.#dropExpired(now)
    const entry = this.#entries.get(key)
    // Checked again in case the clock stepped back and left this entry behind a younger one.
    if (entry === undefined || entry.expiresAt <= now) return { state: 'new' }
    return entry.reply === null ? { state: 'in-progress' } : { state: 'answered', reply: entry.reply }
  }

  /** Marks a request as being processed: retransmissions are dropped until finish(), or windowMs if it never comes. */
  begin(key: string): void {
    this.#store(key, null)
  }

  /**
   * Records the reply sent, for retransmissions within windowMs from now. null means no reply was
   * sent (e.g. the database was down): the request is forgotten and a retransmission is processed anew.
   */
  finish(key: string, reply: Buffer | null): void {
    if (reply === null) {
      this.#entries.delete(key)
      return
    }
    this.#store(key, reply)
  }

  #store(key: string, reply: Buffer | null): void {
    const now = this.#now()
    this.#dropExpired(now)
    // Deleted first so that re-inserting moves the key to the end of the expiry order.
    this.#entries.delete(key)
    // Under a flood the oldest go first: at worst an old request is processed twice.
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next()
      if (oldest.done === true) break
      this.#entries.delete(oldest.value)
    }
    this.#entries.set(key, { expiresAt: now + this.#windowMs, reply })
  }

  #dropExpired(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) break
      this.#entries.delete(key)
    }
  }
}
