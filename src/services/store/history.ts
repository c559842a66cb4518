/**
 * Loading a conversation's history: its newest page (on open, and quietly again after a reconnect),
 * older pages as the user scrolls up, and jumps forward from a point in time (`order: 1`) until they
 * meet what is already loaded, so "jump to first unread" shows every message in between (older pages
 * and that jump load with the late actions: `history-older.ts`, `history-jump.ts`).
 */
import { isChatroomKey } from './chatroom-view.js';
import { mergeMessages, oldestServerTime, toKitMessage } from './messages.js';
import type { ChatroomStore } from './chatrooms.js';
import type { StoreSettings } from './options.js';
import type { Senders } from './senders.js';
import { lateActions, onStore, setMessages, type Slice, type StorePort } from './slice.js';
import { messagesOf, parseConversationKey, type ConversationKey } from './types.js';

/** What the history slice needs besides the port. */
export interface HistoryDeps {
  readonly settings: Pick<StoreSettings, 'historyPageSize'>;
  readonly senders: Senders;
  /** The chatrooms the user opens, once their logic is loaded. */
  readonly chatrooms: () => ChatroomStore | undefined;
}

/** Loading history, for the slices that open conversations and follow reconnects. */
export interface History {
  /** Loads the newest page of a conversation; after a gap (long offline) it replaces what was loaded. */
  loadNewest(key: ConversationKey): Promise<void>;
}

/** The history slice (see the module comment). */
export function createHistorySlice(port: StorePort, deps: HistoryDeps) {
  /** Loads the newest page of a conversation; after a gap (long offline) it replaces what was loaded. */
  async function loadNewest(key: ConversationKey): Promise<void> {
    const before = messagesOf(port.get(), key);
    // A refresh of a loaded list (after a reconnect) happens quietly, without the loading state.
    if (!before.loaded) setMessages(port, key, { ...before, loading: true });
    const res = await port.client.getHistoryMessages(parseConversationKey(key), {
      timestamp: 0,
      count: deps.settings.historyPageSize,
      order: 0,
    });
    const now = messagesOf(port.get(), key);
    if (res.code !== 0 || !res.data) {
      setMessages(port, key, { ...now, loading: false });
      return;
    }
    const page = res.data.list.map((m) => toKitMessage(m));
    const overlaps =
      !now.loaded || page.length === 0 || now.list.some((m) => page.some((p) => p.messageUId === m.messageUId));
    // A gap between what we had and the newest page (long offline): start over from the newest page.
    const base = overlaps ? now.list : now.list.filter((m) => m.sendState !== 'sent');
    setMessages(port, key, {
      list: mergeMessages(base, page),
      hasMore: now.loaded && overlaps ? now.hasMore || res.data.hasMore : res.data.hasMore,
      loading: false,
      loaded: true,
    });
    deps.senders.requestSenders(page);
  }

  // Older pages load with the late actions, on the first scroll up.
  const older = lateActions((late) =>
    late.historyOlder(port, {
      parseConversationKey,
      toKitMessage,
      mergeMessages,
      oldestServerTime,
      setMessages: (key, messages) => setMessages(port, key, messages),
      isChatroomKey,
      messagesOf: (key) => messagesOf(port.get(), key),
      chatrooms: deps.chatrooms,
      loadNewest,
      requestSenders: (page) => deps.senders.requestSenders(page),
      pageSize: deps.settings.historyPageSize,
    }),
  );
  const loadOlder = older('loadOlder');

  // A jump's body loads on the first jump.
  const jump = lateActions((late) =>
    late.historyJump(port, {
      parseConversationKey,
      toKitMessage,
      mergeMessages,
      oldestServerTime,
      setMessages: (key, messages) => setMessages(port, key, messages),
    }),
  );

  const history: History = { loadNewest };
  return {
    actions: {
      /** Loads the page before the oldest loaded message of a conversation (default: the open one). */
      async loadOlderMessages(key: ConversationKey | null = port.get().selected): Promise<void> {
        if (key) return loadOlder(key);
      },
      /** Loads the messages of a conversation sent at or after `sentTime` (a jump to the first unread); resolves when they are in the state. */
      loadMessagesFrom: jump('loadMessagesFrom'),
      /** Where the unread part of a conversation starts, as the server tells it; null when it cannot tell. */
      async loadFirstUnread(key: ConversationKey): Promise<{ messageUId: string; sentTime: number } | null> {
        const res = await port.client.getFirstUnreadMessageInfo(parseConversationKey(key));
        return res.code === 0 && res.data ? res.data : null;
      },
    },
    internal: history,
  } satisfies Slice;
}

/** The history slice's actions. */
export type HistoryActions = ReturnType<typeof createHistorySlice>['actions'];

/** `store.loadMessagesFrom(key, sentTime)` as a function of the store. */
export const loadFrom = onStore<HistoryActions, 'loadMessagesFrom'>('loadMessagesFrom');
/** `store.loadFirstUnread(key)` as a function of the store. */
export const loadFirstUnread = onStore<HistoryActions, 'loadFirstUnread'>('loadFirstUnread');
