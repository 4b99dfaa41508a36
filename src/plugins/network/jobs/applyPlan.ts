import type { TaskConfig } from 'payload'

import { routerControl } from '../control'

export const APPLY_PLAN_TASK = 'apply-plan'

/**
 * Applies a live session's plan at its router without a reconnect: CoA-Request with the plan's
 * current Mikrotik-Rate-Limit, and on NAK a Disconnect so the device logs in again under the new
 * plan. Queued when a plan's speeds change or a customer moves to another plan.
 */
export const applyPlanTask: TaskConfig<{ input: { session: string }; output: { outcome: string } }> = {
  slug: APPLY_PLAN_TASK,
  label: 'Apply a plan change to a live WiFi session',
  inputSchema: [{ name: 'session', type: 'text', required: true }],
  outputSchema: [{ name: 'outcome', type: 'text', required: true }],
  retries: 2,
  handler: async ({ input }) => ({ output: { outcome: (await routerControl().applyPlan(input.session)).outcome } }),
}
