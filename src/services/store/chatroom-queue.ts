/**
 * The open chatroom's mic queue in the kit (Parley; seeds 003): fetched on demand (`<chatroom-queue>`
 * asks), then kept live by the `chatroomQueueChange` events every member gets; joining under the
 * user's own key and leaving again. Loaded with the first queue action, so pages that show no queue
 * never fetch it.
 */
import { ChatroomLimits, ErrorCode } from '../../protocol/constants.js';
import type { ChatroomEventPayload, ChatroomQueueEntry } from '../../protocol/chatroom.js';
import type { KitClient } from './client-port.js';
import type { ChatroomView, ConversationKey, KitState } from './types.js';

type QueueChange = NonNullable<ChatroomEventPayload['chatroomQueueChange']>;

/** Pages fetched at most: the server's default queue cap (500) in pages of 100. */
const MAX_PAGES = 5;

/** What the queue needs from the store. */
export interface ChatroomQueueHost {
  readonly client: KitClient;
  state(): KitState;
  /** Replaces a room's queue (the room may be gone meanwhile: then nothing happens). */
  setQueue(key: ConversationKey, queue: readonly ChatroomQueueEntry[]): void;
  /** Fetches owners' profiles, for their names. */
  requestUsers(ids: Iterable<string>): void;
}

/** The queue after one change event: an offer adds at the end or changes in place; poll and remove take one out. */
export function applyQueueChange(
  queue: readonly ChatroomQueueEntry[],
  change: QueueChange,
): readonly ChatroomQueueEntry[] {
  if (change.type === 'clear') return [];
  const at = queue.findIndex((e) => e.key === change.key);
  if (change.type !== 'offer') return at < 0 ? queue : queue.filter((_, i) => i !== at);
  if (at < 0) return [...queue, { key: change.key, value: change.value, userId: change.userId ?? '' }];
  // A change keeps the entry's place and owner (the server's rule).
  return queue.map((e, i) => (i === at ? { ...e, value: change.value } : e));
}

/** The mic queues of the store's rooms. */
export class ChatroomQueueStore {
  readonly #host: ChatroomQueueHost;
  /** Events that arrived while a room's list was being fetched: replayed on the fetched list. */
  readonly #pending = new Map<string, QueueChange[]>();

  constructor(host: ChatroomQueueHost) {
    this.#host = host;
  }

  /** Fetches a joined room's queue (every page); resolves with the result code. */
  async load(key: ConversationKey): Promise<number> {
    const room = this.#room(key);
    const calls = this.#host.client.getChatroomRoles?.();
    if (!calls) return ErrorCode.NOT_SUPPORT;
    if (room?.status !== 'joined') return ErrorCode.NOT_IN_CHATROOM;
    if (this.#pending.has(room.chatroomId)) return ErrorCode.SUCCESS; // already loading
    this.#pending.set(room.chatroomId, []);
    try {
      const entries: ChatroomQueueEntry[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await calls.queueList(room.chatroomId, {
          offset: entries.length,
          count: ChatroomLimits.QUEUE_PAGE_MAX,
        });
        if (res.code !== ErrorCode.SUCCESS || !res.data) return res.code;
        entries.push(...res.data);
        if (res.data.length < ChatroomLimits.QUEUE_PAGE_MAX) break;
      }
      // Applying an event the list already holds changes nothing (offers replace, removals find nothing).
      const queue = (this.#pending.get(room.chatroomId) ?? []).reduce<readonly ChatroomQueueEntry[]>(
        applyQueueChange,
        entries,
      );
      this.#host.setQueue(key, queue);
      this.#requestOwners(queue);
      return ErrorCode.SUCCESS;
    } finally {
      this.#pending.delete(room.chatroomId);
    }
  }

  /** A `chatroomQueueChange` event: moves a fetched queue along (an unfetched one stays unfetched). */
  onChange(key: ConversationKey, change: QueueChange): void {
    const pending = this.#pending.get(change.chatroomId);
    if (pending) pending.push(change);
    const queue = this.#room(key)?.queue;
    if (!queue) return;
    const next = applyQueueChange(queue, change);
    this.#host.setQueue(key, next);
    if (change.type === 'offer' && change.userId) this.#host.requestUsers([change.userId]);
  }

  /** Joins the queue under the user's id (`transient`: the entry leaves when the user leaves the room). */
  async offer(key: ConversationKey, value: string): Promise<number> {
    const room = this.#room(key);
    const calls = this.#host.client.getChatroomRoles?.();
    if (!calls) return ErrorCode.NOT_SUPPORT;
    if (!room) return ErrorCode.NOT_IN_CHATROOM;
    return (await calls.queueOffer(room.chatroomId, this.#host.state().userId, value, { transient: true })).code;
  }

  /** Takes the user's own entry out of the queue. */
  async leave(key: ConversationKey): Promise<number> {
    const room = this.#room(key);
    const calls = this.#host.client.getChatroomRoles?.();
    if (!calls) return ErrorCode.NOT_SUPPORT;
    if (!room) return ErrorCode.NOT_IN_CHATROOM;
    return (await calls.queuePoll(room.chatroomId, this.#host.state().userId)).code;
  }

  #requestOwners(queue: readonly ChatroomQueueEntry[]): void {
    const ids = new Set(queue.map((e) => e.userId).filter(Boolean));
    if (ids.size) this.#host.requestUsers(ids);
  }

  #room(key: ConversationKey): ChatroomView | undefined {
    return this.#host.state().chatrooms[key];
  }
}
