import { isBeaconRejectionMessage, LOGIN_REJECTION_MESSAGES, type LoginRejection } from '@/plugins/network/logins/rejections'

import { NO_ROUTER_MESSAGE, PLAN_DEVICES_MESSAGE } from './connect'
import { tooManyAttemptsMessage } from './limits'

/**
 * What went wrong, by the code a form's redirect carries (`?problem=…`): pages show only these
 * words, never text from the address, so nobody can make a portal page say something else.
 */
const PROBLEMS: Record<string, string> = {
  ...LOGIN_REJECTION_MESSAGES,
  'no-router': NO_ROUTER_MESSAGE,
  'plan-devices': PLAN_DEVICES_MESSAGE,
  'session-ended': 'This sign-in could not be completed. Please try again.',
  'expired-form': 'This page was open for too long. Please try again.',
  'no-hotspot': 'To get online, connect to the WiFi network and open any web page: its login page brings you here.',
  'wrong-sign-in': 'The email, phone number or password is not correct. After 5 wrong tries an account waits 15 minutes.',
  'sign-in-first': 'Please sign in to see this page.',
  'signup-name': 'Please enter your name (2 to 100 characters).',
  'signup-contact': 'Enter an email address or a phone number with its country code, such as +254 700 000 000.',
  'signup-password': 'Choose a password of at least 8 characters.',
  'signup-taken':
    'This email address or phone number cannot be used for a new account. If you have an account here, sign in; otherwise use another.',
  'ticket-title': 'Please say in a few words what the problem is (up to 200 characters).',
  'reply-empty': 'Please write your reply (up to 5,000 characters).',
  'ticket-closed': 'This ticket is closed; open a new ticket if you still need help.',
  'too-many-signups': 'Too many accounts were created from this network. Please try again later.',
  'reset-email': 'Enter the email address of your account.',
  'reset-password': 'Choose a password of at least 8 characters.',
  'reset-expired': 'This link to choose a new password has expired or was already used. Ask for a new one.',
  'too-many-resets': 'Too many password resets were asked for from this network. Please try again later.',
}

/** The customer's words for a problem code and its wait (minutes), or null for an unknown code. */
export function problemMessage(code: string | undefined, wait?: string): string | null {
  if (!code) return null
  if (code === 'too-many') {
    const minutes = Number(wait)
    return tooManyAttemptsMessage(Number.isInteger(minutes) && minutes > 0 && minutes <= 60 ? minutes : 15)
  }
  return Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code] : null
}

export const isLoginRejection = (reason: string): reason is LoginRejection => Object.hasOwn(LOGIN_REJECTION_MESSAGES, reason)

/**
 * What the router said (`$(error)` in the query string) in words the portal stands behind.
 * Anyone can put text in a link, so only Beacon's own Reply-Messages (which RouterOS shows as
 * its error) are repeated; RouterOS's own errors are told in general terms.
 */
export function routerErrorMessage(error: string | null): string | null {
  if (!error) return null
  const text = error.trim()
  if (isBeaconRejectionMessage(text)) return text
  if (/radius server is not responding/i.test(text))
    return 'The WiFi network cannot reach its sign-in service right now. Please try again in a minute.'
  if (/already logged in|no more sessions/i.test(text)) return 'This account or voucher is already in use on as many devices as it allows.'
  return 'The WiFi network could not sign this device in. Please try again.'
}
