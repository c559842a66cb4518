/**
 * How the conversation list follows what happens: the fetched list, each conversation's latest
 * message and local unread count as messages arrive or go out, the app's `customIntercept`, and
 * clearing the unread count of the open conversation while the user can see it.
 */
import type { IReceivedConversation } from '../client/types.js';
import { isChatroomKey } from './chatroom-view.js';
import { countsAsUnread, emptyConversation, findConversation, toKitConversation } from './conversations.js';
import { requestLatestSenders } from './senders.js';
import type { KitStore } from './store.js';
import { parseConversationKey, type ConversationKey, type KitMessage } from './types.js';

/** Fetches the newest conversations and merges them with the entries the kit holds in memory. */
export async function fetchConversations(store: KitStore): Promise<void> {
  const res = await store.client.getConversationList({ count: store._settings.conversationPullCount });
  if (res.code !== 0 || !Array.isArray(res.data)) return;
  const fetched = res.data
    .filter((c) => !intercepted(store, c))
    .map((c) => toKitConversation(c));
  const keys = new Set(fetched.map((c) => c.key));
  // Keep in-memory conversations (selected by the app, not yet on the server), newer snapshots, and
  // the older pages the user scrolled to (conversation-pages.ts) when this page is a full one.
  const unpinned = fetched.filter((c) => !c.isTop);
  const pageEnd = unpinned.length >= store._settings.conversationPullCount ? Math.min(...unpinned.map((c) => c.updatedTime)) : 0;
  const kept = store.state.conversationList.filter(
    (c) => !keys.has(c.key) && (c.local || c.key === store.state.selected || (!c.isTop && c.updatedTime < pageEnd)),
  );
  const merged = fetched.map((c) => {
    const mine = findConversation(store.state, c.key);
    return mine && mine.updatedTime > c.updatedTime ? { ...mine, local: false } : c;
  });
  store._setConversations([...merged, ...kept]);
  store._patch({ conversationsLoaded: true });
  void store.profiles.requestConversations(fetched);
  requestLatestSenders(store, fetched);
  const selected = store.state.selected;
  if (selected) markReadIfOpen(store, selected);
}

/** Moves a conversation's latest message forward when `message` is newer; counts unread locally. */
export function touchConversation(store: KitStore, key: ConversationKey, message: KitMessage): void {
  if (isChatroomKey(key)) return;
  const found = findConversation(store.state, key);
  const entry = found ?? emptyConversation(parseConversationKey(key), 0);
  // A new message must not bring back a conversation the app hides.
  if (!found && key !== store.state.selected && intercepted(store, { ...entry, latestMessage: message })) return;
  const latest = entry.latestMessage;
  const sameAsLatest =
    !!latest &&
    ((!!message.messageUId && latest.messageUId === message.messageUId) ||
      (latest.messageId === message.messageId && latest.senderUserId === message.senderUserId));
  if (sameAsLatest) {
    store._putConversation({ ...entry, latestMessage: message });
    return;
  }
  if (latest && latest.sentTime > message.sentTime) return;
  const open = key === store.state.selected && store._settings.isVisible();
  const unread = entry.unreadMessageCount + (countsAsUnread(message) && !open ? 1 : 0);
  store._putConversation({
    ...entry,
    latestMessage: message,
    updatedTime: Math.max(entry.updatedTime, message.sentTime),
    unreadMessageCount: unread,
    local: entry.local && message.sendState !== 'sent',
  });
}

/** Adds an in-memory entry for a conversation the list lacks; chatrooms are never listed. */
export function ensureListed(store: KitStore, key: ConversationKey): void {
  if (isChatroomKey(key) || findConversation(store.state, key)) return;
  store._setConversations([...store.state.conversationList, emptyConversation(parseConversationKey(key), Date.now())]);
}

/** Clears the unread count of `key` when it is the open conversation and the user can see the page. */
export function markReadIfOpen(store: KitStore, key: ConversationKey): void {
  if (key !== store.state.selected || !store._settings.isVisible()) return;
  const entry = findConversation(store.state, key);
  if (!entry || entry.local || entry.unreadMessageCount === 0) return;
  store.markRead(parseConversationKey(key));
}

/** The app's `customIntercept`; a throwing callback hides nothing. */
export function intercepted(store: KitStore, conversation: IReceivedConversation): boolean {
  const intercept = store._settings.customIntercept?.interceptConversation;
  if (typeof intercept !== 'function') return false;
  try {
    return intercept(conversation) === true;
  } catch (error) {
    console.error('[parley] customIntercept.interceptConversation threw', error);
    return false;
  }
}
