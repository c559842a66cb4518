/**
 * History jumps: loads a conversation's messages from a point in time forward (`order: 1`) until
 * they meet what is already loaded, so "jump to first unread" shows every message in between.
 */
import { mergeMessages, oldestServerTime, toKitMessage } from './messages.js';
import type { KitStore } from './store.js';
import { parseConversationKey, type ConversationKey } from './types.js';

/** Messages per forward page (the client's maximum). */
const PAGE = 100;
/** Forward pages at most per jump (10 000 messages). */
const MAX_PAGES = 100;

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
