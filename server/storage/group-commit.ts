/**
 * Group commit: the writes submitted within one event-loop turn are committed together in one
 * transaction, and each caller's promise settles only after that commit. One commit (one WAL write
 * on SQLite, one fsync on PostgreSQL) then carries many sends instead of one each.
 */

/** Runs a batch in one transaction; returns, per item, its result or the error that refused it alone. */
export type BatchRunner<I, R> = (batch: I[]) => Promise<Array<{ ok: true; value: R } | { ok: false; error: unknown }>>;

export class GroupCommit<I, R> {
  private pending: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  /** `maxBatch` bounds one transaction (and the time it holds locks). */
  constructor(
    private readonly run: BatchRunner<I, R>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after this turn's I/O callbacks: every frame read in this turn joins.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now and resolves when no batch is in flight (before closing the database). */
  async drain(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      const done = this.run(batch.map((p) => p.item)).then(
        (results) => {
          results.forEach((r, i) => (r.ok ? batch[i]!.resolve(r.value) : batch[i]!.reject(r.error)));
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      );
      this.inFlight.add(done);
      void done.finally(() => this.inFlight.delete(done));
    }
  }
}
