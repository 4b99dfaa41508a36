import { describe, expect, it } from 'vitest'

import { canonicalJson, chainHash, GENESIS_HASH } from '@/plugins/audit/auditLogs/chain'

process.env.PAYLOAD_SECRET ??= 'unit-test-secret'
import { changesBetween, REDACTED, submittedSecrets, withoutSecrets } from '@/plugins/audit/auditLogs/changes'

const content = {
  organization: '6a1b2c3d-0000-4000-8000-000000000001',
  sequence: 1,
  previousHash: GENESIS_HASH,
  createdAt: '2026-11-22T10:00:00.000Z',
  actor: '6a1b2c3d-0000-4000-8000-000000000002',
  actorName: 'Dee Admin',
  action: 'PLAN_UPDATE',
  targetType: 'plans',
  targetId: '6a1b2c3d-0000-4000-8000-000000000003',
  changes: { price: { from: 10, to: 12 } },
}

describe('the audit chain hash', () => {
  it('is the same for the same content whatever the key order (as jsonb gives it back)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}')
    expect(chainHash({ ...content, changes: { price: { to: 12, from: 10 } } })).toBe(chainHash(content))
    expect(chainHash(content)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('is keyed: without the secret the database does not hold, the same content gives another hash', () => {
    expect(chainHash(content, 'secret-one')).not.toBe(chainHash(content, 'secret-two'))
    expect(chainHash(content, 'secret-one')).toBe(chainHash(content, 'secret-one'))
  })

  it.each([
    ['organization', { organization: '6a1b2c3d-0000-4000-8000-000000000009' }],
    ['sequence', { sequence: 2 }],
    ['previous hash', { previousHash: 'f'.repeat(64) }],
    ['time', { createdAt: '2026-11-22T10:00:00.001Z' }],
    ['actor', { actor: null }],
    ['actor name', { actorName: 'Someone Else' }],
    ['action', { action: 'PLAN_DELETE' }],
    ['target', { targetId: 'x' }],
    ['changes', { changes: { price: { from: 10, to: 13 } } }],
  ])('changes when the %s changes', (_, change) => {
    expect(chainHash({ ...content, ...change })).not.toBe(chainHash(content))
  })
})

describe('changesBetween', () => {
  it('lists the fields that differ, relationships as ids, bookkeeping left out', () => {
    const before = { id: 'p1', name: 'Day', price: 10, plan: { id: 'x', createdAt: 'c', name: 'Populated' }, updatedAt: 'a' }
    const after = { id: 'p1', name: 'Day', price: 12, plan: 'y', updatedAt: 'b' }
    expect(changesBetween(before, after)).toEqual({ price: { from: 10, to: 12 }, plan: { from: 'x', to: 'y' } })
  })

  it('never copies a credential, and notes one the request set as changed', () => {
    const before = { secretEncrypted: 'v1:abc', settings: { mpesa: { passkeyEncrypted: 'v1:def', shortCode: '123' } }, hash: 'h1', salt: 's1' }
    const after = { settings: { mpesa: { shortCode: '456' } } }
    const submitted = { secret: 'new-secret', secretEncrypted: 'v1:xyz', settings: { mpesa: { passkey: 'new-passkey', shortCode: '456' } }, hash: 'h2', salt: 's2' }
    const changes = changesBetween(before, after, submitted)
    expect(changes).toEqual({
      settings: { from: { mpesa: { shortCode: '123' } }, to: { mpesa: { shortCode: '456' } } },
      secret: { from: REDACTED, to: REDACTED },
      'settings.mpesa.passkey': { from: REDACTED, to: REDACTED },
      password: { from: REDACTED, to: REDACTED },
    })
    expect(JSON.stringify(changes)).not.toMatch(/new-secret|new-passkey|v1:|h1|h2|s1|s2/)
  })

  it('leaves out fields marked secret in the collection, whatever their name', () => {
    const changes = changesBetween({ consumerKey: null, shortCode: '1' }, { shortCode: '2' }, { consumerKey: 'ck-123' }, new Set(['consumerKey']))
    expect(changes).toEqual({ shortCode: { from: '1', to: '2' }, consumerKey: { from: REDACTED, to: REDACTED } })
  })

  it('treats an empty credential as not set', () => {
    expect(submittedSecrets({ secret: '', apiPassword: 'x', nested: [{ token: 't' }] })).toEqual(['apiPassword', 'nested.0.token'])
    expect(withoutSecrets({ a: 1, resetPasswordToken: 't', sessions: [{ id: 's' }] })).toEqual({ a: 1 })
  })

  it('a creation lists every field from nothing, a deletion to nothing', () => {
    expect(changesBetween(null, { id: '1', name: 'New' })).toEqual({ name: { from: null, to: 'New' } })
    expect(changesBetween({ id: '1', name: 'Old' }, null)).toEqual({ name: { from: 'Old', to: null } })
  })
})
