/**
 * What the web app and the jobs need from the RADIUS service to make routers obey: disconnect a
 * session, or apply its plan's current rate, over RFC 5176 (and the RouterOS API as a fallback).
 * Only the RADIUS service process provides it (`provideRouterControl` at its start); the tasks on
 * the `radius` queue run there and nowhere else, so the web app never sends RADIUS packets.
 */
import type { ControlOutcome, TerminateCause } from './sessions/fields'

export type ControlResult = { outcome: ControlOutcome | 'skipped'; errorCause?: string | null; detail?: string }

export interface RouterControl {
  /** Tells the router to drop the session; ends it in Beacon with `cause` if it is still open. */
  disconnect(sessionId: string, cause: TerminateCause): Promise<ControlResult>
  /** Sends the session's plan's current Mikrotik-Rate-Limit by CoA; on NAK, disconnects it. */
  applyPlan(sessionId: string): Promise<ControlResult>
  /** Health check over the RouterOS API: marks the router ONLINE (version, identity) or OFFLINE. */
  checkHealth(routerId: string): Promise<'ONLINE' | 'OFFLINE' | 'skipped'>
  /** Acct-Interim-Interval the routers were told to use, for the stale sweep. */
  readonly interimIntervalSeconds: number
}

// Kept on the global object, not in this module: Payload (and the task handlers in its config)
// outlives a module's instance where modules are re-evaluated (test files, dev reloads).
const KEY = Symbol.for('beacon.routerControl')
const registry = globalThis as typeof globalThis & { [KEY]?: RouterControl | null }

export function provideRouterControl(control: RouterControl | null): void {
  registry[KEY] = control
}

export function routerControl(): RouterControl {
  const provided = registry[KEY]
  if (!provided) throw new Error('Router control (CoA/Disconnect) runs in the RADIUS service; this process has none')
  return provided
}
