/**
 * One reload in flight per key (a room id, or `''` for the moderation lists) plus at most one
 * queued behind it. Reloads of a key start strictly one after the other, so a read that started
 * after the last announced change is always the one applied last: an older read can never finish
 * after a newer one and put stale state back into the cache.
 */
export class ReloadQueue {
  private readonly slots = new Map<string, { running: Promise<void>; queued: Promise<void> | undefined }>();
  /** How many reloads of each key have finished, so a bulk read can tell it was overtaken. */
  private readonly finished = new Map<string, number>();

  /**
   * Reloads `key` with `job` after the reload in flight (if any); calls made while one is already
   * queued join that one, since it starts after all of them. The jobs of one key must be
   * interchangeable. Resolves when a reload that started after this call is done.
   */
  run(key: string, job: () => Promise<void>): Promise<void> {
    const slot = this.slots.get(key);
    if (slot) {
      slot.queued ??= slot.running.then(() => {
        slot.queued = undefined;
        return this.start(key, slot, job);
      });
      return slot.queued;
    }
    const fresh = { running: Promise.resolve(), queued: undefined };
    this.slots.set(key, fresh);
    return this.start(key, fresh, job);
  }

  /** A reload of `key` is running or waiting. */
  busy(key: string): boolean {
    return this.slots.has(key);
  }

  /** Reloads of `key` finished so far. */
  count(key: string): number {
    return this.finished.get(key) ?? 0;
  }

  /** The finished counts of every key now, to compare `count` with later. */
  snapshot(): ReadonlyMap<string, number> {
    return new Map(this.finished);
  }

  private start(
    key: string,
    slot: { running: Promise<void>; queued: Promise<void> | undefined },
    job: () => Promise<void>,
  ): Promise<void> {
    slot.running = job()
      .catch(() => undefined) // the job logs its own failure; the next one must still run
      .finally(() => {
        this.finished.set(key, this.count(key) + 1);
        if (!slot.queued) this.slots.delete(key);
      });
    return slot.running;
  }
}
