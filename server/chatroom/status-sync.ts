/**
 * Status sync to the app's server (seeds: chatroom status sync and KV sync): room create, destroy,
 * join, quit and attribute changes are POSTed as JSON to a configured URL, signed like the Server
 * API (App-Key, Nonce, Timestamp, Signature). Posting is queued and asynchronous, so it never
 * blocks message delivery; failures are retried with exponential backoff, then dropped and logged.
 */
import { randomBytes } from 'node:crypto';
import { signRequest } from '../api/signature.js';
import type { Clock } from '../clock.js';

/** One status change. `type` create | destroy | join | quit | kv. */
export interface StatusEvent {
  type: 'create' | 'destroy' | 'join' | 'quit' | 'kv';
  chatroomId: string;
  userIds: string[];
  time: number;
  /** For `kv`: the entries that changed (`type` 1 set, 2 delete). */
  entries?: Array<{ key: string; value: string; type: number; userId: string }>;
}

export interface StatusSyncOptions {
  url: string;
  appKey: string;
  appSecret: string;
  clock: Clock;
  retries: number;
  backoffMs: number;
  log(line: string): void;
}

/** Events per POST at most; a burst is sent as a few batches, in order. */
const BATCH_MAX = 100;

/** A queue of status events POSTed in order, in batches. */
export class StatusSync {
  /** Events, or the promise of one whose outcome is not known yet (null: nothing to post). */
  private queue: Array<StatusEvent | Promise<StatusEvent | null>> = [];
  private running = false;
  private closed = false;
  /** Counters for metrics. */
  readonly stats = { posted: 0, failedAttempts: 0, dropped: 0 };

  constructor(private readonly options: StatusSyncOptions) {}

  /**
   * Queues an event; returns at once. A promise keeps the event's place in the order until it
   * settles (a room's `create` is known only once its insert has won); null or a rejection posts nothing.
   */
  push(event: StatusEvent | Promise<StatusEvent | null>): void {
    if (this.closed) return;
    this.queue.push(event);
    if (!this.running) void this.drain();
  }

  /** Resolves when the queue is empty (tests). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  close(): void {
    this.closed = true;
    this.queue = [];
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch: StatusEvent[] = [];
        while (batch.length < BATCH_MAX && this.queue.length > 0) {
          const next = this.queue.shift()!;
          const event = next instanceof Promise ? await next.catch(() => null) : next;
          if (event) batch.push(event);
        }
        if (batch.length === 0) continue;
        if (!(await this.postWithRetry(batch))) {
          this.stats.dropped += batch.length;
          this.options.log(`status-sync: dropped ${batch.length} events after ${this.options.retries} retries`);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async postWithRetry(batch: StatusEvent[]): Promise<boolean> {
    for (let attempt = 0; attempt <= this.options.retries && !this.closed; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.options.backoffMs * 2 ** (attempt - 1)).unref?.());
      try {
        if (await this.post(batch)) {
          this.stats.posted += batch.length;
          return true;
        }
      } catch {
        // Network error: retried below.
      }
      this.stats.failedAttempts++;
    }
    return false;
  }

  private async post(batch: StatusEvent[]): Promise<boolean> {
    const nonce = randomBytes(12).toString('hex');
    const timestamp = String(this.options.clock.now());
    const res = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'App-Key': this.options.appKey,
        Nonce: nonce,
        Timestamp: timestamp,
        Signature: signRequest(this.options.appSecret, nonce, timestamp),
      },
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.ok;
  }
}
