/**
 * The store's inbound path: the client's connection, message, conversation and chatroom events,
 * and page visibility (messages in the open conversation are read only while the user sees them).
 */
import { MessageType } from '../../protocol/enums.js';
import type { EventName } from '../client/events.js';
import type { IConversationEvent, IMessagesEvent, IReceivedMessage } from '../client/types.js';
import { isChatroomKey } from './chatroom-view.js';
import type { KitClientEvents } from './client-port.js';
import { intercepted, markReadIfOpen, touchConversation } from './conversation-updates.js';
import { toKitConversation } from './conversations.js';
import { loadNewest } from './history.js';
import { mergeMessages, toKitMessage } from './messages.js';
import { requestLatestSenders, requestSenders } from './senders.js';
import type { KitStore } from './store.js';
import { conversationKey, parseConversationKey, type ConversationKey, type KitMessage } from './types.js';

/** Starts following the client's events and page visibility for `store`; returns the detach function. */
export function attachInbound(store: KitStore): () => void {
  /** Set while the connection is down: what the open conversation shows may be stale. */
  let needsRefresh = false;
  const handlers: KitClientEvents = {
    connecting: () => store._patch({ status: 'connecting', reconnectAt: 0 }),
    connected: () => {
      const userId = store.client.getCurrentUserId?.() || store.state.userId;
      if (store.state.userId && userId !== store.state.userId) store._resetForUser(userId);
      else if (userId) store._patch({ userId });
      store._patch({ status: 'connected', reconnectAt: 0 });
      const refresh = needsRefresh;
      needsRefresh = false;
      void store.loadConversations();
      const selected = store.state.selected;
      // Chatrooms are rejoined by the client itself, which pulls their newest messages again.
      if (refresh && selected && !isChatroomKey(selected)) void loadNewest(store, selected);
      store._chatrooms?.onConnected();
    },
    suspend: () => {
      needsRefresh = true;
      store._patch({ status: 'suspended', reconnectAt: store.client.getNextReconnectTime?.() ?? 0 });
    },
    disconnect: (code: number) => {
      needsRefresh = true;
      store._patch({ status: 'disconnected', reconnectAt: 0, disconnectCode: code });
    },
    messages: (event: IMessagesEvent) => applyMessages(store, event.messages ?? []),
    conversation: (event: IConversationEvent) => applyConversations(store, event.conversationList ?? []),
    pull_offline_message_finished: () => void store.loadConversations(),
    chatroom: (event) => store._onChatroomEvent(event),
  };
  const onVisibility = (): void => {
    const key = store.state.selected;
    if (key) markReadIfOpen(store, key);
  };
  for (const [event, listener] of Object.entries(handlers)) {
    store.client.addEventListener(event as EventName, listener as never);
  }
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  return () => {
    for (const [event, listener] of Object.entries(handlers)) {
      store.client.removeEventListener(event as EventName, listener as never);
    }
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Merges received messages into their conversations; a listed conversation's preview and unread follow. */
function applyMessages(store: KitStore, messages: IReceivedMessage[]): void {
  const byKey = new Map<ConversationKey, KitMessage[]>();
  for (const message of messages) {
    // A chatroom recall notice is not stored as a message of its own, but replaces the original.
    if (message.isStatusMessage || (!message.isPersisted && message.messageType !== MessageType.RECALL_MESSAGE_NOTIFICATION)) continue;
    const key = conversationKey(message);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(toKitMessage(message));
  }
  for (const [key, list] of byKey) {
    const current = store.state.messages[key];
    if (isChatroomKey(key)) {
      // Chatroom messages only matter while the kit shows the room; they never list it.
      if (!store.state.chatrooms[key] || !current) continue;
      store._setMessages(key, { ...current, list: mergeMessages(current.list, list) });
      requestSenders(store, list);
      continue;
    }
    if (current) store._setMessages(key, { ...current, list: mergeMessages(current.list, list) });
    for (const message of list) touchConversation(store, key, message);
    void store.profiles.requestConversations([parseConversationKey(key)]);
    if (key === store.state.selected) {
      requestSenders(store, list);
      markReadIfOpen(store, key);
    }
  }
}

/** Puts the conversation snapshots the server pushed in place of the listed entries (or adds them). */
function applyConversations(store: KitStore, items: IConversationEvent['conversationList']): void {
  let list = store.state.conversationList.slice();
  for (const item of items) {
    const snapshot = item?.conversation;
    if (!snapshot || intercepted(store, snapshot)) continue;
    const next = toKitConversation(snapshot);
    const at = list.findIndex((c) => c.key === next.key);
    if (at >= 0) list[at] = next;
    else list = [...list, next];
  }
  store._setConversations(list);
  const snapshots = items.map((i) => i?.conversation).filter(Boolean);
  void store.profiles.requestConversations(snapshots);
  requestLatestSenders(store, snapshots);
  const selected = store.state.selected;
  if (selected && items.some((i) => i?.conversation && conversationKey(i.conversation) === selected)) {
    markReadIfOpen(store, selected);
  }
}
