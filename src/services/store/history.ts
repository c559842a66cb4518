/**
 * Loading a conversation's history: its newest page (on open, and quietly again after a reconnect),
 * older pages as the user scrolls up, and jumps forward from a point in time (`order: 1`) until they
 * meet what is already loaded, so "jump to first unread" shows every message in between.
 */
import { isChatroomKey } from './chatroom-view.js';
import { mergeMessages, oldestServerTime, toKitMessage } from './messages.js';
import { requestSenders } from './senders.js';
import type { KitStore } from './store.js';
import { messagesOf, parseConversationKey, type ConversationKey } from './types.js';

/** Messages per forward page (the client's maximum). */
const PAGE = 100;
/** Forward pages at most per jump (10 000 messages). */
const MAX_PAGES = 100;

/** Loads the newest page of a conversation; after a gap (long offline) it replaces what was loaded. */
export async function loadNewest(store: KitStore, key: ConversationKey): Promise<void> {
  const before = messagesOf(store.state, key);
  // A refresh of a loaded list (after a reconnect) happens quietly, without the loading state.
  if (!before.loaded) store._setMessages(key, { ...before, loading: true });
  const res = await store.client.getHistoryMessages(parseConversationKey(key), {
    timestamp: 0,
    count: store._settings.historyPageSize,
    order: 0,
  });
  const now = messagesOf(store.state, key);
  if (res.code !== 0 || !res.data) {
    store._setMessages(key, { ...now, loading: false });
    return;
  }
  const page = res.data.list.map((m) => toKitMessage(m));
  const overlaps = !now.loaded || page.length === 0 || now.list.some((m) => page.some((p) => p.messageUId === m.messageUId));
  // A gap between what we had and the newest page (long offline): start over from the newest page.
  const base = overlaps ? now.list : now.list.filter((m) => m.sendState !== 'sent');
  store._setMessages(key, {
    list: mergeMessages(base, page),
    hasMore: now.loaded && overlaps ? now.hasMore || res.data.hasMore : res.data.hasMore,
    loading: false,
    loaded: true,
  });
  requestSenders(store, page);
}

/** Loads the page before the oldest loaded message of a conversation (a room's only while the user is in it). */
export async function loadOlder(store: KitStore, key: ConversationKey): Promise<void> {
  const room = isChatroomKey(key);
  const chatrooms = store._chatrooms;
  // Parley: a room pages back through its stored history, only while the user is in it (so its logic is loaded).
  if (room && !chatrooms?.canLoadHistory(key)) return;
  const current = messagesOf(store.state, key);
  if (!current.loaded) return room ? undefined : loadNewest(store, key);
  if (current.loading || !current.hasMore) return;
  store._setMessages(key, { ...current, loading: true });
  const option = { timestamp: oldestServerTime(current.list), count: store._settings.historyPageSize, order: 0 as const };
  const res = room && chatrooms ? await chatrooms.history(key, option) : await store.client.getHistoryMessages(parseConversationKey(key), option);
  if (room && !store.state.chatrooms[key]) return; // left meanwhile: its messages are gone
  const now = messagesOf(store.state, key);
  if (res.code !== 0 || !res.data) {
    // A room without stored history (23414), or one the user left, has nothing more to show.
    store._setMessages(key, { ...now, loading: false, hasMore: room ? false : now.hasMore });
    return;
  }
  const page = res.data.list.map((m) => toKitMessage(m));
  store._setMessages(key, {
    ...now,
    list: mergeMessages(now.list, page),
    hasMore: res.data.hasMore,
    loading: false,
  });
  requestSenders(store, page);
}

/** Loads the messages sent at or after `sentTime`; resolves when they are in the store. */
export async function loadFrom(store: KitStore, key: ConversationKey, sentTime: number): Promise<void> {
  const start = store.state.messages[key];
  if (!start?.loaded) return;
  const oldest = oldestServerTime(start.list);
  if (oldest !== 0 && oldest <= sentTime) return;
  let from = sentTime - 1;
  for (let i = 0; i < MAX_PAGES; i++) {
    const res = await store.client.getHistoryMessages(parseConversationKey(key), { timestamp: from, count: PAGE, order: 1 });
    if (res.code !== 0 || !res.data) return;
    const page = res.data.list.map((m) => toKitMessage(m));
    const now = store.state.messages[key];
    if (!now) return;
    // Older messages than the first unread may exist: keep paging back possible.
    store._setMessages(key, { ...now, list: mergeMessages(now.list, page), hasMore: true });
    const last = page.at(-1);
    if (!last || !res.data.hasMore || (oldest !== 0 && last.sentTime >= oldest)) return;
    from = last.sentTime;
  }
}

/** Where the unread part of a conversation starts, as the server tells it; null when it cannot tell. */
export async function loadFirstUnread(store: KitStore, key: ConversationKey): Promise<{ messageUId: string; sentTime: number } | null> {
  const res = await store.client.getFirstUnreadMessageInfo(parseConversationKey(key));
  return res.code === 0 && res.data ? res.data : null;
}
