/**
 * Posts batches of events to an app's URL, signed like the Server API (App-Key, Nonce, Timestamp,
 * Signature) plus a `Body-Signature` over the body, so the app can tell the events came from its
 * server. Queued and asynchronous (never blocks delivery), in order, in batches; a failed POST is
 * retried with exponential backoff, then dropped and logged. Used by the chatroom status sync and
 * the offline push webhook.
 */
import { randomBytes } from 'node:crypto';
import { signBody, signRequest } from '../api/signature.js';
import type { Clock } from '../clock.js';

export interface SignedPostOptions<T> {
  url: string;
  appKey: string;
  appSecret: string;
  clock: Clock;
  /** Attempts after the first (a 4xx other than 408/429 is final: the app refused the batch). */
  retries: number;
  /** Wait before the first retry, ms; doubled each time. */
  backoffMs: number;
  /** Events per POST at most (default 100). */
  batchMax?: number;
  /** How long to wait for more events before posting a batch, ms (default 0: post at once). */
  batchDelayMs?: number;
  /** Events waiting at most; beyond, the oldest are dropped and counted (default 10000). */
  maxQueued?: number;
  /** A POST that takes longer is abandoned and retried, ms (default 10000). */
  timeoutMs?: number;
  /** The JSON body of one batch (default: the array of events). */
  body?: (batch: T[]) => unknown;
  /** Name in log lines. */
  name: string;
  /** Called with a 2xx answer's body (a chatbot's reply); bodies over 64 KiB are cut to ''. */
  onAnswer?(batch: T[], body: string): void;
  log(line: string): void;
}

export interface SignedPostStats {
  posted: number;
  failedAttempts: number;
  dropped: number;
}

export class SignedPostQueue<T> {
  /** Events, or the promise of one whose outcome is not known yet (null: nothing to post). */
  private queue: Array<T | Promise<T | null>> = [];
  private running = false;
  private closed = false;
  readonly stats: SignedPostStats = { posted: 0, failedAttempts: 0, dropped: 0 };

  constructor(private readonly options: SignedPostOptions<T>) {}

  /**
   * Queues an event; returns at once. A promise keeps the event's place in the order until it
   * settles; null or a rejection posts nothing.
   */
  push(event: T | Promise<T | null>): void {
    if (this.closed) return;
    this.queue.push(event);
    const overflow = this.queue.length - (this.options.maxQueued ?? 10_000);
    if (overflow > 0) {
      this.queue.splice(0, overflow);
      this.stats.dropped += overflow;
    }
    if (!this.running) void this.drain();
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  close(): void {
    this.closed = true;
    this.queue = [];
  }

  private async drain(): Promise<void> {
    this.running = true;
    const batchMax = this.options.batchMax ?? 100;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const delay = this.options.batchDelayMs ?? 0;
        if (delay > 0 && this.queue.length < batchMax) await new Promise((r) => setTimeout(r, delay).unref?.());
        const batch: T[] = [];
        while (batch.length < batchMax && this.queue.length > 0) {
          const next = this.queue.shift()!;
          const event = next instanceof Promise ? await next.catch(() => null) : next;
          if (event !== null) batch.push(event);
        }
        if (batch.length === 0) continue;
        if (!(await this.postWithRetry(batch))) {
          this.stats.dropped += batch.length;
          this.options.log(
            `${this.options.name}: dropped ${batch.length} events after ${this.options.retries} retries`,
          );
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async postWithRetry(batch: T[]): Promise<boolean> {
    const body = JSON.stringify(this.options.body ? this.options.body(batch) : batch);
    for (let attempt = 0; attempt <= this.options.retries && !this.closed; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.options.backoffMs * 2 ** (attempt - 1)).unref?.());
      let status = 0;
      try {
        let answer: string;
        [status, answer] = await this.post(body);
        if (status >= 200 && status < 300) {
          this.stats.posted += batch.length;
          this.options.onAnswer?.(batch, answer);
          return true;
        }
      } catch {
        // Network error or timeout: retried below.
      }
      this.stats.failedAttempts++;
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        this.options.log(`${this.options.name}: ${this.options.url} refused a batch with HTTP ${status}`);
        return false;
      }
    }
    return false;
  }

  private async post(body: string): Promise<[number, string]> {
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
        'Body-Signature': signBody(this.options.appSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const answer = await res.arrayBuffer();
    return [
      res.status,
      this.options.onAnswer && answer.byteLength <= 65_536 ? Buffer.from(answer).toString('utf8') : '',
    ];
  }
}
