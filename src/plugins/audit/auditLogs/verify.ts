import type { Payload } from 'payload'

import { poolOf } from '@/db/statements'

import { chainHash, chainKey, chainStateMac, GENESIS_HASH } from './chain'

type Row = {
  id: string
  organization_id: string | null
  actor_id: string | null
  actor_name: string | null
  action: string
  target_type: string
  target_id: string
  changes: unknown
  sequence: string | number
  previous_hash: string
  hash: string
  created_at: string | Date
}

type StateRow = { head_sequence: string | number; head_hash: string; anchor_sequence: string | number; anchor_hash: string; mac: string }

export type ChainReport = {
  organization: string | null
  checked: number
  intact: boolean
  /** Where the chain stops holding: the first row that does, and why (no row: the chain's own record). */
  firstBroken?: { id: string | null; sequence: number; createdAt: string | null; problem: string }
}

const BATCH = 1_000
const COLUMNS = 'id, organization_id, actor_id, actor_name, action, target_type, target_id, changes, sequence, previous_hash, hash, created_at'

/**
 * Walks an organization's audit chain in order, from where retention left it to its newest row,
 * in one read-only snapshot (so pruning or appends meanwhile do not look like tampering). It
 * reports the first row whose content no longer matches its hash, that does not point at the row
 * before it, or that follows a gap (a row removed); newest rows removed, and a chain record that
 * was altered, show as well.
 */
export async function verifyAuditChain(payload: Payload, organization: string | null): Promise<ChainReport> {
  const client = await poolOf(payload).connect()
  const chain = chainKey(organization)
  const ownRows = organization === null ? 'organization_id is null' : 'organization_id = $2'
  try {
    await client.query('begin isolation level repeatable read read only')
    const {
      rows: [state],
    } = await client.query<StateRow>({
      name: 'audit-chain-state',
      text: 'select head_sequence, head_hash, anchor_sequence, anchor_hash, mac from audit_log_chains where chain = $1',
      values: [chain],
    })
    const broken = (checked: number, firstBroken: NonNullable<ChainReport['firstBroken']>): ChainReport => ({
      organization,
      checked,
      intact: false,
      firstBroken,
    })
    const expected = state
      ? {
          chain,
          headSequence: Number(state.head_sequence),
          headHash: state.head_hash,
          anchorSequence: Number(state.anchor_sequence),
          anchorHash: state.anchor_hash,
        }
      : { chain, headSequence: 0, headHash: GENESIS_HASH, anchorSequence: 0, anchorHash: GENESIS_HASH }
    if (state && chainStateMac(expected) !== state.mac) {
      return broken(0, { id: null, sequence: expected.anchorSequence, createdAt: null, problem: "the chain's own record was altered" })
    }

    let checked = 0
    let previous = { sequence: expected.anchorSequence, hash: expected.anchorHash }
    let lastRow: Row | null = null
    for (;;) {
      const { rows } = await client.query<Row>({
        name: `audit-chain-rows-${organization === null ? 'platform' : 'organization'}`,
        text: `select ${COLUMNS} from audit_logs where sequence > $1 and ${ownRows} order by sequence limit ${BATCH}`,
        values: organization === null ? [previous.sequence] : [previous.sequence, organization],
      })
      for (const row of rows) {
        const sequence = Number(row.sequence)
        const createdAt = new Date(row.created_at).toISOString()
        const at = (problem: string) => broken(checked, { id: row.id, sequence, createdAt, problem })
        if (sequence !== previous.sequence + 1) return at(`sequence ${sequence} follows ${previous.sequence}: a row is missing`)
        if (row.previous_hash !== previous.hash) return at('it does not point at the row before it')
        const hash = chainHash({
          organization: row.organization_id,
          sequence,
          previousHash: row.previous_hash,
          createdAt,
          actor: row.actor_id,
          actorName: row.actor_name,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          changes: row.changes,
        })
        if (hash !== row.hash) return at('its content does not match its hash: it was changed')
        checked++
        previous = { sequence, hash: row.hash }
        lastRow = row
      }
      if (rows.length < BATCH) break
    }
    if (previous.sequence !== expected.headSequence || previous.hash !== expected.headHash) {
      return broken(checked, {
        id: lastRow?.id ?? null,
        sequence: previous.sequence,
        createdAt: lastRow ? new Date(lastRow.created_at).toISOString() : null,
        problem: `the chain ends at ${previous.sequence}, but its newest row was ${expected.headSequence}: rows were removed`,
      })
    }
    return { organization, checked, intact: true }
  } finally {
    await client.query('rollback').catch(() => undefined)
    client.release()
  }
}
