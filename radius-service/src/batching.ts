/**
 * Runs many small database statements as few. While `lanes` batches are in flight, new items wait
 * and go together in the next batch (at most `maxBatch`): one round trip and one commit for all of
 * them, which on a busy service costs far less than one each. Nothing waits for a timer: with a
 * lane free, an item goes at once, alone. Each caller's promise settles only when its batch has
 * settled, so what it was told was written has been committed.
 *
 * Items with the same `keyOf` never share a batch: the later one waits for the next, so they are
 * decided in the order they came. A batch that fails (a deadlock between two lanes, a lost
 * connection, one item the database refuses) is run again item by item, so one item's failure is
 * its own; `run` may also answer one item with an ItemFailure, which refuses that item alone.
 */
/** What `run` returns for an item that failed on its own, the others of its batch being answered. */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }

export class Batcher<Item, Result> {
  readonly #run: (items: Item[]) => Promise<(Result | ItemFailure)[]>
  readonly #lanes: number
  readonly #maxBatch: number
  readonly #keyOf: ((item: Item) => string) | undefined
  readonly #waiting: Waiting<Item, Result>[] = []
  #running = 0

  constructor(
    run: (items: Item[]) => Promise<(Result | ItemFailure)[]>,
    { lanes, maxBatch, keyOf }: { lanes: number; maxBatch: number; keyOf?: (item: Item) => string },
  ) {
    if (!(lanes >= 1 && maxBatch >= 1)) throw new RangeError('A batcher needs at least one lane and one item per batch')
    this.#run = run
    this.#lanes = lanes
    this.#maxBatch = maxBatch
    this.#keyOf = keyOf
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject })
      this.#startBatches()
    })
  }

  #startBatches(): void {
    while (this.#running < this.#lanes && this.#waiting.length > 0) {
      const batch = this.#nextBatch()
      this.#running += 1
      void this.#settle(batch).finally(() => {
        this.#running -= 1
        this.#startBatches()
      })
    }
  }

  /** The longest run of waiting items, in order, of which no two share a key. */
  #nextBatch(): Waiting<Item, Result>[] {
    if (!this.#keyOf) return this.#waiting.splice(0, this.#maxBatch)
    const batch: Waiting<Item, Result>[] = []
    const keys = new Set<string>()
    const later: Waiting<Item, Result>[] = []
    for (const entry of this.#waiting) {
      const key = this.#keyOf(entry.item)
      // Once an item waits, every later item of its key waits too, so they keep their order.
      if (batch.length < this.#maxBatch && !keys.has(key)) batch.push(entry)
      else later.push(entry)
      keys.add(key)
    }
    this.#waiting.splice(0, this.#waiting.length, ...later)
    return batch
  }

  async #settle(batch: Waiting<Item, Result>[]): Promise<void> {
    const answer = (entry: Waiting<Item, Result>, result: Result | ItemFailure | undefined) =>
      result instanceof ItemFailure ? entry.reject(result.error) : entry.resolve(result as Result)
    try {
      const results = await this.#run(batch.map((entry) => entry.item))
      if (results.length !== batch.length) throw new Error(`A batch of ${batch.length} returned ${results.length} results`)
      batch.forEach((entry, index) => answer(entry, results[index]))
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error)
      await Promise.all(
        batch.map((entry) =>
          this.#run([entry.item]).then(
            ([result]) => answer(entry, result),
            (alone: unknown) => entry.reject(alone),
          ),
        ),
      )
    }
  }
}
