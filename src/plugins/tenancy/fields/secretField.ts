import type { Field } from 'payload'

import { encryptSecret } from '@/lib/secrets'

/**
 * A write-only credential (router secret, gateway key). Two fields: `name`, a virtual input that
 * is never stored and always reads back empty, and `<name>Encrypted`, hidden from every API and
 * holding AES-GCM ciphertext. Submitting a value replaces the secret; leaving it empty keeps it.
 * Server code that needs the plaintext reads `<name>Encrypted` with `showHiddenFields` and
 * decrypts it with `decryptSecret`.
 */
export function secretField({
  name,
  label,
  description,
  required = false,
}: {
  name: string
  label: string
  description?: string
  /** A value must be given when the document is created (it can never be emptied later). */
  required?: boolean
}): Field[] {
  const storedName = `${name}Encrypted`
  return [
    {
      name,
      label,
      type: 'text',
      virtual: true,
      // Marks a credential for code that must never copy it (the audit log).
      custom: { secret: true },
      admin: {
        // Payload makes virtual fields read-only in the admin panel unless told otherwise, which
        // left the secret impossible to type and no router could be added there.
        readOnly: false,
        components: { Field: '/plugins/tenancy/components/SecretInput#SecretInput' },
        // What the input says, on a new document and (with "leave empty to keep") on a saved one.
        custom: { requiredOnCreate: required, writeOnly: description ?? 'Write-only: stored encrypted and never shown again.' },
      },
      validate: (value: unknown, { operation }: { operation?: string }) =>
        required && operation === 'create' && (typeof value !== 'string' || value.length === 0) ? `${label} is required.` : true,
      hooks: {
        afterRead: [() => undefined],
      },
    },
    {
      name: storedName,
      type: 'text',
      hidden: true,
      custom: { secret: true },
      // Only the hook below writes the ciphertext; a value sent for this field is dropped.
      access: { create: () => false, update: () => false },
      hooks: {
        beforeChange: [
          ({ siblingData, previousValue }) => {
            const submitted = siblingData[name]
            delete siblingData[name]
            if (typeof submitted === 'string' && submitted.length > 0) return encryptSecret(submitted)
            return previousValue
          },
        ],
      },
    },
  ]
}
