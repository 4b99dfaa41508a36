/**
 * Counts failures per key (a client address) over a sliding window, in memory, for rate limits
 * where people sign in. Bounded: past `maxKeys` the key idle the longest is forgotten, so a flood
 * of addresses cannot exhaust memory. Per process (the web app runs as one), so a restart
 * forgets the counts. An attempt can be counted before it is decided and refunded when it
 * succeeds, so parallel attempts cannot all slip in under the limit.
 */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Failures of `key` still inside the window. */
  count(key: string, now = Date.now()): number {
    return this.recent(key, now).length
  }

  /** Whether `key` has used up its failures: the next attempt is refused. */
  exhausted(key: string, now = Date.now()): boolean {
    return this.count(key, now) >= this.limit
  }

  /** Milliseconds until `key` may try again (0 when it may now). */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now)
    if (recent.length < this.limit) return 0
    return recent[recent.length - this.limit] + this.windowMs - now
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now)
    recent.push(now)
    // Re-inserting moves the key to the end of the Map's order: the first key is the idlest.
    this.failures.delete(key)
    this.failures.set(key, recent.slice(-this.limit))
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value as string)
  }

  /** Takes back the newest failure of `key` (an attempt counted in advance that succeeded). */
  refund(key: string, now = Date.now()): void {
    const recent = this.recent(key, now)
    recent.pop()
    if (recent.length === 0) this.failures.delete(key)
    else this.failures.set(key, recent)
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs)
    if (kept.length === 0) this.failures.delete(key)
    return kept
  }
}
