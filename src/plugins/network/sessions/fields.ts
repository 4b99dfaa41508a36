import type { Field } from 'payload'

import { inUnits } from '../../admin'
import { ipAddressField, locationField, macAddressField, organizationColumn, organizationField } from '../../tenancy'

export const SESSION_STATUSES = ['pending', 'active', 'expired', 'terminated'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]
/** A session in these states still holds a device online (or is about to). */
export const OPEN_SESSION_STATUSES: readonly SessionStatus[] = ['pending', 'active']

/** How a session began: the Access-Request Beacon accepted, or accounting Beacon never authorized. */
export const AUTH_METHODS = ['voucher', 'account', 'mac', 'accounting'] as const
export type AuthMethod = (typeof AUTH_METHODS)[number]
const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
  voucher: 'Voucher',
  account: 'Customer account',
  mac: 'MAC address',
  accounting: 'Unknown to Beacon (accounting only)',
}

/** What became of the last Disconnect/CoA Beacon sent the router for a session (RFC 5176). */
export const CONTROL_ACTIONS = ['disconnect', 'coa'] as const
export const CONTROL_OUTCOMES = ['sent', 'acknowledged', 'refused', 'api-fallback', 'failed'] as const
export type ControlOutcome = (typeof CONTROL_OUTCOMES)[number]
export const CONTROL_OUTCOME_LABELS: Record<ControlOutcome, string> = {
  sent: 'Sent, no answer yet',
  acknowledged: 'Acknowledged by the router',
  refused: 'Refused by the router',
  'api-fallback': 'Done through the RouterOS API',
  failed: 'Failed: the router did not answer',
}

/** Acct-Terminate-Cause values (RFC 2866 §5.10, RFC 3580 §3.32) and Beacon's own endings. */
export const TERMINATE_CAUSES = [
  'User-Request',
  'Lost-Carrier',
  'Lost-Service',
  'Idle-Timeout',
  'Session-Timeout',
  'Admin-Reset',
  'Admin-Reboot',
  'Port-Error',
  'NAS-Error',
  'NAS-Request',
  'NAS-Reboot',
  'Port-Unneeded',
  'Port-Preempted',
  'Port-Suspended',
  'Service-Unavailable',
  'Callback',
  'User-Error',
  'Host-Request',
  'Supplicant-Restart',
  'Reauthentication-Failure',
  'Port-Reinit',
  'Port-Administratively-Disabled',
  // Closed by Beacon: no accounting for three interim intervals, the plan's data cap reached, or
  // an accepted login whose router never sent its Accounting-Start (see sessions/online.ts).
  'Stale',
  'Data-Cap',
  'Never-Started',
  'Unknown',
] as const
export type TerminateCause = (typeof TERMINATE_CAUSES)[number]

/** How a session ended, in words for people (admin panel, dashboard, portal). */
export const TERMINATE_CAUSE_LABELS: Record<TerminateCause, string> = {
  'User-Request': 'User request',
  'Lost-Carrier': 'Connection lost',
  'Lost-Service': 'Service lost',
  'Idle-Timeout': 'Idle too long',
  'Session-Timeout': 'Time ran out',
  'Admin-Reset': 'Ended by staff',
  'Admin-Reboot': 'Router restarted by its administrator',
  'Port-Error': 'Port error',
  'NAS-Error': 'Router error',
  'NAS-Request': 'Ended by the router',
  'NAS-Reboot': 'Router restarted',
  'Port-Unneeded': 'Port no longer needed',
  'Port-Preempted': 'Port taken by another session',
  'Port-Suspended': 'Port suspended',
  'Service-Unavailable': 'Service unavailable',
  Callback: 'Callback',
  'User-Error': 'User error',
  'Host-Request': 'Ended by the device',
  'Supplicant-Restart': 'Device restarted its sign-in',
  'Reauthentication-Failure': 'Signing in again failed',
  'Port-Reinit': 'Port restarted',
  'Port-Administratively-Disabled': 'Port turned off by an administrator',
  Stale: 'Router stopped reporting',
  'Data-Cap': 'Data allowance used up',
  'Never-Started': 'Never started: the router did not report it',
  Unknown: 'Unknown',
}

/** An end reason in words; an unknown value as it is. */
export const terminateCauseLabel = (cause: string | null | undefined): string =>
  cause ? (TERMINATE_CAUSE_LABELS[cause as TerminateCause] ?? cause) : ''

