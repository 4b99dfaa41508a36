'use client'

import { FieldDescription, FieldError, FieldLabel, useDocumentInfo, useField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'
import React from 'react'

/** Empty is a valid answer (it keeps the stored secret); the server says when one is required. */
const keepWhenEmpty = () => true as const

/**
 * The admin panel's input for a write-only credential (`secretField`): masked, never filled in
 * by the browser with the person's own saved sign-in (`new-password`), and empty on every load
 * because the server never sends the stored value back. A new document asks for it (with the
 * required mark when the field needs one); a saved one says that empty keeps what is stored.
 */
export const SecretInput: TextFieldClientComponent = ({ field, path: pathFromProps }) => {
  const { id } = useDocumentInfo()
  const { path, value, setValue, showError, disabled } = useField<string>({ potentiallyStalePath: pathFromProps, validate: keepWhenEmpty })
  const custom = (field.admin?.custom ?? {}) as { requiredOnCreate?: boolean; writeOnly?: string }
  const creating = id === undefined || id === null
  const description = creating
    ? custom.writeOnly
    : `${custom.writeOnly ?? ''} Leave empty to keep the stored value; type a new one to replace it.`.trim()
  return (
    <div className={['field-type', 'password', showError && 'error'].filter(Boolean).join(' ')}>
      <FieldLabel label={field.label} path={path} required={creating && custom.requiredOnCreate} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <input
          id={`field-${path.replace(/\./g, '__')}`}
          name={path}
          type="password"
          autoComplete="new-password"
          disabled={disabled}
          value={value ?? ''}
          onChange={(event) => setValue(event.target.value)}
        />
        <FieldDescription description={description} path={path} />
      </div>
    </div>
  )
}
