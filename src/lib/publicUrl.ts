/** Where Beacon's pages are reached from outside: BEACON_PUBLIC_URL, else the origin of the request being answered. */
export function publicBaseUrl(requestUrl: string | undefined): string {
  const configured = process.env.BEACON_PUBLIC_URL?.replace(/\/+$/, '')
  if (configured) return configured
  return new URL(requestUrl ?? 'http://localhost:3000').origin
}
