/**
 * The history slice's `loadOlderMessages`: the page before the oldest loaded message, as the user
 * scrolls up (a room's only while the user is in it). Loaded with the late actions
 * (`late-actions.ts`): opening a conversation loads its newest page, which stays in the history slice.
 */
import type { IReceivedMessage } from '../client/types.js';
import type { ChatroomStore } from './chatrooms.js';
import type { HistoryJumpHelpers } from './history-jump.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, ConversationMessages } from './types.js';

/** What the older pages use of the history slice and the store's modules. */
export interface HistoryOlderHelpers extends HistoryJumpHelpers {
  readonly isChatroomKey: (key: ConversationKey) => boolean;
  readonly messagesOf: (key: ConversationKey) => ConversationMessages;
  /** The chatrooms the user opens, once their logic is loaded. */
  readonly chatrooms: () => Pick<ChatroomStore, 'canLoadHistory' | 'history'> | undefined;
  /** Loads the newest page (the history slice's `loadNewest`). */
  readonly loadNewest: (key: ConversationKey) => Promise<void>;
  readonly requestSenders: (messages: readonly IReceivedMessage[]) => void;
  readonly pageSize: number;
}

/** The body of the history slice's `loadOlderMessages` (for a conversation key). */
export function historyOlder(port: StorePort, h: HistoryOlderHelpers) {
  return {
    async loadOlder(key: ConversationKey): Promise<void> {
      const room = h.isChatroomKey(key);
      const chatrooms = h.chatrooms();
      // Parley: a room pages back through its stored history, only while the user is in it (so its logic is loaded).
      if (room && !chatrooms?.canLoadHistory(key)) return;
      const current = h.messagesOf(key);
      if (!current.loaded) return room ? undefined : h.loadNewest(key);
      if (current.loading || !current.hasMore) return;
      h.setMessages(key, { ...current, loading: true });
      const option = { timestamp: h.oldestServerTime(current.list), count: h.pageSize, order: 0 as const };
      const res =
        room && chatrooms
          ? await chatrooms.history(key, option)
          : await port.client.getHistoryMessages(h.parseConversationKey(key), option);
      if (room && !port.get().chatrooms[key]) return; // left meanwhile: its messages are gone
      const now = h.messagesOf(key);
      if (res.code !== 0 || !res.data) {
        // A room without stored history (23414), or one the user left, has nothing more to show.
        h.setMessages(key, { ...now, loading: false, hasMore: room ? false : now.hasMore });
        return;
      }
      const page = res.data.list.map((m) => h.toKitMessage(m));
      h.setMessages(key, { ...now, list: h.mergeMessages(now.list, page), hasMore: res.data.hasMore, loading: false });
      h.requestSenders(page);
    },
  };
}
