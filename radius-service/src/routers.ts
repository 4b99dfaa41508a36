import type { Payload } from 'payload'

import { relationId } from '@/access'
import { canonicalIp } from '@/lib/ip'
import { decryptSecret } from '@/lib/secrets'

/** A registered router (NAS) as the packet handlers need it. */
export type KnownRouter = {
  id: string
  name: string
  organization: string
  location: string
  address: string
  secret: Buffer
  requireMessageAuthenticator: boolean
}

type Entry = { router: KnownRouter | null; expiresAt: number }

/**
 * Routers by source address, as RADIUS identifies them (RFC 2865 §3: the shared secret belongs to
 * the client's address). Answers are kept for a short while so a burst of accounting costs one
 * query; an address that is no router is remembered too, so a flood from it costs nothing. A
 * router's changed secret applies within `ttlMs` (30 s).
 */
export class RouterDirectory {
  readonly #payload: Payload
  readonly #ttlMs: number
  readonly #unknownTtlMs: number
  readonly #entries = new Map<string, Entry>()
  readonly #loading = new Map<string, Promise<KnownRouter | null>>()

  readonly #maxEntries: number

  constructor(
    payload: Payload,
    { ttlMs = 30_000, unknownTtlMs = 5_000, maxEntries = 10_000 }: { ttlMs?: number; unknownTtlMs?: number; maxEntries?: number } = {},
  ) {
    this.#payload = payload
    this.#ttlMs = ttlMs
    this.#unknownTtlMs = unknownTtlMs
    this.#maxEntries = maxEntries
  }

  /** The router at this address, or null. Throws when the database cannot be asked. */
  async lookup(sourceAddress: string): Promise<KnownRouter | null> {
    const address = canonicalIp(sourceAddress)
    if (!address) return null
    const cached = this.#entries.get(address)
    if (cached && cached.expiresAt > Date.now()) return cached.router
    let loading = this.#loading.get(address)
    if (!loading) {
      loading = this.#load(address).finally(() => this.#loading.delete(address))
      this.#loading.set(address, loading)
    }
    return loading
  }

  /** Forgets what it knows, e.g. after a router's secret changed. */
  clear(): void {
    this.#entries.clear()
  }

  async #load(address: string): Promise<KnownRouter | null> {
    const { docs } = await this.#payload.find({
      collection: 'routers',
      where: { ipAddress: { equals: address } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      showHiddenFields: true,
    })
    const doc = docs[0] as (typeof docs)[number] & { secretEncrypted?: string | null }
    const router: KnownRouter | null =
      doc && doc.secretEncrypted
        ? {
            id: String(doc.id),
            name: doc.name,
            organization: relationId(doc.organization)!,
            location: relationId(doc.location)!,
            address,
            secret: Buffer.from(decryptSecret(doc.secretEncrypted), 'utf8'),
            requireMessageAuthenticator: doc.requireMessageAuthenticator !== false,
          }
        : null
    // Spoofed source addresses must not grow the cache without bound: the oldest entries go first.
    this.#entries.delete(address)
    while (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!)
    this.#entries.set(address, { router, expiresAt: Date.now() + (router ? this.#ttlMs : this.#unknownTtlMs) })
    return router
  }
}
