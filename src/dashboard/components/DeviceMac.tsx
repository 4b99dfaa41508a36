import React from 'react'

/** A device's MAC in a dashboard list, or in words that its router reported none. */
export function DeviceMac({ mac }: { mac: string | null }) {
  return mac ? <code>{mac}</code> : <span className="muted">MAC not reported</span>
}
