/**
 * A bucketed latency histogram (1 % relative error) that merges across processes: 10,000 members
 * × 20 msg/s × 10 s is 2M samples, too many to ship as plain arrays over IPC.
 */

/** Bucket i covers [BASE·GROWTH^i, BASE·GROWTH^(i+1)) ms; 0.01 ms … ~10 min fits in ~2,000 buckets. */
const BASE = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const SIZE = 2200;

export class Buckets {
  readonly counts: number[];
  max = 0;

  constructor(counts?: number[], max = 0) {
    this.counts = counts ?? new Array<number>(SIZE).fill(0);
    this.max = max;
  }

  record(ms: number): void {
    const i = ms <= BASE ? 0 : Math.min(SIZE - 1, Math.floor(Math.log(ms / BASE) / LOG_GROWTH));
    this.counts[i]!++;
    if (ms > this.max) this.max = ms;
  }

  get count(): number {
    let n = 0;
    for (const c of this.counts) n += c;
    return n;
  }

  /** The upper edge of the bucket holding quantile q (0..1); NaN when empty. */
  quantile(q: number): number {
    const total = this.count;
    if (total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (let i = 0; i < SIZE; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, BASE * GROWTH ** (i + 1));
    }
    return this.max;
  }

  toJSON(): { counts: number[]; max: number } {
    return { counts: this.counts, max: this.max };
  }

  static merge(parts: Array<{ counts: number[]; max: number }>): Buckets {
    const out = new Buckets();
    for (const p of parts) {
      for (let i = 0; i < SIZE; i++) out.counts[i]! += p.counts[i] ?? 0;
      out.max = Math.max(out.max, p.max);
    }
    return out;
  }
}
