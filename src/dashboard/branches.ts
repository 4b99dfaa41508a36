import { type DateStyle, dateStyleOf } from '@/lib/dates'

import type { Branch, Staff } from './staff'

export type BranchSelection = {
  branches: Branch[]
  /** What the page shows, in words ("Downtown", "All my branches"). */
  label: string
  /** Days and times are the branch's, or the organization's across several branches. */
  timeZone: string
  /** That zone with the organization's date format: how the page writes and reads dates. */
  dates: DateStyle
  /** `?branch=` named a branch that is not the person's (or does not exist). */
  unknown: boolean
}

/** The branches a page shows: the one `?branch=` names, if it is the person's, else all of theirs. */
export function selectBranches(staff: Staff, requested: string | string[] | undefined): BranchSelection {
  const organizationZone = staff.organization.timeZone || 'UTC'
  const inZone = (timeZone: string) => ({ timeZone, dates: dateStyleOf(staff.organization, timeZone) })
  if (typeof requested === 'string' && requested) {
    const branch = staff.branches.find((candidate) => candidate.id === requested)
    if (!branch) return { branches: [], label: 'Unknown branch', ...inZone(organizationZone), unknown: true }
    return { branches: [branch], label: branch.name, ...inZone(branch.timeZone || organizationZone), unknown: false }
  }
  const label = staff.branches.length === 1 ? staff.branches[0].name : 'All my branches'
  const timeZone = staff.branches.length === 1 ? staff.branches[0].timeZone || organizationZone : organizationZone
  return { branches: staff.branches, label, ...inZone(timeZone), unknown: false }
}
