import type { NextRequest } from 'next/server'

import { portalAction } from '@/portal/actions'

/** Every form of a branch's captive portal posts here (see `src/portal/actions.ts`). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ org: string; location: string; action: string }> }) {
  return portalAction(request, await params)
}
