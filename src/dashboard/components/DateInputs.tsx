'use client'

import 'react-datepicker/dist/react-datepicker.css'

import React, { useId, useState } from 'react'
import DatePicker from 'react-datepicker'

import { type DateFormat, dateHint, parseDay, TIME_FORMAT } from '@/lib/dates'

/**
 * Date pickers in the organization's date format, typed or picked from a calendar (the same
 * picker library as the admin panel's). They show and submit text in that format (and 24-hour
 * times); the page or form reads it with `parseDay` / `parseDateTime` in the branch's zone, so
 * what a person enters never passes through the browser's own zone or locale. The label stands
 * beside the picker, not around it: its calendar pops up inside the picker's element.
 */

type PickerProps = { name: string; label: string; dateFormat: DateFormat; required?: boolean; initial: Date | null; withTime: boolean }

/** The label and the picker, which shows and submits its value as text in `dateFormat` (and the time). */
function LabelledPicker({ name, label, dateFormat, required, initial, withTime }: PickerProps) {
  const id = useId()
  const [selected, setSelected] = useState<Date | null>(initial)
  const time = withTime ? { showTimeSelect: true, timeFormat: TIME_FORMAT, timeIntervals: 5 } : {}
  return (
    <span className="date-input">
      <label htmlFor={id}>{label}</label>{' '}
      <DatePicker
        id={id}
        name={name}
        selected={selected}
        onChange={(value: Date | null) => setSelected(value)}
        {...time}
        dateFormat={withTime ? `${dateFormat} ${TIME_FORMAT}` : dateFormat}
        placeholderText={withTime ? `${dateHint(dateFormat)} hh:mm` : dateHint(dateFormat)}
        required={required}
        autoComplete="off"
        calendarStartDay={1}
      />
    </span>
  )
}

/** A day, submitted under `name` as the organization writes it ("23/11/2026"). */
export function DayInput({ defaultValue, ...props }: { name: string; label: string; dateFormat: DateFormat; defaultValue?: string; required?: boolean }) {
  const day = parseDay(defaultValue, props.dateFormat)
  return <LabelledPicker {...props} initial={day ? new Date(day.year, day.month - 1, day.day) : null} withTime={false} />
}

/** A date and time, submitted under `name` as "23/11/2026 10:00" (wall-clock time of the zone the form states). */
export function DateTimeInput(props: { name: string; label: string; dateFormat: DateFormat; required?: boolean }) {
  return <LabelledPicker {...props} initial={null} withTime />
}
