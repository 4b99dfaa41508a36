import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'

/**
 * An organization's own customer accounts that nobody signs in to (no password), owning the
 * sessions no customer of the organization does: vouchers bought over the counter, and devices
 * nobody registered that a router reports anyway.
 */
export const ORGANIZATION_ACCOUNTS = {
  'voucher-guests': 'Voucher guests',
  'unregistered-devices': 'Unregistered devices',
} as const

export type OrganizationAccountKind = keyof typeof ORGANIZATION_ACCOUNTS

/**
 * The organization's account of this kind, made on first need in the request's transaction by
 * the database function `beacon_organization_account` (which voucher logins call too), so two
 * first logins racing for it get the same one.
 */
export async function organizationAccount(
  payload: Payload,
  req: PayloadRequest,
  { organization, kind }: { organization: string; kind: OrganizationAccountKind },
): Promise<string> {
  const db = await drizzleFor(payload, req)
  const [account] = rowsOf<{ id: string }>(
    await db.execute(sql`select beacon_organization_account(${organization}, ${kind}, ${ORGANIZATION_ACCOUNTS[kind]}) as id`),
  )
  return account.id
}
