/**
 * The one limiter of per-user (and per-app) budgets. Each budget is a rule — at most `limit` units
 * per `windowMs` — counted per key (a user id, never a socket, so a user's sockets share it).
 * `Limiter` is asynchronous on purpose: this in-memory implementation serves one process, and
 * `RedisLimiter` (redis-limiter.ts) serves a cluster without any caller changing.
 */
import type { Clock } from '../clock.js';

/** A budget: at most `limit` units per `windowMs`; limit 0 disables it. */
export interface LimitRule {
  /** Names the budget in keys, logs and docs (e.g. `draft`). */
  name: string;
  limit: number;
  windowMs: number;
  /**
   * Refill continuously (a token bucket of `limit`, refilled at `limit` per `windowMs`) instead of
   * fixed windows: no double burst at a window's edge. The send rate uses it.
   */
  smooth?: boolean;
}

export interface Limiter {
  /**
   * Takes `cost` units of `key`'s budget under `rule`. Resolves true when they fit (and are now
   * used), false when they do not (nothing is taken).
   */
  take(rule: LimitRule, key: string, cost?: number): Promise<boolean>;
}

/** Fixed windows in a Map; stale windows are dropped as the map is swept. */
export class MemoryLimiter implements Limiter {
  private readonly windows = new Map<string, { start: number; end: number; used: number }>();
  /** Smooth rules: when each key's bucket is full again (the "theoretical arrival time"). */
  private readonly buckets = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly clock: Clock) {}

  async take(rule: LimitRule, key: string, cost = 1): Promise<boolean> {
    if (rule.limit <= 0) return true;
    const now = this.clock.now();
    this.sweep(now);
    const id = `${rule.name}:${key}`;
    if (rule.smooth) {
      const full = nextBucketTime(this.buckets.get(id) ?? 0, now, rule, cost);
      if (full === null) return false;
      this.buckets.set(id, full);
      return true;
    }
    const start = now - (now % rule.windowMs);
    let window = this.windows.get(id);
    if (!window || window.start !== start)
      this.windows.set(id, (window = { start, end: start + rule.windowMs, used: 0 }));
    if (window.used + cost > rule.limit) return false;
    window.used += cost;
    return true;
  }

  /** Drops windows that ended (at most once a second), so idle users cost nothing. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 1000;
    for (const [id, window] of this.windows) if (window.end <= now) this.windows.delete(id);
    for (const [id, full] of this.buckets) if (full <= now) this.buckets.delete(id);
  }

  /** Keys with a live window or a bucket not yet full (tests and metrics). */
  get size(): number {
    return this.windows.size + this.buckets.size;
  }
}

/**
 * A token bucket kept as one number (GCRA): `full`, the time the bucket is full again. Taking
 * `cost` units pushes it `cost` refill intervals later; refused when that would leave the bucket
 * more than `limit` units short. Returns the new time, or null when over.
 */
export function nextBucketTime(full: number, now: number, rule: LimitRule, cost: number): number | null {
  // A clock that stepped back by more than a window (NTP, a test clock) must not lock the key out for
  // the size of the step; a smaller step keeps what was spent.
  const start = full - now > 2 * rule.windowMs ? now : Math.max(full, now);
  const next = start + (rule.windowMs / rule.limit) * cost;
  return next - now > rule.windowMs ? null : next;
}
