/**
 * The one ordered queue of a node's chatroom state writes (rooms, KV, roles, queue, moderation
 * lists, history), and the rule that an acknowledgement waits for them: `durably` runs an operation
 * and resolves only once the writes it queued are committed, so a KV set, role change or gag a
 * client or the Server API saw succeed survives the node being killed right after.
 */
import type { ChatroomState } from '../storage/chatroom-state.js';
import { StorageUnavailableError } from '../storage/unavailable.js';

export class StateWrites {
  private chain: Promise<unknown> = Promise.resolve();
  /** The commits of the writes queued by the `durably` operation running now. */
  private collecting: Array<Promise<void>> | undefined;

  constructor(
    private readonly state: ChatroomState,
    /** Tells the other nodes to reload a room (`''` = the lists) once its write is committed. */
    private readonly announce: (roomId: string) => unknown,
    private readonly log?: (line: string) => void,
  ) {}

  /**
   * Queues a write after every earlier one; once it commits, announces `roomId` (null: history,
   * nothing to announce). Resolves when committed, rejects when it failed (also logged).
   */
  persist(roomId: string | null, write: (state: ChatroomState) => Promise<unknown>): Promise<void> {
    const committed = this.chain.then(() => write(this.state)).then(() => undefined);
    this.chain = committed.then(
      () => roomId !== null && this.announce(roomId),
      (error: Error) => this.log?.(`chatroom: saving ${roomId ?? 'history'} failed: ${error.message}`),
    );
    this.collecting?.push(committed);
    return committed;
  }

  /**
   * Runs an operation and resolves with its result once the writes it queued are committed.
   * Rejects with `StorageUnavailableError` (33002) when one of them failed. Writes queued after the
   * operation's first `await` are waited for too (everything queued before it resolved), but
   * their failures are only logged.
   */
  async durably<T>(operation: () => T | Promise<T>): Promise<T> {
    const outer = this.collecting;
    const mine: Array<Promise<void>> = [];
    this.collecting = mine;
    let pending: T | Promise<T>;
    try {
      pending = operation();
    } finally {
      this.collecting = outer;
      outer?.push(...mine);
    }
    const result = await pending;
    await this.chain;
    try {
      await Promise.all(mine);
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
    return result;
  }

  /** Resolves when every queued write is done (tests, shutdown). */
  flushed(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}
