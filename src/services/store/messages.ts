/** Pure helpers that merge messages into a conversation's list; they return new arrays, never mutate. */
import { MessageDirection, MessageType } from '../../protocol/constants.js';
import type { IConversationOption, IReceivedMessage, ISendableMessage } from '../client/types.js';
import type { KitMessage, SendState } from './types.js';

/** True when both describe the same message: same server UId, or same sender and client id. */
export function isSameMessage(a: IReceivedMessage, b: IReceivedMessage): boolean {
  if (a.messageUId && a.messageUId === b.messageUId) return true;
  return !!a.messageId && a.messageId === b.messageId && a.senderUserId === b.senderUserId;
}

/** Wraps a client message as a kit message in the given send state. */
export function toKitMessage(message: IReceivedMessage, sendState: SendState = 'sent'): KitMessage {
  return { ...message, sendState };
}

function mergeOne(existing: KitMessage, incoming: KitMessage): KitMessage {
  // `sent` is final: a late `sending` or `failed` never downgrades a message the server stored.
  const sendState = existing.sendState === 'sent' ? 'sent' : incoming.sendState;
  return {
    ...existing,
    ...incoming,
    messageUId: incoming.messageUId || existing.messageUId,
    sendState,
  };
}

/**
 * The messageUId a recall notice names when it differs from the notice's own (chatroom recalls
 * send a new notice; private and group recalls reuse the original's messageUId), else ''.
 */
export function recalledUId(message: IReceivedMessage): string {
  if (message.messageType !== MessageType.RECALL_MESSAGE_NOTIFICATION) return '';
  const uid = (message.content as { messageUId?: unknown } | null)?.messageUId;
  return typeof uid === 'string' && uid !== message.messageUId ? uid : '';
}

/**
 * Merges `incoming` into `list` (oldest first): a message already present is replaced in place,
 * a new one is inserted after the last message that is not newer than it. A recall notice naming
 * a listed message takes its place, keeping its identity and position, as the server stores it.
 */
export function mergeMessages(list: readonly KitMessage[], incoming: readonly KitMessage[]): KitMessage[] {
  const next = list.slice();
  for (const message of incoming) {
    const recalled = recalledUId(message);
    const original = recalled ? next.findIndex((m) => m.messageUId === recalled) : -1;
    if (original >= 0) {
      next[original] = { ...next[original]!, messageType: message.messageType, content: message.content };
      continue;
    }
    const at = next.findIndex((m) => isSameMessage(m, message));
    if (at >= 0) {
      next[at] = mergeOne(next[at]!, message);
      continue;
    }
    let insertAt = next.length;
    while (insertAt > 0 && next[insertAt - 1]!.sentTime > message.sentTime) insertAt--;
    next.splice(insertAt, 0, message);
  }
  return next;
}

/** Replaces the message with this sender and client id by `update(message)`; returns the same list if absent. */
export function updateMessage(
  list: readonly KitMessage[],
  senderUserId: string,
  messageId: string,
  update: (message: KitMessage) => KitMessage,
): readonly KitMessage[] {
  const at = list.findIndex((m) => m.messageId === messageId && m.senderUserId === senderUserId);
  if (at < 0) return list;
  const next = list.slice();
  next[at] = update(next[at]!);
  return next;
}

/** Sent time of the oldest message the server stored, or 0 when none is loaded. */
export function oldestServerTime(list: readonly KitMessage[]): number {
  for (const message of list) if (message.messageUId && message.sendState === 'sent') return message.sentTime;
  return 0;
}

/** A fresh client message id (the idempotency key of a send). */
export function newMessageId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `pk-${random}`;
}

/** The `sending` message shown for a text until the server answers. */
export function textPlaceholder(
  conversation: IConversationOption,
  senderUserId: string,
  content: string,
  messageId: string,
): KitMessage {
  return messagePlaceholder(
    conversation,
    senderUserId,
    { messageType: MessageType.TEXT, content: { content } },
    messageId,
  );
}

/** The `sending` message shown for any message until the server answers. */
export function messagePlaceholder(
  conversation: IConversationOption,
  senderUserId: string,
  message: ISendableMessage,
  messageId: string,
): KitMessage {
  const now = Date.now();
  return {
    messageType: message.messageType,
    content: JSON.parse(JSON.stringify(message.content)) as Record<string, unknown>,
    senderUserId,
    targetId: conversation.targetId,
    channelId: '',
    conversationType: conversation.conversationType,
    sentTime: now,
    receivedTime: now,
    messageUId: '',
    messageId,
    messageDirection: MessageDirection.SEND,
    isPersisted: message.isPersisted ?? true,
    isCounted: message.isCounted ?? true,
    isOfflineMessage: false,
    isMentioned: false,
    disableNotification: false,
    isStatusMessage: false,
    canIncludeExpansion: false,
    expansion: null,
    sendState: 'sending',
  };
}
