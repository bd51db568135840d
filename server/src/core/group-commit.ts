/**
 * Group commit: concurrent callers' writes are gathered into one batch and written with one
 * multi-row statement; each caller's promise settles only after the batch has committed, so an
 * acknowledged write is a durable write. While a batch is being written the next one gathers, so
 * batches grow with the load instead of the latency: a lone caller goes straight through.
 * Reads that a crowd makes at once (session checks) use it the same way, one query per batch.
 */
export type BatchOutcome<R> = R | Error;

export class GroupCommit<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<BatchOutcome<R>[]>,
    private readonly maxBatch = 500,
    private readonly maxInFlight = 1,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.inFlight++;
      this.write(batch.map((b) => b.item))
        .then(
          (outcomes) => batch.forEach((b, i) => (outcomes[i] instanceof Error ? b.reject(outcomes[i]) : b.resolve(outcomes[i] as R))),
          (err) => batch.forEach((b) => b.reject(err)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
