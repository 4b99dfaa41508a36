'use client'

import React from 'react'
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import { formatBytes } from '@/lib/format'
import { countOf } from '@/lib/words'

type Point = { label: string; bytes: number; devices: number }

// Whole bytes only on axes (allowDecimals false): below 1 KB formatBytes rounds, so 0.5 B ticks would read as repeats.
const axisBytes = (value: number) => formatBytes(value)

/** Why a chart has nothing to draw, in words; null when it has. */
export function emptyReason(points: Point[], key: 'bytes' | 'devices'): string | null {
  if (points.some((point) => point[key] > 0)) return null
  return points.some((point) => point.devices > 0) ? 'No data used in this period.' : 'No sessions in this period.'
}

/** A chart, or in its place why there is nothing to draw (an axis of 0 B to 4 B over nothing says nothing). */
function Chart({ title, summary, empty, children }: { title: string; summary: string; empty: string | null; children: React.ReactElement }) {
  return (
    <figure className="card" style={{ margin: 0 }} aria-label={title}>
      <figcaption>
        <strong>{title}</strong>
        <div className="muted">{summary}</div>
      </figcaption>
      {empty ? (
        <p className="empty" data-empty-chart style={{ marginBottom: 0 }}>
          {empty}
        </p>
      ) : (
        <div style={{ width: '100%', height: 240 }}>
          <ResponsiveContainer>{children}</ResponsiveContainer>
        </div>
      )}
    </figure>
  )
}

/** The usage page's charts; each also says its figure in words for screen readers and print. */
export function UsageCharts({ hourly, daily, top }: { hourly: Point[]; daily: Point[]; top: { name: string; bytes: number }[] }) {
  const brand = 'var(--brand)'
  const total = (points: Point[]) => formatBytes(points.reduce((sum, point) => sum + point.bytes, 0))
  const peak = Math.max(0, ...hourly.map((point) => point.devices))
  return (
    <div className="cards" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))' }}>
      <Chart title="Data per hour, last 24 hours" summary={`${total(hourly)} in all`} empty={emptyReason(hourly, 'bytes')}>
        <BarChart data={hourly}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval={3} fontSize={12} />
          <YAxis tickFormatter={axisBytes} allowDecimals={false} width={70} fontSize={12} />
          <Tooltip formatter={(value) => formatBytes(Number(value))} />
          <Bar dataKey="bytes" name="Data" fill={brand} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart
        title="Devices online per hour, last 24 hours"
        summary={peak > 0 ? `at most ${countOf(peak, 'device')} in an hour` : 'none'}
        empty={emptyReason(hourly, 'devices')}
      >
        <LineChart data={hourly}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval={3} fontSize={12} />
          <YAxis allowDecimals={false} width={40} fontSize={12} />
          <Tooltip />
          <Line dataKey="devices" name="Devices" stroke={brand} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </Chart>
      <Chart title="Data per day, last 30 days" summary={`${total(daily)} in all`} empty={emptyReason(daily, 'bytes')}>
        <BarChart data={daily}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval={6} fontSize={12} />
          <YAxis tickFormatter={axisBytes} allowDecimals={false} width={70} fontSize={12} />
          <Tooltip formatter={(value) => formatBytes(Number(value))} />
          <Bar dataKey="bytes" name="Data" fill={brand} isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart
        title="Top customers by data, last 30 days"
        summary={top.length ? `${top[0].name}: ${formatBytes(top[0].bytes)}` : 'nobody yet'}
        empty={top.some((row) => row.bytes > 0) ? null : 'No data used in this period.'}
      >
        <BarChart data={top} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={axisBytes} allowDecimals={false} fontSize={12} />
          <YAxis type="category" dataKey="name" width={110} fontSize={12} />
          <Tooltip formatter={(value) => formatBytes(Number(value))} />
          <Bar dataKey="bytes" name="Data" fill={brand} isAnimationActive={false} />
        </BarChart>
      </Chart>
    </div>
  )
}
