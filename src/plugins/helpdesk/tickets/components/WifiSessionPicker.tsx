'use client'

import { FieldDescription, FieldError, FieldLabel, useField, useFormFields } from '@payloadcms/ui'
import type { TextFieldClient } from 'payload'
import React, { useEffect, useState } from 'react'

import { type DateStyle, formatDateTime } from '@/lib/dates'

type Choice = { id: string; label: string }
type SessionDoc = {
  id: string
  deviceMac: string
  startedAt: string
  status: string
  plan?: { name?: string } | string | null
  user?: { name?: string } | string | null
}

const idOf = (value: unknown) => (typeof value === 'string' ? value : value && typeof value === 'object' && 'id' in value ? String(value.id) : '')

/**
 * Choose the WiFi session a ticket is about from the requester's recent sessions (or, without a
 * requester, the branch's), live and archived, read as the person over the REST API: the device,
 * when it started, its plan and customer, in words. The ticket stores the session's id.
 */
export function WifiSessionPicker({ field, path, readOnly, dates, zone }: { field: TextFieldClient; path: string; readOnly?: boolean; dates: DateStyle; zone: string }) {
  const { value, setValue, showError, disabled } = useField<string | null>({ path })
  const requester = idOf(useFormFields(([fields]) => fields.requester?.value))
  const branch = idOf(useFormFields(([fields]) => fields.location?.value))
  const [choices, setChoices] = useState<Choice[] | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    const describe = (session: SessionDoc, archived: boolean): Choice => {
      const plan = typeof session.plan === 'object' && session.plan ? session.plan.name : null
      const customer = typeof session.user === 'object' && session.user ? session.user.name : null
      const parts = [session.deviceMac, `started ${formatDateTime(session.startedAt, dates)}`, plan, customer, archived ? 'archived' : session.status === 'active' ? 'online' : null]
      return { id: String(session.id), label: parts.filter(Boolean).join(' · ') }
    }
    const query = new URLSearchParams({ sort: '-startedAt', limit: '25', depth: '1' })
    if (requester) query.set('where[user][equals]', requester)
    else if (branch) query.set('where[location][equals]', branch)
    const list = async (collection: string, archived: boolean, search: URLSearchParams) => {
      const response = await fetch(`/api/${collection}?${search}`, { credentials: 'include', signal: controller.signal })
      if (!response.ok) return []
      return ((await response.json()).docs as SessionDoc[]).map((session) => describe(session, archived))
    }
    void (async () => {
      const found = [...(await list('sessions', false, query)), ...(await list('archived-sessions', true, query))]
      // The session already chosen, wherever it is now, stays a choice.
      if (value && !found.some((choice) => choice.id === value)) {
        const byId = new URLSearchParams({ 'where[id][equals]': value, depth: '1', limit: '1' })
        found.unshift(...(await list('sessions', false, byId)), ...(await list('archived-sessions', true, byId)))
      }
      setChoices(found)
    })().catch((error: unknown) => {
      if ((error as Error).name !== 'AbortError') setChoices([])
    })
    return () => controller.abort()
    // The list follows the requester and branch; the chosen value is looked up once per list.
  }, [requester, branch, dates])

  const id = `field-${path.replace(/\./g, '__')}`
  return (
    <div className="field-type select">
      <FieldLabel label={field.label} path={path} htmlFor={id} />
      <FieldError path={path} showError={showError} />
      <select
        id={id}
        value={value ?? ''}
        disabled={readOnly || disabled || choices === null}
        onChange={(event) => setValue(event.target.value || null)}
        style={{ width: '100%', padding: '0.6rem', font: 'inherit', background: 'var(--theme-input-bg)', color: 'var(--theme-elevation-800)', border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-s)' }}
      >
        <option value="">{choices === null ? 'Loading sessions…' : 'None'}</option>
        {(choices ?? []).map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
        {value && choices !== null && !choices.some((choice) => choice.id === value) && <option value={value}>A session you cannot see</option>}
      </select>
      <FieldDescription description={`${typeof field.admin?.description === 'string' ? field.admin.description : ''} Times in ${zone}.`} path={path} />
    </div>
  )
}
