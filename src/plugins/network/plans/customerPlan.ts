import { type CollectionBeforeChangeHook, type CollectionConfig, type Field, ValidationError } from 'payload'

import { relationId } from '@/access'

import { applyCustomerPlanChanges } from './liveChanges'

/**
 * A customer's subscription: the plan their account and registered devices get online with (MAC
 * or username/password over RADIUS) when no voucher allowance is running, and until when it is
 * paid. Added to the users collection's `customer` group by the network plugin.
 */
export const customerPlanFields: Field[] = [
  {
    type: 'row',
    fields: [
      {
        name: 'plan',
        type: 'relationship',
        relationTo: 'plans',
        admin: { description: 'Subscription plan for account and MAC sign-ins. Empty: vouchers only.' },
      },
      {
        name: 'planExpiresAt',
        label: 'Paid until',
        type: 'date',
        admin: {
          date: { pickerAppearance: 'dayAndTime' },
          description: "Sign-ins stop at this moment. Empty: each sign-in lasts the plan's validity.",
        },
      },
    ],
  },
]

/** The plan must be one of the organizations the user is a customer of. */
const requirePlanOfCustomerOrganization: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const planId = relationId(data.customer?.plan)
  if (!planId || planId === relationId(originalDoc?.customer?.plan)) return data
  const memberships = (data.memberships ?? originalDoc?.memberships ?? []) as { organization?: unknown; role?: string }[]
  const customerOf = new Set(memberships.filter((row) => row.role === 'customer').map((row) => relationId(row.organization)))
  const plan = await req.payload.findByID({
    collection: 'plans',
    id: planId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  const message = !plan
    ? `No plan with id ${planId}.`
    : !customerOf.has(relationId(plan.organization))
      ? "The plan belongs to an organization this user is not a customer of."
      : null
  if (message) throw new ValidationError({ collection: collection.slug, errors: [{ path: 'customer.plan', message }], req }, req.t)
  return data
}

type GroupField = Extract<Field, { type: 'group' }>

/** The users collection with the subscription fields in its `customer` group. */
export function withCustomerPlan(users: CollectionConfig): CollectionConfig {
  let found = false
  const fields = users.fields.map((field) => {
    if (field.type !== 'group' || !('name' in field) || field.name !== 'customer') return field
    found = true
    return { ...field, fields: [...(field as GroupField).fields, ...customerPlanFields] } as Field
  })
  if (!found) throw new Error('networkPlugin: the users collection has no `customer` group for the subscription plan')
  return {
    ...users,
    fields,
    hooks: {
      ...users.hooks,
      beforeChange: [...(users.hooks?.beforeChange ?? []), requirePlanOfCustomerOrganization],
      afterChange: [...(users.hooks?.afterChange ?? []), applyCustomerPlanChanges],
    },
  }
}
