import type { Clock } from '../clock.js';

/**
 * A token bucket: up to `perSecond` sends at once, refilled at `perSecond` per second. Smoother
 * than fixed windows (no double burst at a window edge). `perSecond` 0 disables it.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
  ) {
    this.tokens = perSecond;
    this.last = clock.now();
  }

  /** Takes one token; false when the caller is over the rate. */
  take(): boolean {
    if (this.perSecond <= 0) return true;
    const now = this.clock.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = Math.max(this.last, now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
