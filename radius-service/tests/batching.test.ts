/** Batching requests into shared statements: who waits, who goes together, and how failures stay apart. */
import { describe, expect, it } from 'vitest'

import { Batcher, ItemFailure } from '../src/batching'

/** A run function whose batches the test settles by hand. */
function controlled() {
  const calls: { items: number[]; settle: (results: string[] | Error) => void }[] = []
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({ items, settle: (results) => (results instanceof Error ? reject(results) : resolve(results)) })
    })
  return { calls, run }
}
const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('Batcher', () => {
  it('sends an item alone while a lane is free, and gathers the ones that wait into the next batch', async () => {
    const { calls, run } = controlled()
    const batcher = new Batcher(run, { lanes: 1, maxBatch: 10 })
    const first = batcher.submit(1)
    const waiting = [2, 3, 4].map((item) => batcher.submit(item))
    await tick()
    expect(calls.map((call) => call.items)).toEqual([[1]])
    calls[0].settle(['one'])
    await expect(first).resolves.toBe('one')
    await tick()
    expect(calls.map((call) => call.items)).toEqual([[1], [2, 3, 4]])
    calls[1].settle(['two', 'three', 'four'])
    await expect(Promise.all(waiting)).resolves.toEqual(['two', 'three', 'four'])
  })

  it('keeps at most `lanes` batches in flight and `maxBatch` items in each', async () => {
    const { calls, run } = controlled()
    const batcher = new Batcher(run, { lanes: 2, maxBatch: 2 })
    const results = [1, 2, 3, 4, 5, 6].map((item) => batcher.submit(item))
    await tick()
    // Two lanes free: the first two go at once, alone; the rest wait.
    expect(calls.map((call) => call.items)).toEqual([[1], [2]])
    calls[0].settle(['a'])
    await tick()
    expect(calls.map((call) => call.items)).toEqual([[1], [2], [3, 4]])
    calls[1].settle(['b'])
    await tick()
    expect(calls.map((call) => call.items)).toEqual([[1], [2], [3, 4], [5, 6]])
    calls[2].settle(['c', 'd'])
    calls[3].settle(['e', 'f'])
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
  })

  it('runs a failed batch again item by item, so only the item that fails alone is refused', async () => {
    const ran: number[][] = []
    const batcher = new Batcher(
      async (items: number[]) => {
        ran.push(items)
        if (items.includes(2)) throw new Error(`refused ${items.join(',')}`)
        return items.map((item) => item * 10)
      },
      { lanes: 1, maxBatch: 10 },
    )
    const blocker = batcher.submit(0) // holds the lane, so the next three go together
    const results = [1, 2, 3].map((item) => batcher.submit(item).then(String, (error: Error) => error.message))
    await blocker
    expect(await Promise.all(results)).toEqual(['10', 'refused 2', '30'])
    expect(ran).toEqual([[0], [1, 2, 3], [1], [2], [3]])
  })

  it('refuses a batch whose results do not match its items, for each of them', async () => {
    let calls = 0
    const batcher = new Batcher(async (items: number[]) => (++calls === 2 ? [] : items), { lanes: 1, maxBatch: 10 })
    const blocker = batcher.submit(0)
    const results = [1, 2].map((item) => batcher.submit(item))
    await blocker
    // The whole batch came back short; alone, each item is answered.
    await expect(Promise.all(results)).resolves.toEqual([1, 2])
  })

  it('never puts two items of one key in a batch: the later ones wait for the next, in order', async () => {
    const { calls, run } = controlled()
    const batcher = new Batcher(run, { lanes: 1, maxBatch: 10, keyOf: (item: number) => String(item % 10) })
    const blocker = batcher.submit(0)
    const results = [11, 21, 12, 31, 13].map((item) => batcher.submit(item))
    await tick()
    calls[0].settle(['0'])
    await blocker
    await tick()
    expect(calls[1].items).toEqual([11, 12, 13])
    calls[1].settle(['11', '12', '13'])
    await tick()
    expect(calls[2].items).toEqual([21])
    calls[2].settle(['21'])
    await tick()
    expect(calls[3].items).toEqual([31])
    calls[3].settle(['31'])
    await expect(Promise.all(results)).resolves.toEqual(['11', '21', '12', '31', '13'])
  })

  it('refuses only the item `run` answers with an ItemFailure, without running the batch again', async () => {
    const ran: number[][] = []
    const batcher = new Batcher(
      async (items: number[]) => {
        ran.push(items)
        return items.map((item) => (item === 2 ? new ItemFailure(new Error('no attributes')) : item))
      },
      { lanes: 1, maxBatch: 10 },
    )
    const blocker = batcher.submit(0)
    const results = [1, 2, 3].map((item) => batcher.submit(item).then(String, (error: Error) => error.message))
    await blocker
    expect(await Promise.all(results)).toEqual(['1', 'no attributes', '3'])
    expect(ran).toEqual([[0], [1, 2, 3]])
  })
})
