'use client'

import { PasswordField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'
import React from 'react'

/** Empty is a valid answer (it keeps the stored secret); the server says when one is required. */
const keepWhenEmpty = () => true as const

/**
 * The admin panel's input for a write-only credential: masked, never filled in by the browser
 * with the person's own saved sign-in (`new-password`), and empty on every load because the
 * server never sends the stored value back.
 */
export const SecretInput: TextFieldClientComponent = (props) => (
  <PasswordField {...props} autoComplete="new-password" validate={keepWhenEmpty} />
)
