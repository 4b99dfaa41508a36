/** Where Beacon's pages are reached from outside: BEACON_PUBLIC_URL, else the origin of the request being answered. */
export function publicBaseUrl(requestUrl: string | undefined): string {
  const configured = process.env.BEACON_PUBLIC_URL?.replace(/\/+$/, '')
  if (configured) return configured
  return new URL(requestUrl ?? 'http://localhost:3000').origin
}

/**
 * Where links that carry a secret point (password-reset links): BEACON_PUBLIC_URL, else this
 * machine as `npm start` serves it. Never the request's own address, which whoever asks chooses
 * with its Host header: a reset link to their site would hand them the victim's token.
 */
export function trustedBaseUrl(): string {
  return process.env.BEACON_PUBLIC_URL?.replace(/\/+$/, '') || `http://localhost:${process.env.PORT || 3000}`
}

/** Whether cookies are `Secure`: when Beacon's public address (BEACON_PUBLIC_URL) is on https. */
export function secureCookies(): boolean {
  return process.env.BEACON_PUBLIC_URL?.startsWith('https://') ?? false
}
