import { APIError, type Payload } from 'payload'

import { escapeHtml } from '@/lib/html'
import { countOf } from '@/lib/words'

import { findCustomerByLogin, PASSWORD_MIN_LENGTH } from './customers'

/** How long a reset link works: Payload's default for its forgot-password tokens. */
export const RESET_LINK_HOURS = 1

/**
 * "Forgot password" on the portal, through Payload's own forgot-password token: a customer of
 * the organization whose account has an email address that can receive mail gets a link to the
 * branch's reset page. Nobody learns from the answer whether such an account exists (the caller
 * answers the same either way, without waiting for this). Accounts with only a phone number wait
 * for SMS.
 */
export async function sendPasswordResetLink(
  payload: Payload,
  { organization, organizationName, email, resetPage }: { organization: string; organizationName: string; email: string; resetPage: (token: string) => string },
): Promise<'sent' | 'no-account'> {
  const customer = await findCustomerByLogin(payload, organization, email.trim().toLowerCase())
  if (!customer || customer.email.endsWith('.invalid')) return 'no-account'
  const token = await payload.forgotPassword({ collection: 'users', data: { email: customer.email }, disableEmail: true, expiration: RESET_LINK_HOURS * 3600_000 })
  if (!token) return 'no-account'
  const link = resetPage(token)
  await payload.sendEmail({
    to: customer.email,
    subject: `Reset your password for ${organizationName}`,
    text: [
      `Someone asked to reset the password of your account at ${organizationName} (${customer.email}).`,
      `Choose a new password within ${countOf(RESET_LINK_HOURS, 'hour')}: ${link}`,
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n\n'),
    html: `<p>Someone asked to reset the password of your account at ${escapeHtml(organizationName)} (${escapeHtml(customer.email)}).</p>
<p><a href="${escapeHtml(link)}">Choose a new password</a> within ${countOf(RESET_LINK_HOURS, 'hour')}.</p>
<p>If it was not you, ignore this email: your password stays as it is.</p>`,
  })
  return 'sent'
}

export type PasswordReset = 'changed' | 'reset-password' | 'reset-expired' | 'account-suspended'

/** A new password for the account a reset link names (problem codes otherwise, see messages.ts). */
export async function resetCustomerPassword(payload: Payload, { token, password }: { token: string; password: string }): Promise<PasswordReset> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > 200) return 'reset-password'
  if (!/^[0-9a-f]{20,100}$/i.test(token)) return 'reset-expired'
  try {
    await payload.resetPassword({ collection: 'users', data: { token, password }, overrideAccess: true })
    return 'changed'
  } catch (error) {
    // Payload: "Token is either invalid or has expired." (403); a suspended account's refusal (403) is the other.
    if (error instanceof APIError && error.status === 403) return /token/i.test(error.message) ? 'reset-expired' : 'account-suspended'
    throw error
  }
}
