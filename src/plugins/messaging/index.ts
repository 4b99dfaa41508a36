import type { Plugin } from 'payload'

import { consoleOutbox } from './consoleOutbox'

export { EMAIL_FROM } from './consoleOutbox'

/**
 * Messages to people. Email goes through Payload's email adapter: the console outbox until an
 * SMTP adapter is configured (an adapter set before this plugin is kept). SMS comes later.
 */
export const messagingPlugin =
  (): Plugin =>
  (config) => ({ ...config, email: config.email ?? consoleOutbox() })
