import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleFor, rowsOf } from '@/db/sql'
import { RESERVED_EMAIL_SUFFIX } from '@/lib/reservedEmails'

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

/** The address of an organization's account of this kind, as `beacon_organization_account` writes it. */
export const organizationAccountEmail = (organization: string, kind: OrganizationAccountKind) => `${kind}@${organization}${RESERVED_EMAIL_SUFFIX}`

/**
 * The id of the organization's account of this kind if it was made yet, read as the system: it is
 * nobody's own record, and pages name what it owns (a device nobody registered) for every reader.
 */
export async function findOrganizationAccount(
  payload: Payload,
  req: PayloadRequest,
  { organization, kind }: { organization: string; kind: OrganizationAccountKind },
): Promise<string | null> {
  const { docs } = await payload.find({
    collection: 'users',
    where: { email: { equals: organizationAccountEmail(organization, kind) } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
    select: { email: true },
  })
  return docs[0] ? String(docs[0].id) : null
}
