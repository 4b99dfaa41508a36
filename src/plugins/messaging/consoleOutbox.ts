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

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' }

/**
 * An HTML email as readable text for the log (Payload's own emails, such as the staff
 * password reset, come as HTML only): links keep their address, paragraphs their breaks.
 */
export function textOfHtml(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, label: string) => (label.includes(href) ? label : `${label} (${href})`))
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name])
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

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
      const text = message.text ?? (typeof message.html === 'string' ? textOfHtml(message.html) : undefined)
      payload.logger.info({ to, subject: message.subject, text }, 'Email not sent (no SMTP server is configured); it reads:')
      const folder = process.env.BEACON_EMAIL_OUTBOX
      if (folder) {
        await mkdir(folder, { recursive: true })
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.json`
        await writeFile(path.join(folder, name), JSON.stringify({ to, subject: message.subject, text, html: message.html }, null, 2))
      }
    },
  })
