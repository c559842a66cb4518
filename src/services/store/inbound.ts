/**
 * The inbound slice: the client's connection events and received messages, and page visibility
 * (messages in the open conversation are read only while the user sees them). Conversation
 * snapshots are the conversations slice's, chatroom events the chatrooms slice's.
 */
import { MessageType } from '../../protocol/constants.js';
import type { IConversationOption, IMessagesEvent, IReceivedMessage } from '../client/types.js';
import type { Chatrooms } from './chatroom-slice.js';
import { isChatroomKey } from './chatroom-view.js';
import type { ConversationUpdates } from './conversation-updates.js';
import type { History } from './history.js';
import { mergeMessages, toKitMessage } from './messages.js';
import type { Senders } from './senders.js';
import { setMessages, type Slice, type StorePort } from './slice.js';
import { conversationKey, initialState, parseConversationKey, type ConversationKey, type KitMessage } from './types.js';

/** What the inbound slice needs besides the port. */
export interface InboundDeps {
  readonly updates: Pick<ConversationUpdates, 'markReadIfOpen' | 'touchConversation' | 'reset'>;
  /** Fetches the conversation list (the conversations slice's `loadConversations`). */
  readonly loadConversations: () => Promise<void>;
  readonly history: History;
  readonly chatrooms: Pick<Chatrooms, 'current'>;
  readonly senders: Senders;
  /** Fetches conversations' names and avatars. */
  readonly requestConversations: (conversations: Iterable<IConversationOption>) => unknown;
}

/** The inbound slice (see the module comment). */
export function createInboundSlice(port: StorePort, deps: InboundDeps) {
  const { updates } = deps;
  /** Set while the connection is down: what the open conversation shows may be stale. */
  let needsRefresh = false;

  const onConnected = (): void => {
    const state = port.get();
    const userId = port.client.getCurrentUserId?.() || state.userId;
    if (state.userId && userId !== state.userId) {
      // Another user connected: the state starts over.
      updates.reset();
      port.set({ ...initialState, userId });
    } else if (userId) port.set({ userId });
    const recall = port.client.getRecallPolicy?.();
    port.set({ status: 'connected', reconnectAt: 0, ...(recall ? { recallWindowMs: recall.windowMs } : {}) });
    const refresh = needsRefresh;
    needsRefresh = false;
    void deps.loadConversations();
    const selected = port.get().selected;
    // Chatrooms are rejoined by the client itself, which pulls their newest messages again.
    if (refresh && selected && !isChatroomKey(selected)) void deps.history.loadNewest(selected);
    deps.chatrooms.current()?.onConnected();
  };

  /** Merges received messages into their conversations; a listed conversation's preview and unread follow. */
  const applyMessages = (messages: readonly IReceivedMessage[]): void => {
    const byKey = new Map<ConversationKey, KitMessage[]>();
    for (const message of messages) {
      // A chatroom recall notice is not stored as a message of its own, but replaces the original.
      if (
        message.isStatusMessage ||
        (!message.isPersisted && message.messageType !== MessageType.RECALL_MESSAGE_NOTIFICATION)
      )
        continue;
      const key = conversationKey(message);
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key)!.push(toKitMessage(message));
    }
    for (const [key, list] of byKey) {
      const current = port.get().messages[key];
      if (isChatroomKey(key)) {
        // Chatroom messages only matter while the kit shows the room; they never list it.
        if (!port.get().chatrooms[key] || !current) continue;
        setMessages(port, key, { ...current, list: mergeMessages(current.list, list) });
        deps.senders.requestSenders(list);
        continue;
      }
      if (current) setMessages(port, key, { ...current, list: mergeMessages(current.list, list) });
      for (const message of list) updates.touchConversation(key, message);
      void deps.requestConversations([parseConversationKey(key)]);
      if (key === port.get().selected) {
        deps.senders.requestSenders(list);
        updates.markReadIfOpen(key);
      }
    }
  };

  const onVisibility = (): void => {
    const key = port.get().selected;
    if (key) updates.markReadIfOpen(key);
  };

  return {
    actions: {},
    attach: (events) => {
      events.on('connecting', () => port.set({ status: 'connecting', reconnectAt: 0 }));
      events.on('connected', onConnected);
      events.on('suspend', () => {
        needsRefresh = true;
        port.set({ status: 'suspended', reconnectAt: port.client.getNextReconnectTime?.() ?? 0 });
      });
      events.on('disconnect', (code: number) => {
        needsRefresh = true;
        port.set({ status: 'disconnected', reconnectAt: 0, disconnectCode: code });
      });
      events.on('messages', (event: IMessagesEvent) => applyMessages(event.messages ?? []));
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
      return () => {
        if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
      };
    },
  } satisfies Slice;
}
