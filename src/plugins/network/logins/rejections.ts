import { VOUCHER_REJECTION_MESSAGES, type VoucherRejection } from '../vouchers/redeemVoucher'

export type LoginRejection =
  | VoucherRejection
  | 'wrong-credentials'
  | 'account-locked'
  | 'unknown-device'
  | 'no-plan'
  | 'portal-credentials-invalid'
  | 'chap-needs-portal'

/**
 * Why a device may not get online, in the words the customer reads on the router's login page
 * (Reply-Message). They say what to do, never which part of a code or password was wrong.
 */
export const LOGIN_REJECTION_MESSAGES: Record<LoginRejection, string> = {
  ...VOUCHER_REJECTION_MESSAGES,
  'wrong-credentials': 'The username or password is not correct.',
  'account-locked': 'Too many failed sign-ins. Please try again in 15 minutes.',
  'unknown-device': 'This device is not registered. Please sign in on the login page.',
  'no-plan': 'This account has no active plan. Buy a voucher or a plan to get online.',
  'portal-credentials-invalid': 'This sign-in has expired. Please sign in again on the login page.',
  'chap-needs-portal': 'Please sign in with your account on the login page.',
}

export type Rejected = { outcome: 'reject'; reason: LoginRejection; message: string }

export const rejectLogin = (reason: LoginRejection): Rejected => ({ outcome: 'reject', reason, message: LOGIN_REJECTION_MESSAGES[reason] })
