import type { Payload } from 'payload'

import { canonicalMac } from '@/lib/mac'
import { authorizeCustomer, findCustomerByMac, type LoginDecision } from '@/plugins/network/logins/customers'
import { verifyCustomerPassword } from '@/plugins/network/logins/passwords'
import { rejectLogin } from '@/plugins/network/logins/rejections'
import { isPortalUsername, redeemPortalCredentials } from '@/plugins/network/portalCredentials/credentials'
import { UNKNOWN_DEVICE_MAC } from '@/plugins/network/sessions/devices'
import { normalizeVoucherCode } from '@/plugins/network/vouchers/codes'
import { type VoucherLogin, type VoucherLoginInput, voucherLogins } from '@/plugins/network/vouchers/redeemVoucher'

import { firstValue, textValue } from './protocol/attributeValues'
import { safeEqual } from './protocol/authenticator'
import { verifyChap } from './protocol/chap'
import type { AttributeValue, RadiusHeader } from './protocol/packet'
import { revealPassword } from './protocol/pap'
import type { KnownRouter } from './routers'

/** What Class carries so accounting finds the session Beacon accepted (RFC 2865 §5.25). */
export const CLASS_PREFIX = 'beacon:'

/** The device of a request without Calling-Station-Id: one definition, which the dashboard reads too. */
export { UNKNOWN_DEVICE_MAC }

export type LoginMethod = 'voucher' | 'account' | 'mac' | 'portal' | 'none'

export type AccessAnswer = {
  code: 'Access-Accept' | 'Access-Reject'
  attributes: [string, AttributeValue][]
  method: LoginMethod
  /** Why it was rejected (a LoginRejection), for logs and metrics. */
  reason?: string
  session?: string
}

type Credentials = {
  userName: string | null
  /** Calling-Station-Id as a canonical MAC, null when absent or not a MAC. */
  deviceMac: string | null
  /** The revealed PAP password, or null for CHAP and MAC requests. */
  pap: Buffer | null
  chap: { password: Buffer; challenge: Buffer } | null
}

/** Throws RangeError for a User-Password whose length cannot be a hidden password (RFC 2865 §5.2). */
function credentialsOf(attributes: Record<string, unknown>, header: RadiusHeader, secret: Buffer): Credentials {
  const hidden = firstValue(attributes['User-Password'])
  const chapPassword = firstValue(attributes['CHAP-Password'])
  const chapChallenge = firstValue(attributes['CHAP-Challenge'])
  const callingStation = textValue(attributes['Calling-Station-Id'])
  return {
    userName: textValue(attributes['User-Name']),
    deviceMac: callingStation ? canonicalMac(callingStation) : null,
    pap: Buffer.isBuffer(hidden) ? revealPassword(hidden, secret, header.authenticator) : null,
    chap: Buffer.isBuffer(chapPassword)
      ? { password: chapPassword, challenge: Buffer.isBuffer(chapChallenge) ? chapChallenge : header.authenticator }
      : null,
  }
}

/** Whether the password in the request (PAP or CHAP) is `candidate`; constant-time either way. */
function passwordIs(credentials: Credentials, candidate: string): boolean {
  if (credentials.pap) return safeEqual(credentials.pap, Buffer.from(candidate, 'utf8'))
  if (credentials.chap) return verifyChap({ chapPassword: credentials.chap.password, challenge: credentials.chap.challenge, password: candidate })
  return false
}

/** MikroTik MAC authentication: User-Name is the device's MAC (the same as Calling-Station-Id when that is sent). */
function macLogin({ userName, deviceMac }: Credentials): string | null {
  if (!userName) return null
  const mac = canonicalMac(userName)
  if (!mac) return null
  // A bare 12-character name could be a voucher code; only the device's own MAC, or one written
  // with separators, is taken as MAC authentication.
  if (deviceMac) return deviceMac === mac ? mac : null
  return /[:.-]/.test(userName) ? mac : null
}

/** A voucher login: the password is the code again (or empty), as MikroTik's login page sends it. */
function isVoucherAttempt(credentials: Credentials): boolean {
  const { userName, pap } = credentials
  if (!userName) return false
  const code = normalizeVoucherCode(userName)
  if (!/^[A-Z0-9]{4,40}$/.test(code)) return false
  // The code is the secret: a login page may send it as the password too, or leave that empty.
  if (pap) return pap.length === 0 || safeEqual(Buffer.from(normalizeVoucherCode(pap.toString('utf8')), 'utf8'), Buffer.from(code, 'utf8'))
  return passwordIs(credentials, userName) || passwordIs(credentials, code)
}

async function accountLogin(
  payload: Payload,
  router: KnownRouter,
  login: string,
  password: Buffer,
  deviceMac: string,
  now: Date,
): Promise<LoginDecision> {
  const check = await verifyCustomerPassword(payload, { organization: router.organization, login, password: password.toString('utf8') })
  if (check.outcome !== 'ok') return rejectLogin(check.outcome)
  return authorizeCustomer(payload, { router: router.id, customer: check.customer, deviceMac, method: 'account', now })
}

