import { loadPayload } from '@/db/loadPayload'
import type { User } from '@/payload-types'

/** The Payload instance over the run's fresh, seeded database (see globalSetup). */
export const testPayload = loadPayload

export type ActingUser = User & { collection: 'users' }

/** A user as the Local API expects it when code acts on their behalf. */
export async function userByEmail(email: string): Promise<ActingUser> {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })
  if (!docs[0]) throw new Error(`no user ${email} in the test database`)
  return { ...docs[0], collection: 'users' }
}

export async function idOf(collection: 'organizations' | 'locations', where: Record<string, unknown>): Promise<string> {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection, where: where as never, limit: 1, depth: 0 })
  if (!docs[0]) throw new Error(`no ${collection} matching ${JSON.stringify(where)}`)
  return String(docs[0].id)
}

/** The HTTP status an operation ended with: 200 when it went through. */
export async function statusOf(operation: () => Promise<unknown>): Promise<number> {
  try {
    await operation()
    return 200
  } catch (error) {
    const status = (error as { status?: number }).status
    if (typeof status === 'number') return status
    throw error
  }
}
