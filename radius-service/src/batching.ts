/**
 * Runs many small database statements as few. While `lanes` batches are in flight, new items wait
 * and go together in the next batch (at most `maxBatch`): one round trip and one commit for all of
 * them, which on a busy service costs far less than one each. Nothing waits for a timer: with a
 * lane free, an item goes at once, alone. Each caller's promise settles only when its batch has
 * settled, so what it was told was written has been committed.
 *
 * A batch that fails (a deadlock between two lanes, a lost connection, one item the database
 * refuses) is run again item by item, so one item's failure is its own.
 */
type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }

export class Batcher<Item, Result> {
  readonly #run: (items: Item[]) => Promise<Result[]>
  readonly #lanes: number
  readonly #maxBatch: number
  readonly #waiting: Waiting<Item, Result>[] = []
  #running = 0

  constructor(run: (items: Item[]) => Promise<Result[]>, { lanes, maxBatch }: { lanes: number; maxBatch: number }) {
    if (!(lanes >= 1 && maxBatch >= 1)) throw new RangeError('A batcher needs at least one lane and one item per batch')
    this.#run = run
    this.#lanes = lanes
    this.#maxBatch = maxBatch
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject })
      this.#startBatches()
    })
  }

  #startBatches(): void {
    while (this.#running < this.#lanes && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#maxBatch)
      this.#running += 1
      void this.#settle(batch).finally(() => {
        this.#running -= 1
        this.#startBatches()
      })
    }
  }

  async #settle(batch: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await this.#run(batch.map((entry) => entry.item))
      if (results.length !== batch.length) throw new Error(`A batch of ${batch.length} returned ${results.length} results`)
      batch.forEach((entry, index) => entry.resolve(results[index]))
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error)
      await Promise.all(
        batch.map((entry) =>
          this.#run([entry.item]).then(
            ([result]) => entry.resolve(result),
            (alone: unknown) => entry.reject(alone),
          ),
        ),
      )
    }
  }
}
