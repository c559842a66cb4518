/** Request ids, the pending-reply map and per-request timeouts. */
import type { ReplyFrame } from '../../protocol/frames.js';
import type { IAsyncRes } from './types.js';

interface Pending {
  resolve: (res: IAsyncRes<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Tracks requests that wait for a reply. Every request ends exactly once: with its reply, with its
 * timeout code, or with the code given to `failAll` when the socket goes away.
 */
export class RequestTracker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Number of requests still waiting. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Registers a request and returns its id and the promise of its result. The promise resolves with
   * `{ code: timeoutCode }` if no reply arrives within `timeoutMs`.
   */
  open<T>(timeoutMs: number, timeoutCode: number): { id: number; result: Promise<IAsyncRes<T>> } {
    const id = this.nextId++;
    const result = new Promise<IAsyncRes<T>>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ code: timeoutCode, msg: 'no reply in time' });
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (res: IAsyncRes<unknown>) => void, timer });
    });
    return { id, result };
  }

  /** Settles the request a reply answers; returns false for unknown or late replies. */
  settle(reply: ReplyFrame): boolean {
    if (reply.reply === null) return false;
    const entry = this.pending.get(reply.reply);
    if (!entry) return false;
    this.pending.delete(reply.reply);
    clearTimeout(entry.timer);
    const res: IAsyncRes<unknown> = { code: reply.code };
    if (reply.msg !== undefined) res.msg = reply.msg;
    if (reply.data !== undefined) res.data = reply.data;
    entry.resolve(res);
    return true;
  }

  /** Settles one request without a reply (e.g. the frame could not be sent). */
  fail(id: number, code: number, msg?: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(msg === undefined ? { code } : { code, msg });
  }

  /** Settles every waiting request with `code`. */
  failAll(code: number, msg?: string): void {
    for (const id of [...this.pending.keys()]) this.fail(id, code, msg);
  }
}
