/**
 * How the conversation list follows what happens: the fetched list and pushed snapshots, each
 * conversation's latest message and local unread count as messages arrive or go out, the app's
 * `customIntercept`, and clearing the unread count of the open conversation while the user can see
 * it. The conversations slice (`conversation-actions.ts`) and the slices that send and receive
 * messages share these through `ConversationUpdates`. The next pages of the list load with the late
 * actions (`conversation-pages.ts`).
 */
import type { IConversationEvent, IConversationOption, IReceivedConversation } from '../client/types.js';
import { isChatroomKey } from './chatroom-view.js';
import { byRecency, countsAsUnread, emptyConversation, findConversation, toKitConversation } from './conversations.js';
import type { StoreSettings } from './options.js';
import type { Senders } from './senders.js';
import { lateActions, type StorePort } from './slice.js';
import {
  conversationKey,
  parseConversationKey,
  type ConversationKey,
  type KitConversation,
  type KitMessage,
} from './types.js';

/** What the conversation list's upkeep needs besides the port. */
export interface ConversationUpdatesDeps {
  readonly settings: Pick<StoreSettings, 'conversationPullCount' | 'customIntercept' | 'isVisible'>;
  readonly senders: Senders;
  /** Fetches conversations' names and avatars. */
  readonly requestConversations: (conversations: Iterable<IConversationOption>) => unknown;
}

/** The list's upkeep, for the slices that change conversations. */
export interface ConversationUpdates {
  /** Replaces the conversation list (it re-sorts). */
  setConversations(list: readonly KitConversation[]): void;
  /** Puts an entry in the list in place of its key's (it re-sorts). */
  putConversation(entry: KitConversation): void;
  /** Patches one listed conversation (the list re-sorts). */
  patchConversation(key: ConversationKey, patch: Partial<KitConversation>): void;
  /** Fetches the newest conversations and merges them with the entries the kit holds in memory. */
  fetchConversations(): Promise<void>;
  /**
   * Fetches the page of conversations older than those listed and adds them; true when it added
   * any (false at the end of the list, before the first page, or on failure).
   */
  fetchOlderConversations(): Promise<boolean>;
  /** Puts the conversation snapshots the server pushed in place of the listed entries (or adds them). */
  applyConversations(items: IConversationEvent['conversationList']): void;
  /** Moves a conversation's latest message forward when `message` is newer; counts unread locally. */
  touchConversation(key: ConversationKey, message: KitMessage): void;
  /** Adds an in-memory entry for a conversation the list lacks; chatrooms are never listed. */
  ensureListed(key: ConversationKey): void;
  /** Clears the unread count of a conversation, locally at once and on the server. */
  markRead(conversation: IConversationOption): void;
  /** Clears the unread count of `key` when it is the open conversation and the user can see the page. */
  markReadIfOpen(key: ConversationKey): void;
  /** Another user connected: forgets what was asked of the server for the previous one. */
  reset(): void;
}

