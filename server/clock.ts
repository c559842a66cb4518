/** A source of time in ms since the epoch; injectable so tests can control time. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Hands out message times that are strictly increasing within this process: when the clock
 * returns the same (or an earlier) ms again, the next time is bumped to last + 1. That keeps the
 * seeds' timestamp paging of history exact: no two messages share a `sentTime`.
 */
export class SentTimeSource {
  private last: number;

  constructor(
    private readonly clock: Clock,
    /** The newest time already stored, so a restart never goes backwards. */
    lastStored = 0,
  ) {
    this.last = lastStored;
  }

  /** The next strictly increasing time. */
  next(): number {
    const now = this.clock.now();
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }
}
