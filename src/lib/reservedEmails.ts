/**
 * Addresses Beacon gives its own accounts, which nobody signs in to (an organization's Voucher
 * guests and Unregistered devices, written by the database functions of the radius_hot_paths
 * migration). `.invalid` can never be delivered to (RFC 2606); nobody may take or change one.
 */
export const RESERVED_EMAIL_SUFFIX = '.beacon.invalid'

export function isReservedEmail(email: unknown): boolean {
  return typeof email === 'string' && email.trim().toLowerCase().endsWith(RESERVED_EMAIL_SUFFIX)
}
