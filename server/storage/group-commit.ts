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
   * Parallel transactions per turn (default 1). A client/server database commits a turn's sends in
   * this many transactions at once, on separate connections, instead of one after the other in one.
   */
  lanes?: number;
  /** Items with the same key share a lane, so they commit in submission order and never contend. */
  laneOf?: (item: I) => string;
}

export class GroupCommit<I, R> {
  private pending: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

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
    await Promise.all([...this.inFlight]);
  }

  /** The queued items split into lanes by key (one lane when there is no `laneOf`). */
  private takeLanes(): Array<typeof this.pending> {
    const all = this.pending.splice(0);
    const laneOf = this.options.laneOf;
    if (this.lanes === 1 || !laneOf || all.length === 1) return [all];
    const lanes: Array<typeof this.pending> = Array.from({ length: this.lanes }, () => []);
    for (const p of all) lanes[hash(laneOf(p.item)) % this.lanes]!.push(p);
    return lanes.filter((l) => l.length > 0);
  }

  private flush(): void {
    this.scheduled = false;
    for (const lane of this.takeLanes()) this.commitLane(lane);
  }

  private commitLane(lane: typeof this.pending): void {
    while (lane.length > 0) {
      const batch = lane.splice(0, this.maxBatch);
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

/** FNV-1a: a cheap, stable spread of lane keys. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
