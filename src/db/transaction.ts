import { randomUUID } from 'node:crypto'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

type TransactionSession = PostgresAdapter['sessions'][string]

/**
 * Runs `work` in one database transaction: every Local API call and raw statement made with
 * `req` commits together, or none does when `work` throws. A request already in a transaction
 * just joins it.
 *
 * Resolves only once COMMIT has succeeded. (Payload's own commitTransaction swallows a failed
 * COMMIT, which would let the RADIUS service answer, or an endpoint report success, for a write
 * that never landed.) The transaction is Drizzle's, registered under an id on `req` so Payload's
 * operations join it; an operation that rolls it back makes the whole call fail.
 */
export async function inTransaction<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  if (req.transactionID) return work()
  const adapter = req.payload.db as unknown as PostgresAdapter
  const id = randomUUID()
  let rolledBack = false
  try {
    return await adapter.drizzle.transaction(async (tx) => {
      const session: TransactionSession = {
        db: tx as unknown as TransactionSession['db'],
        resolve: async () => {},
        reject: async () => {
          rolledBack = true
        },
      }
      adapter.sessions[id] = session
      req.transactionID = id
      const result = await work()
      if (rolledBack) throw new Error('A Payload operation rolled the transaction back; nothing was written.')
      return result
    })
  } finally {
    delete adapter.sessions[id]
    if (req.transactionID === id) delete req.transactionID
  }
}

/** `inTransaction` for the system (no user): the RADIUS service, jobs, the seed. */
export async function inSystemTransaction<T>(payload: Payload, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  const req = await createLocalReq({}, payload)
  return inTransaction(req, () => work(req))
}

/**
 * A request with no user that joins `req`'s transaction: for a change the system makes by its
 * own rule in the middle of a person's request (a customer's reply reopening their ticket). It
 * commits or rolls back with the person's request, and is not limited to what they may edit.
 */
export async function systemRequestIn(req: PayloadRequest): Promise<PayloadRequest> {
  const system = await createLocalReq({}, req.payload)
  system.transactionID = req.transactionID
  return system
}