/**
 * The fields of a WiFi session (seed 000) with the RADIUS data of seed 001, shared by the live
 * `sessions` collection and `archived-sessions`. People only read them: both collections refuse
 * every write except the system's (RADIUS accounting, force-logout, archiving).
 */
export function sessionFields(): Field[] {
  return [
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      admin: {
        description:
          "The customer using the device (the organization's Voucher guests account for vouchers bought over the counter); for a session Beacon never authorized, the customer who registered its MAC, else the organization's Unregistered devices account.",
      },
    },
    organizationField(),
    locationField({ admin: { position: 'sidebar', description: 'The branch whose router carries the session (for CoA).' } }),
    {
      type: 'row',
      fields: [
        macAddressField({ name: 'deviceMac', label: 'Device MAC', required: true }),
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'pending',
          options: SESSION_STATUSES.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
        },
      ],
    },
    {
      name: 'usage',
      type: 'group',
      admin: { description: 'From RADIUS accounting.' },
      fields: [
        {
          name: 'dataMB',
          label: 'Data used',
          type: 'number',
          required: true,
          defaultValue: 0,
          admin: { ...inUnits.megabytes, readOnly: true, description: 'Upload and download together, in MB; follows from the byte counts.' },
        },
        ipAddressField({ name: 'lastIp', label: 'Last IP', admin: { description: 'Last Framed-IP-Address.' } }),
        {
          type: 'row',
          fields: [
            {
              name: 'inputOctets',
              label: 'Uploaded',
              type: 'number',
              required: true,
              defaultValue: 0,
              min: 0,
              admin: { ...inUnits.bytes, description: 'What the device sent, in bytes (Acct-Input-Octets with Acct-Input-Gigawords).' },
            },
            {
              name: 'outputOctets',
              label: 'Downloaded',
              type: 'number',
              required: true,
              defaultValue: 0,
              min: 0,
              admin: { ...inUnits.bytes, description: 'What the device received, in bytes (Acct-Output-Octets with Acct-Output-Gigawords).' },
            },
          ],
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Duration',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'startedAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
            {
              name: 'expiresAt',
              type: 'date',
              required: true,
              admin: {
                date: { pickerAppearance: 'dayAndTime' },
                description: 'When the allowance runs out; the start itself for a session Beacon never authorized.',
              },
            },
            { name: 'endedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
          ],
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'RADIUS',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'router', type: 'relationship', relationTo: 'routers', index: true },
            {
              name: 'authMethod',
              label: 'Signed in with',
              type: 'select',
              options: AUTH_METHODS.map((value) => ({ label: AUTH_METHOD_LABELS[value], value })),
              admin: { description: 'How the device got online.' },
            },
          ],
        },
        {
          name: 'acctSessionId',
          label: 'Acct-Session-Id',
          type: 'text',
          admin: { description: 'As the router sent it; CoA and Disconnect must repeat it exactly.' },
        },
        {
          name: 'userName',
          label: 'User-Name',
          type: 'text',
          admin: { description: 'As the router knows the login (voucher code, MAC, username); sent back in Disconnect and CoA.' },
        },
        { name: 'plan', type: 'relationship', relationTo: 'plans' },
        { name: 'voucher', type: 'relationship', relationTo: 'vouchers', index: true },
        {
          name: 'terminateCause',
          label: 'End reason',
          type: 'select',
          options: TERMINATE_CAUSES.map((value) => ({ label: TERMINATE_CAUSE_LABELS[value], value })),
        },
        {
          name: 'control',
          label: 'Router control',
          type: 'group',
          admin: { description: 'The last Disconnect or CoA Beacon sent for this session, and what the router did.' },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'action', type: 'select', options: CONTROL_ACTIONS.map((value) => ({ label: value === 'coa' ? 'CoA (plan change)' : 'Disconnect', value })) },
                { name: 'outcome', type: 'select', options: CONTROL_OUTCOMES.map((value) => ({ label: CONTROL_OUTCOME_LABELS[value], value })) },
                { name: 'errorCause', label: 'Error-Cause', type: 'text' },
                { name: 'at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
              ],
            },
          ],
        },
        {
          name: 'lastAccountingAt',
          label: 'Last accounting',
          type: 'date',
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    organizationColumn(),
  ]
}
