import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import type { EmailAdapter, SendEmailOptions } from 'payload'

/** Who Beacon's emails are from until an organization's own sender is configured. */
export const EMAIL_FROM = { name: 'Beacon', address: 'no-reply@beacon.invalid' }

const addresses = (value: SendEmailOptions['to']): string =>
  (Array.isArray(value) ? value : [value])
    .filter(Boolean)
    .map((item) => (typeof item === 'string' ? item : item!.address))
    .join(', ')

/**
 * Email until SMTP is configured: each message is written to the log whole (an operator can pass
 * a password-reset link on), and also as a JSON file in `BEACON_EMAIL_OUTBOX` when it is set,
 * where the browser tests read what a customer would have received.
 */
export const consoleOutbox =
  (): EmailAdapter =>
  ({ payload }) => ({
    name: 'console-outbox',
    defaultFromAddress: EMAIL_FROM.address,
    defaultFromName: EMAIL_FROM.name,
    sendEmail: async (message) => {
      const to = addresses(message.to)
      payload.logger.info({ to, subject: message.subject, text: message.text }, 'Email not sent (no SMTP server is configured); it reads:')
      const folder = process.env.BEACON_EMAIL_OUTBOX
      if (folder) {
        await mkdir(folder, { recursive: true })
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.json`
        await writeFile(path.join(folder, name), JSON.stringify({ to, subject: message.subject, text: message.text, html: message.html }, null, 2))
      }
    },
  })
