import type { Limiter, LimitRule } from '../limits/limiter.js';

/**
 * The send rate (the seeds' 5 messages per second, 20604 beyond): one token bucket per USER,
 * shared by all her sockets and, through the Redis limiter, by all nodes. `perSecond` 0 disables it.
 */
export function sendRule(perSecond: number): LimitRule {
  return { name: 'send', limit: perSecond, windowMs: 1000, smooth: true };
}

/** One socket's view of its user's send rate. */
export class SendRate {
  constructor(
    private readonly limiter: Limiter,
    private readonly rule: LimitRule,
    private readonly userId: () => string | null,
  ) {}

  /** Takes one send; false when the user is over the rate (or not connected yet). */
  async take(): Promise<boolean> {
    const userId = this.userId();
    if (userId === null) return false;
    return this.limiter.take(this.rule, userId);
  }
}
