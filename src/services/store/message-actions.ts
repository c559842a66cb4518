/**
 * The messages slice: recall, delete-for-me and clear history, and the events that apply the same
 * changes when they come from the user's other devices (MESSAGES_DELETED) or from the peer (a
 * recall's `RC:RcNtf` arrives as a message and replaces the original through the normal merge).
 * The actions' bodies load on the first of them (`recall.ts`, `message-deletes.ts`).
 */
import type { IMessagesDeletedEvent } from '../client/types.js';
import { ConversationType, MessageDirection, MessageType } from '../../protocol/constants.js';
import type { ConversationUpdates } from './conversation-updates.js';
import type { Outbox } from './outbox.js';
import { lateActions, setMessages, type Slice, type StorePort } from './slice.js';
import { forgetUpload } from './uploads.js';
import { mergeMessages, toKitMessage } from './messages.js';
import {
  conversationKey,
  emptyMessages,
  parseConversationKey,
  type ConversationKey,
  type KitMessage,
} from './types.js';

/** What the messages slice needs besides the port. */
export interface MessagesDeps {
  readonly outbox: Pick<Outbox, 'drop' | 'persistence'>;
  readonly updates: Pick<ConversationUpdates, 'patchConversation'>;
  /** The kit's clock (a chatroom recall notice's time). */
  readonly now: () => number;
}

/** The messages slice (see the module comment). */
export function createMessagesSlice(port: StorePort, deps: MessagesDeps) {
  const { updates } = deps;
  // A recall's body loads on the first recall.
  const recall = lateActions((late) =>
    late.recall(port, {
      conversationKey,
      parseConversationKey,
      toKitMessage,
      addNotice: (key, notice) => {
        const current = port.get().messages[key] ?? emptyMessages;
        const next = { ...current, list: mergeMessages(current.list, [notice]) };
        setMessages(port, key, next);
        return port.get().messages[key] ?? next;
      },
      patchConversation: updates.patchConversation,
      now: deps.now,
      chatroomType: ConversationType.CHATROOM,
      recallNoticeType: MessageType.RECALL_MESSAGE_NOTIFICATION,
    }),
  );

  // Deletes load on the first of them.
  const deletes = lateActions((late) =>
    late.messageDeletes(port, {
      conversationKey,
      parseConversationKey,
      removeMessages,
      forgetUnsent: (messageId) => {
        deps.outbox.drop(messageId);
        deps.outbox.persistence.forget(messageId);
        forgetUpload(messageId);
      },
      sendDirection: MessageDirection.SEND,
    }),
  );

  function removeMessages(key: ConversationKey, match: (m: KitMessage) => boolean, cleared = false): void {
    const current = port.get().messages[key];
    if (current) {
      const list = current.list.filter((m) => !match(m));
      // After a clear the server holds nothing older than what is left.
      if (list.length !== current.list.length || (cleared && current.hasMore))
        setMessages(port, key, { ...current, list, hasMore: cleared ? false : current.hasMore });
    }
    const entry = port.get().conversationList.find((c) => c.key === key);
    if (entry?.latestMessage && match(entry.latestMessage as KitMessage)) {
      const rest = port.get().messages[key]?.list;
      updates.patchConversation(key, { latestMessage: rest?.at(-1) ?? null });
    }
  }

  const onDeleted = (event: IMessagesDeletedEvent) => {
    if (!event?.conversation) return;
    const key = conversationKey(event.conversation);
    if (Array.isArray(event.messageUIds)) {
      const uids = new Set(event.messageUIds);
      removeMessages(key, (m) => !!m.messageUId && uids.has(m.messageUId));
    } else if (typeof event.timestamp === 'number') {
      const upTo = event.timestamp;
      removeMessages(key, (m) => m.sendState === 'sent' && m.sentTime <= upTo, true);
    }
  };
  return {
    actions: {
      /**
       * Recalls an own message. On success the bubble becomes the recall notice at once (other devices
       * and the peer get the notice from the server); resolves with the client's result either way.
       */
      recallMessage: recall('recallMessage'),
      /** Deletes a message for this user, on every device; an unsent one only leaves the screen and the queue. */
      deleteMessage: deletes('deleteMessage'),
      /**
       * Clears this user's history of a conversation on the server (every device; the peer keeps
       * theirs): the loaded messages go at once, and the list has nothing older to load.
       */
      clearHistory: deletes('clearHistory'),
    },
    // Deletes made on the user's other devices.
    attach: (events) => events.on('messages_deleted', onDeleted),
  } satisfies Slice;
}

/** The messages slice's actions. */
export type MessageActions = ReturnType<typeof createMessagesSlice>['actions'];