type Decision = LoginDecision | VoucherLogin

/** Decides voucher logins: one at a time, or batched by the service. */
export type VoucherLoginRunner = (login: VoucherLoginInput) => Promise<VoucherLogin>

export const voucherLoginsOneByOne =
  (payload: Payload): VoucherLoginRunner =>
  async (login) => {
    const [decided] = await voucherLogins(payload, [login])
    if (decided instanceof Error) throw decided
    return decided
  }

async function decide(
  payload: Payload,
  router: KnownRouter,
  credentials: Credentials,
  now: Date,
  voucherLogin: VoucherLoginRunner,
): Promise<[LoginMethod, Decision]> {
  const { userName } = credentials
  if (!userName) return ['none', rejectLogin('wrong-credentials')]

  if (isPortalUsername(userName)) {
    if (!credentials.deviceMac) return ['portal', rejectLogin('portal-credentials-invalid')]
    const decision = await redeemPortalCredentials(payload, {
      router: router.id,
      username: userName,
      deviceMac: credentials.deviceMac,
      passwordMatches: (password) => passwordIs(credentials, password),
      now,
    })
    return ['portal', decision]
  }

  const mac = macLogin(credentials)
  if (mac) {
    const customer = await findCustomerByMac(payload, { organization: router.organization, mac })
    if (!customer) return ['mac', rejectLogin('unknown-device')]
    return ['mac', await authorizeCustomer(payload, { router: router.id, customer, deviceMac: mac, method: 'mac', now })]
  }

  const deviceMac = credentials.deviceMac ?? UNKNOWN_DEVICE_MAC
  const pap = credentials.pap
  if (isVoucherAttempt(credentials)) {
    const redemption = await voucherLogin({ router: router.id, code: userName, deviceMac, now })
    // No such voucher, but a customer may have chosen their username as password: only their
    // account can tell; otherwise the customer reads the voucher's answer.
    if (redemption.outcome === 'accept' || redemption.reason !== 'unknown-code' || !pap || pap.toString('utf8') !== userName) {
      return ['voucher', redemption]
    }
    const account = await accountLogin(payload, router, userName, pap, deviceMac, now)
    return account.outcome === 'accept' ? ['account', account] : ['voucher', redemption]
  }
  if (pap) return ['account', await accountLogin(payload, router, userName, pap, deviceMac, now)]
  // Beacon keeps only hashes of account passwords, so CHAP cannot check them; the portal can.
  return [credentials.chap ? 'account' : 'none', rejectLogin(credentials.chap ? 'chap-needs-portal' : 'wrong-credentials')]
}

/**
 * The answer to an Access-Request from a known router whose authenticity is already checked:
 * an Access-Accept with the plan's attributes and what is left of the allowance, or an
 * Access-Reject whose Reply-Message says why.
 */
export async function answerAccessRequest(
  payload: Payload,
  router: KnownRouter,
  request: { header: RadiusHeader; attributes: Record<string, unknown> },
  {
    interimIntervalSeconds,
    now = new Date(),
    voucherLogin = voucherLoginsOneByOne(payload),
  }: { interimIntervalSeconds: number; now?: Date; voucherLogin?: VoucherLoginRunner },
): Promise<AccessAnswer> {
  let credentials: Credentials
  try {
    credentials = credentialsOf(request.attributes, request.header, router.secret)
  } catch {
    // A User-Password of impossible length: nobody's password.
    const rejected = rejectLogin('wrong-credentials')
    return { code: 'Access-Reject', attributes: [['Reply-Message', rejected.message]], method: 'none', reason: rejected.reason }
  }
  const [method, decision] = await decide(payload, router, credentials, now, voucherLogin)
  if (decision.outcome === 'reject') {
    return { code: 'Access-Reject', attributes: [['Reply-Message', decision.message]], method, reason: decision.reason }
  }
  const attributes: [string, AttributeValue][] = [
    ['Mikrotik-Rate-Limit', decision.attributes['Mikrotik-Rate-Limit']],
    ['Session-Timeout', decision.attributes['Session-Timeout']],
    ['Acct-Interim-Interval', interimIntervalSeconds],
  ]
  const totalLimit = decision.attributes['Mikrotik-Total-Limit']
  if (totalLimit !== undefined) {
    attributes.push(['Mikrotik-Total-Limit', totalLimit], ['Mikrotik-Total-Limit-Gigawords', decision.attributes['Mikrotik-Total-Limit-Gigawords'] ?? 0])
  }
  attributes.push(['Class', Buffer.from(`${CLASS_PREFIX}${decision.session.id}`, 'utf8')])
  return { code: 'Access-Accept', attributes, method, session: String(decision.session.id) }
}
