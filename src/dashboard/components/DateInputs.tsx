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

/** A day, submitted under `name` as the organization writes it ("23/11/2026"). */
export function DayInput({ name, label, dateFormat, defaultValue, required }: { name: string; label: string; dateFormat: DateFormat; defaultValue?: string; required?: boolean }) {
  const id = useId()
  const [selected, setSelected] = useState<Date | null>(() => {
    const day = parseDay(defaultValue, dateFormat)
    return day ? new Date(day.year, day.month - 1, day.day) : null
  })
  return (
    <span className="date-input">
      <label htmlFor={id}>{label}</label>{' '}
      <DatePicker
        id={id}
        name={name}
        selected={selected}
        onChange={(value: Date | null) => setSelected(value)}
        dateFormat={dateFormat}
        placeholderText={dateHint(dateFormat)}
        required={required}
        autoComplete="off"
        calendarStartDay={1}
      />
    </span>
  )
}

/** A date and time, submitted under `name` as "23/11/2026 10:00" (wall-clock time of the zone the form states). */
export function DateTimeInput({ name, label, dateFormat, required }: { name: string; label: string; dateFormat: DateFormat; required?: boolean }) {
  const id = useId()
  const [selected, setSelected] = useState<Date | null>(null)
  return (
    <span className="date-input">
      <label htmlFor={id}>{label}</label>{' '}
      <DatePicker
        id={id}
        name={name}
        selected={selected}
        onChange={(value: Date | null) => setSelected(value)}
        showTimeSelect
        timeFormat={TIME_FORMAT}
        timeIntervals={5}
        dateFormat={`${dateFormat} ${TIME_FORMAT}`}
        placeholderText={`${dateHint(dateFormat)} hh:mm`}
        required={required}
        autoComplete="off"
        calendarStartDay={1}
      />
    </span>
  )
}