/** The list's upkeep over `port`. */
export function createConversationUpdates(port: StorePort, deps: ConversationUpdatesDeps): ConversationUpdates {
  const { settings, senders } = deps;
  /** Per conversation: the latest sent time we asked the server to clear unread up to. */
  const readUpTo = new Map<ConversationKey, number>();

  /** The app's `customIntercept`; a throwing callback hides nothing. */
  const intercepted = (conversation: IReceivedConversation): boolean => {
    const intercept = settings.customIntercept?.interceptConversation;
    if (typeof intercept !== 'function') return false;
    try {
      return intercept(conversation) === true;
    } catch (error) {
      console.error('[parley] customIntercept.interceptConversation threw', error);
      return false;
    }
  };

  // The next pages load with the late actions, when the user first scrolls past the first page.
  const pages = lateActions((late) =>
    late.conversationPages(port, {
      conversationKey,
      findConversation,
      toKitConversation: (c) => toKitConversation(c),
      intercepted,
      setConversations: (list) => updates.setConversations(list),
      requestProfiles: (fresh) => {
        void deps.requestConversations(fresh);
        senders.requestLatestSenders(fresh);
      },
      pageSize: settings.conversationPullCount,
    }),
  );

  const updates: ConversationUpdates = {
    fetchOlderConversations: pages('fetchOlderConversations'),
    setConversations(list) {
      port.set({ conversationList: [...list].sort(byRecency) });
    },
    putConversation(entry) {
      updates.setConversations([...port.get().conversationList.filter((c) => c.key !== entry.key), entry]);
    },
    patchConversation(key, patch) {
      const base = findConversation(port.get(), key);
      if (base) updates.putConversation({ ...base, ...patch });
    },
    async fetchConversations() {
      const res = await port.client.getConversationList({ count: settings.conversationPullCount });
      if (res.code !== 0 || !Array.isArray(res.data)) return;
      const fetched = res.data.filter((c) => !intercepted(c)).map((c) => toKitConversation(c));
      const keys = new Set(fetched.map((c) => c.key));
      const state = port.get();
      // Keep in-memory conversations (selected by the app, not yet on the server), newer snapshots, and
      // the older pages the user scrolled to (loadMoreConversations) when this page is a full one.
      const unpinned = fetched.filter((c) => !c.isTop);
      const pageEnd =
        unpinned.length >= settings.conversationPullCount ? Math.min(...unpinned.map((c) => c.updatedTime)) : 0;
      const kept = state.conversationList.filter(
        (c) => !keys.has(c.key) && (c.local || c.key === state.selected || (!c.isTop && c.updatedTime < pageEnd)),
      );
      const merged = fetched.map((c) => {
        const mine = findConversation(state, c.key);
        return mine && mine.updatedTime > c.updatedTime ? { ...mine, local: false } : c;
      });
      updates.setConversations([...merged, ...kept]);
      port.set({ conversationsLoaded: true });
      void deps.requestConversations(fetched);
      senders.requestLatestSenders(fetched);
      const selected = port.get().selected;
      if (selected) updates.markReadIfOpen(selected);
    },
    applyConversations(items) {
      let list = port.get().conversationList.slice();
      for (const item of items) {
        const snapshot = item?.conversation;
        if (!snapshot || intercepted(snapshot)) continue;
        const next = toKitConversation(snapshot);
        const at = list.findIndex((c) => c.key === next.key);
        if (at >= 0) list[at] = next;
        else list = [...list, next];
      }
      updates.setConversations(list);
      const snapshots = items.map((i) => i?.conversation).filter(Boolean);
      void deps.requestConversations(snapshots);
      senders.requestLatestSenders(snapshots);
      const selected = port.get().selected;
      if (selected && items.some((i) => i?.conversation && conversationKey(i.conversation) === selected))
        updates.markReadIfOpen(selected);
    },
    touchConversation(key, message) {
      if (isChatroomKey(key)) return;
      const state = port.get();
      const found = findConversation(state, key);
      const entry = found ?? emptyConversation(parseConversationKey(key), 0);
      // A new message must not bring back a conversation the app hides.
      if (!found && key !== state.selected && intercepted({ ...entry, latestMessage: message })) return;
      const latest = entry.latestMessage;
      const sameAsLatest =
        !!latest &&
        ((!!message.messageUId && latest.messageUId === message.messageUId) ||
          (latest.messageId === message.messageId && latest.senderUserId === message.senderUserId));
      if (sameAsLatest) {
        updates.putConversation({ ...entry, latestMessage: message });
        return;
      }
      if (latest && latest.sentTime > message.sentTime) return;
      const open = key === state.selected && settings.isVisible();
      const unread = entry.unreadMessageCount + (countsAsUnread(message) && !open ? 1 : 0);
      updates.putConversation({
        ...entry,
        latestMessage: message,
        updatedTime: Math.max(entry.updatedTime, message.sentTime),
        unreadMessageCount: unread,
        local: entry.local && message.sendState !== 'sent',
      });
    },
    ensureListed(key) {
      if (isChatroomKey(key) || findConversation(port.get(), key)) return;
      updates.setConversations([
        ...port.get().conversationList,
        emptyConversation(parseConversationKey(key), Date.now()),
      ]);
    },
    markRead(conversation) {
      const key = conversationKey(conversation);
      const entry = findConversation(port.get(), key);
      if (!entry || entry.local) return;
      if (entry.unreadMessageCount > 0) updates.patchConversation(key, { unreadMessageCount: 0, hasMentioned: false });
      // The server clears up to the moment it handles the request: ask again only for newer messages.
      const upTo = entry.latestMessage?.sentTime ?? 0;
      const asked = readUpTo.get(key);
      if (asked !== undefined && asked >= upTo) return;
      readUpTo.set(key, upTo);
      void port.client.clearMessagesUnreadStatus(parseConversationKey(key)).then((res) => {
        if (res.code !== 0 && readUpTo.get(key) === upTo) readUpTo.delete(key);
      });
    },
    markReadIfOpen(key) {
      const state = port.get();
      if (key !== state.selected || !settings.isVisible()) return;
      const entry = findConversation(state, key);
      if (!entry || entry.local || entry.unreadMessageCount === 0) return;
      updates.markRead(parseConversationKey(key));
    },
    reset() {
      readUpTo.clear();
    },
  };
  return updates;
}
