/**
 * The one limiter of per-user (and per-app) budgets. Each budget is a rule — at most `limit` units
 * per `windowMs` — counted per key (a user id, never a socket, so a user's sockets share it).
 * `Limiter` is asynchronous on purpose: this in-memory implementation serves one process, and a
 * Redis one (INCRBY on `<rule>:<key>:<window>` with PEXPIRE, a few lines) can replace it for a
 * cluster without any caller changing.
 */
import type { Clock } from '../clock.js';

/** A budget: at most `limit` units per `windowMs`; limit 0 disables it. */
export interface LimitRule {
  /** Names the budget in keys, logs and docs (e.g. `draft`). */
  name: string;
  limit: number;
  windowMs: number;
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
  private nextSweep = 0;

  constructor(private readonly clock: Clock) {}

  async take(rule: LimitRule, key: string, cost = 1): Promise<boolean> {
    if (rule.limit <= 0) return true;
    const now = this.clock.now();
    this.sweep(now);
    const id = `${rule.name}:${key}`;
    const start = now - (now % rule.windowMs);
    let window = this.windows.get(id);
    if (!window || window.start !== start) this.windows.set(id, (window = { start, end: start + rule.windowMs, used: 0 }));
    if (window.used + cost > rule.limit) return false;
    window.used += cost;
    return true;
  }

  /** Drops windows that ended (at most once a second), so idle users cost nothing. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 1000;
    for (const [id, window] of this.windows) if (window.end <= now) this.windows.delete(id);
  }

  /** Keys with a live window (tests and metrics). */
  get size(): number {
    return this.windows.size;
  }
}
