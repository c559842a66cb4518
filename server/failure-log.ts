/**
 * Logging a failure that repeats while an engine is away (a sweep every second, a publish per
 * message): one line when it starts failing, at most one summary a minute while it goes on, and
 * one line when it works again, instead of a line (or a stack trace) per attempt.
 */
export class FailureLog {
  private failures = 0;
  private lastLine = 0;

  constructor(
    /** What fails, as the start of each line (`chatroom: cluster sweep`). */
    private readonly what: string,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
    private readonly repeatMs = 60_000,
  ) {}

  failed(error: unknown): void {
    const message = (error as Error)?.message ?? String(error);
    this.failures++;
    if (this.failures === 1) {
      this.lastLine = this.now();
      this.log(`${this.what} failed: ${message} (repeats are summarised until it works again)`);
    } else if (this.now() - this.lastLine >= this.repeatMs) {
      this.lastLine = this.now();
      this.log(`${this.what} still failing (${this.failures} times so far): ${message}`);
    }
  }

  succeeded(): void {
    if (this.failures === 0) return;
    this.log(`${this.what} works again (after ${this.failures} failures)`);
    this.failures = 0;
  }
}

/** The refusal's message when an operation needed Redis and Redis is away (code 33002). */
export const BUS_UNAVAILABLE = 'the cluster bus is unavailable; retry';

/**
 * Whether an error is ioredis saying Redis cannot be reached now (the connection is down and
 * commands fail fast), rather than a command being wrong.
 */
export function isRedisUnavailable(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  if (e?.name === 'MaxRetriesPerRequestError') return true;
  return /Stream isn't writeable|Connection is closed|enableOfflineQueue|ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(
    e?.message ?? '',
  );
}
