/**
 * The conversation list beyond its first page (seeds: `getConversationList` with `startTime`/`count`):
 * `<conversation-list>` asks for the next page when the user scrolls to its end. A page starts at the
 * oldest conversation the kit holds from the server (pinned ones all come with the first page), so
 * live updates, which only make conversations newer, never shift it.
 */
import { findConversation, toKitConversation } from './conversations.js';
import { intercepted } from './conversation-updates.js';
import { requestLatestSenders } from './senders.js';
import type { KitStore } from './store.js';
import { conversationKey } from './types.js';

interface Paging {
  /** The running request, shared by callers. */
  loading: Promise<boolean> | null;
  /** A start time whose page came back with nothing new: the list is complete below it. */
  exhaustedAt: number | null;
}

const paging = new WeakMap<KitStore, Paging>();

/** Where the next page starts: the oldest unpinned conversation the server listed (0: nothing yet). */
function nextStart(store: KitStore): number {
  let oldest = 0;
  for (const c of store.state.conversationList) {
    if (c.local || c.isTop) continue;
    if (oldest === 0 || c.updatedTime < oldest) oldest = c.updatedTime;
  }
  return oldest;
}

/**
 * Loads the page of conversations older than those listed (`conversationPullCount` of them) and
 * adds them to the list. Resolves true when it added any; false at the end of the list (then later
 * calls do nothing until the list changes), before the first page, or on failure.
 */
export function loadMoreConversations(store: KitStore): Promise<boolean> {
  let state = paging.get(store);
  if (!state) paging.set(store, (state = { loading: null, exhaustedAt: null }));
  const start = nextStart(store);
  if (!store.state.conversationsLoaded || start === 0 || state.exhaustedAt === start) return Promise.resolve(false);
  if (state.loading) return state.loading;
  const own = state;
  own.loading = fetchPage(store, start)
    .then((added) => {
      if (!added) own.exhaustedAt = start;
      return added;
    })
    .finally(() => {
      own.loading = null;
    });
  return own.loading;
}

async function fetchPage(store: KitStore, startTime: number): Promise<boolean> {
  const count = store._settings.conversationPullCount;
  const res = await store.client.getConversationList({ count, startTime, order: 0 });
  if (res.code !== 0 || !Array.isArray(res.data)) return false;
  const fresh = res.data
    .filter((c) => !intercepted(store, c) && !findConversation(store.state, conversationKey(c)))
    .map((c) => toKitConversation(c));
  if (fresh.length === 0) return false;
  store._setConversations([...store.state.conversationList, ...fresh]);
  void store.profiles.requestConversations(fresh);
  requestLatestSenders(store, fresh);
  return true;
}
