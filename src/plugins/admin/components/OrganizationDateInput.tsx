'use client'

import { DatePicker, FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import type { DateFieldClient } from 'payload'
import React from 'react'

import { type DateStyle, instantOfWallClock, TIME_FORMAT, wallClockDate } from '@/lib/dates'

/**
 * A date field of the admin panel, picked and shown in the document's zone and its
 * organization's date format (the browser's zone and locale play no part), and saying which zone.
 * Days without a time keep Payload's own convention (noon UTC of the day).
 */
export function OrganizationDateInput({ field, path, readOnly, dates, zone }: { field: DateFieldClient; path: string; readOnly?: boolean; dates: DateStyle; zone: string }) {
  const { value, setValue, showError, disabled } = useField<string | null>({ path })
  const options = (field.admin?.date ?? {}) as React.ComponentProps<typeof DatePicker>
  const appearance = options.pickerAppearance ?? 'default'
  const withTime = appearance === 'dayAndTime'
  const shown = value && withTime ? wallClockDate(new Date(value), dates.timeZone).toISOString() : (value ?? undefined)
  const onChange = (picked: Date | null) => {
    if (readOnly || disabled) return
    if (!picked) return setValue(null)
    setValue(withTime ? instantOfWallClock(picked, dates.timeZone).toISOString() : picked.toISOString())
  }
  return (
    <div className={['field-type', 'date-time-field', showError ? 'date-time-field--has-error' : '', readOnly || disabled ? 'read-only' : ''].filter(Boolean).join(' ')}>
      <FieldLabel label={field.label} path={path} required={field.required} />
      <div className="field-type__wrap" id={`field-${path.replace(/\./g, '__')}`} data-zone={dates.timeZone}>
        <FieldError path={path} showError={showError} />
        <DatePicker
          {...options}
          pickerAppearance={appearance}
          displayFormat={withTime ? `${dates.dateFormat} ${TIME_FORMAT}` : dates.dateFormat}
          timeFormat={TIME_FORMAT}
          value={shown}
          onChange={onChange}
          readOnly={readOnly || disabled}
        />
        {withTime && <div className="field-description">Time in {zone}</div>}
      </div>
      <FieldDescription description={field.admin?.description} path={path} />
    </div>
  )
}
