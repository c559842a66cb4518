/** Applying the inbox: strictly in seq order, each seq once, with `sync` to fill gaps. */
import { ErrorCode } from '../../protocol/constants.js';
import type { InboxItem, SyncReply, WireConversation } from '../../protocol/frames.js';
import type { IAsyncRes } from './types.js';

/** What the inbox needs from its owner. */
export interface InboxDeps {
  /** Fetches one `sync` page after `since`. */
  fetch(since: number): Promise<IAsyncRes<SyncReply>>;
  /** Hands over new items (ascending seq, none seen before) and the conversations they touch. */
  deliver(items: InboxItem[], conversations: WireConversation[], offline: boolean): void;
  /** A sync needed to fill a gap failed; the owner drops the socket so a reconnect resyncs. */
  onSyncFailed(code: number): void;
  /**
   * Resolves once `deliver` can run (its code loads with the late tables, late-tables.ts); every
   * task waits for it. When it fails, the task fails and `onSyncFailed` is told, as for a failed sync.
   */
  ready(): Promise<unknown>;
}

const bySeq = (a: InboxItem, b: InboxItem) => a.seq - b.seq;

/**
 * The per-user inbox cursor. All work runs through one queue, so a live push that arrives while a
 * sync is paging waits for it, and items are delivered in seq order exactly once.
 */
export class InboxSync {
  /** The highest seq delivered to the app. */
  lastSeq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: InboxDeps) {}

  /** Starts over at `lastSeq` (a fresh session: earlier items are loaded through history instead). */
  reset(lastSeq: number): void {
    this.lastSeq = lastSeq;
  }

  /** Pages through `sync` until caught up; resolves with 0 or the failing ErrorCode. */
  pull(): Promise<number> {
    return this.enqueue(() => this.pullAll());
  }

  /**
   * Applies a live push; a gap before its items triggers a sync instead. Items with seq 0 are
   * live-only (status messages) and are delivered as they come.
   */
  push(items: InboxItem[], conversations: WireConversation[]): void {
    void this.enqueue(async () => {
      // seq 0 marks live-only items (status messages such as typing): never stored, no cursor.
      const live = items.filter((item) => item.seq === 0);
      if (live.length > 0) this.deps.deliver(live, [], false);
      const fresh = items.filter((item) => item.seq > this.lastSeq).sort(bySeq);
      if (fresh.length === 0) return;
      const contiguous = fresh.every((item, i) => item.seq === this.lastSeq + 1 + i);
      if (!contiguous) {
        // Something was missed (e.g. pushed while a previous socket was dying): fetch it all.
        const code = await this.pullAll();
        if (code !== ErrorCode.SUCCESS) this.deps.onSyncFailed(code);
        return;
      }
      this.lastSeq = fresh[fresh.length - 1]!.seq;
      this.deps.deliver(fresh, conversations, false);
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const ready = () =>
      this.deps.ready().catch((error: unknown) => {
        this.deps.onSyncFailed(ErrorCode.UNKNOWN);
        throw error;
      });
    const run = this.queue.then(ready).then(task);
    // A failing task must not wedge the queue for the ones after it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async pullAll(): Promise<number> {
    for (;;) {
      const res = await this.deps.fetch(this.lastSeq);
      if (res.code !== ErrorCode.SUCCESS || !res.data) return res.code || ErrorCode.UNKNOWN;
      const { items, conversations, hasMore, lastSeq } = res.data;
      const fresh = items.filter((item) => item.seq > this.lastSeq).sort(bySeq);
      if (fresh.length > 0) {
        this.lastSeq = fresh[fresh.length - 1]!.seq;
        this.deps.deliver(fresh, conversations, true);
      } else if (items.length === 0 && !hasMore && lastSeq > this.lastSeq) {
        // Nothing left to fetch below the server's head (expired items): move the cursor up.
        this.lastSeq = lastSeq;
      }
      // Stop when caught up, or when a page made no progress (never loop on a confused server).
      if (!hasMore || fresh.length === 0) return ErrorCode.SUCCESS;
    }
  }
}
