import { countOf } from '@/lib/words'

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

/** The refusal of one device too many on a customer's account (its username, phone or registered MAC). */
export const accountDevicesMessage = (devicesAllowed: number) =>
  `Your account is already in use on ${countOf(devicesAllowed, 'device')}, the most your plan allows. Sign out on another device first.`

/**
 * A device over the plan's devices at once, told about what the customer signed in with: their
 * account, with how many devices its plan allows, or a voucher (VOUCHER_REJECTION_MESSAGES).
 */
export function rejectTooManyDevices(signedInWith: 'account' | 'voucher', devicesAllowed: number): Rejected {
  if (signedInWith === 'voucher') return rejectLogin('too-many-devices')
  return { outcome: 'reject', reason: 'too-many-devices', message: accountDevicesMessage(devicesAllowed) }
}

/** Whether `text` is a Reply-Message Beacon sends: a fixed one, or the account's devices refusal for some number. */
export function isBeaconRejectionMessage(text: string): boolean {
  if (Object.values(LOGIN_REJECTION_MESSAGES).includes(text)) return true
  const devices = /^Your account is already in use on (\d{1,5}) devices?,/.exec(text)
  return devices !== null && text === accountDevicesMessage(Number(devices[1]))
}
