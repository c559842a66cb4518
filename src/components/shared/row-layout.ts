/**
 * The arithmetic of a windowed list, without DOM: where each row starts, from measured heights where
 * a row has been seen and an estimate where not, and which rows a stretch of the list needs.
 */

/** Rows `start` (inclusive) to `end` (exclusive). */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

/** Row offsets of one list, keyed by row key so that measurements survive prepends and reorders. */
export class RowLayout {
  /** Height of a row not measured yet, px. Fixed after the first measurements (see `measure`). */
  estimate: number;
  #estimated = false;
  #keys: readonly string[] = [];
  readonly #index = new Map<string, number>();
  readonly #heights = new Map<string, number>();
  /** `offsets[i]` is the top of row i; `offsets[n]` the total height. */
  #offsets = new Float64Array(1);
  #dirty = true;

  constructor(estimate: number) {
    this.estimate = estimate;
  }

  get count(): number {
    return this.#keys.length;
  }

  /** The rows, in order. Cheap when the same keys come again. */
  setKeys(keys: readonly string[]): void {
    if (keys === this.#keys) return;
    this.#keys = keys;
    this.#index.clear();
    keys.forEach((key, i) => this.#index.set(key, i));
    this.#dirty = true;
  }

  keyAt(index: number): string | undefined {
    return this.#keys[index];
  }

  indexOf(key: string): number {
    return this.#index.get(key) ?? -1;
  }

  /** Records a row's height; returns whether anything changed. */
  measure(key: string, height: number): boolean {
    if (this.#heights.get(key) === height) return false;
    this.#heights.set(key, height);
    this.#dirty = true;
    return true;
  }

  /**
   * Fixes the estimate at the mean of the rows measured so far, once. Keeping it fixed afterwards
   * means unmeasured rows never change size under the reader (the scroll position stays meaningful).
   */
  settleEstimate(): boolean {
    if (this.#estimated || this.#heights.size === 0) return false;
    let sum = 0;
    for (const h of this.#heights.values()) sum += h;
    this.estimate = sum / this.#heights.size;
    this.#estimated = true;
    this.#dirty = true;
    return true;
  }

  /** Forgets every measurement (a different list is shown). */
  clear(): void {
    this.#heights.clear();
    this.#estimated = false;
    this.#dirty = true;
  }

  height(index: number): number {
    const key = this.#keys[index];
    return (key !== undefined && this.#heights.get(key)) || this.estimate;
  }

  offset(index: number): number {
    this.#ensure();
    return this.#offsets[Math.max(0, Math.min(this.#keys.length, index))]!;
  }

  get total(): number {
    return this.offset(this.#keys.length);
  }

  /** The rows that intersect `[top, bottom)` (list coordinates, px). */
  rangeFor(top: number, bottom: number): RowRange {
    const n = this.#keys.length;
    if (n === 0) return { start: 0, end: 0 };
    this.#ensure();
    // First row whose bottom is below `top`, then first row whose top is at or below `bottom`.
    const start = Math.min(
      n - 1,
      this.#search((i) => this.#offsets[i + 1]! > top),
    );
    const end = Math.max(
      start + 1,
      this.#search((i) => this.#offsets[i]! >= bottom),
    );
    return { start, end: Math.min(n, end) };
  }

  /** Smallest i in [0, n) with `test(i)` true (monotone), or n. */
  #search(test: (i: number) => boolean): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (test(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  #ensure(): void {
    if (!this.#dirty) return;
    const n = this.#keys.length;
    if (this.#offsets.length !== n + 1) this.#offsets = new Float64Array(n + 1);
    let y = 0;
    for (let i = 0; i < n; i++) {
      this.#offsets[i] = y;
      y += this.#heights.get(this.#keys[i]!) || this.estimate;
    }
    this.#offsets[n] = y;
    this.#dirty = false;
  }
}
