/**
 * Group commit: the writes submitted within one event-loop turn are committed together in one
 * transaction, and each caller's promise settles only after that commit. One commit (one WAL write
 * on SQLite, one fsync on PostgreSQL) then carries many sends instead of one each.
 */

/** Runs a batch in one transaction; returns, per item, its result or the error that refused it alone. */
export type BatchRunner<I, R> = (batch: I[]) => Promise<Array<{ ok: true; value: R } | { ok: false; error: unknown }>>;

export interface GroupCommitOptions<I> {
  /** Bounds one transaction (and the time it holds locks); default 256. */
  maxBatch?: number;
  /**
   * Parallel transactions (default 1). A client/server database commits sends in this many
   * transactions at once, on separate connections; each lane has one batch in flight at a time.
   */
  lanes?: number;
  /** Items with the same key share a lane, so they commit in submission order and never contend. */
  laneOf?: (item: I) => string;
}

export class GroupCommit<I, R> {
  private pending: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Per lane, items waiting for the lane's batch in flight to commit. */
  private readonly waiting = new Map<number, typeof this.pending>();
  /** Lanes with a batch in flight. */
  private readonly busy = new Set<number>();

  private readonly maxBatch: number;
  private readonly lanes: number;

  constructor(
    private readonly run: BatchRunner<I, R>,
    private readonly options: GroupCommitOptions<I> = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.lanes = Math.max(1, options.lanes ?? 1);
  }

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
    // A lane starts its next batch as its previous one settles, so wait until none is left.
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** The queued items split into lanes by key (one lane when there is no `laneOf`). */
  private takeLanes(): Map<number, typeof this.pending> {
    const laneOf = this.options.laneOf;
    const lanes = new Map<number, typeof this.pending>();
    for (const p of this.pending.splice(0)) {
      const index = this.lanes === 1 || !laneOf ? 0 : hash(laneOf(p.item)) % this.lanes;
      const lane = lanes.get(index);
      if (lane) lane.push(p);
      else lanes.set(index, [p]);
    }
    return lanes;
  }

  private flush(): void {
    this.scheduled = false;
    for (const [index, items] of this.takeLanes()) {
      const waiting = this.waiting.get(index);
      if (waiting) waiting.push(...items);
      else this.waiting.set(index, items);
      if (!this.busy.has(index)) this.commitNext(index);
    }
  }

  /**
   * Commits the next batch of a lane. A lane has one batch in flight at a time, so a key's items
   * commit in submission order even when they arrive while an earlier batch of theirs is still
   * committing (a connection pipelines its sends); what queues up meanwhile forms the next batch.
   */
  private commitNext(index: number): void {
    const waiting = this.waiting.get(index) ?? [];
    const batch = waiting.splice(0, this.maxBatch);
    if (waiting.length === 0) this.waiting.delete(index);
    if (batch.length === 0) return;
    this.busy.add(index);
    let committing: ReturnType<BatchRunner<I, R>>;
    try {
      committing = this.run(batch.map((p) => p.item));
    } catch (error) {
      committing = Promise.reject(error); // a runner that throws must not leave its lane busy
    }
    const done = committing.then(
      (results) => {
        results.forEach((r, i) => (r.ok ? batch[i]!.resolve(r.value) : batch[i]!.reject(r.error)));
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
    this.inFlight.add(done);
    void done.finally(() => {
      this.inFlight.delete(done);
      this.busy.delete(index);
      this.commitNext(index);
    });
  }
}

/** FNV-1a: a cheap, stable spread of lane keys. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
