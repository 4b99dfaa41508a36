import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where the app under test writes the emails it cannot send (no SMTP in tests: the console
 * outbox, BEACON_EMAIL_OUTBOX), for tests to read what a customer would receive.
 */
export const EMAIL_OUTBOX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.data/e2e-outbox')

export type OutboxEmail = { to: string; subject: string; text: string; html?: string }

/** The newest email to `to` written since `since` (ms), if any. */
export async function latestEmailTo(to: string, since: number): Promise<OutboxEmail | null> {
  const names = await readdir(EMAIL_OUTBOX).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw error
  })
  for (const name of names.sort().reverse()) {
    const file = path.join(EMAIL_OUTBOX, name)
    const email = JSON.parse(await readFile(file, 'utf8')) as OutboxEmail
    const written = Date.parse(name.slice(0, 24).replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/, 'T$1:$2:$3.$4Z'))
    if (written < since) return null
    if (email.to === to) return email
  }
  return null
}
