/** Latency samples and their percentiles; benchmarks keep at most a few 100k values, so plain arrays do. */
export class Histogram {
  private readonly values: number[] = [];
  private sorted = true;

  record(value: number): void {
    if (this.values.length > 0 && value < this.values[this.values.length - 1]!) this.sorted = false;
    this.values.push(value);
  }

  get count(): number {
    return this.values.length;
  }

  /** The value at quantile q (0..1), nearest rank; NaN when empty. */
  quantile(q: number): number {
    if (this.values.length === 0) return NaN;
    if (!this.sorted) {
      this.values.sort((a, b) => a - b);
      this.sorted = true;
    }
    const rank = Math.min(this.values.length - 1, Math.max(0, Math.ceil(q * this.values.length) - 1));
    return this.values[rank]!;
  }

  get p50(): number {
    return this.quantile(0.5);
  }
  get p99(): number {
    return this.quantile(0.99);
  }
  get max(): number {
    return this.quantile(1);
  }

  /** Plain numbers, to send across process boundaries. */
  toJSON(): number[] {
    return this.values;
  }

  static from(values: number[]): Histogram {
    const h = new Histogram();
    for (const v of values) h.record(v);
    return h;
  }

  /** Merges several histograms (e.g. one per load generator). */
  static merge(parts: Histogram[]): Histogram {
    return Histogram.from(parts.flatMap((p) => p.values));
  }
}

/** Monotonic ms, comparable across processes on one machine (CLOCK_MONOTONIC). */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
