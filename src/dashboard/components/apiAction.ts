/**
 * Sends a JSON request to Beacon's API as the signed-in person and gives back its answer, or
 * throws an Error whose message is the API's own words (the rules' messages reach the person).
 */
export async function apiAction<T = unknown>(path: string, body?: unknown, { method = 'POST', fallback }: { method?: string; fallback?: string } = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'include',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new Error('Beacon did not answer. Check the connection and try again.')
  }
  const answer = await response.json().catch(() => null)
  if (!response.ok) throw new Error(answer?.errors?.[0]?.message ?? fallback ?? `That did not work (${response.status}).`)
  return answer as T
}
