/**
 * Turns the messaging inbox items (recall, receipts, expansion, tags, deletes) into the seeds'
 * events. Conversation state (drafts, pin, DND, removals) also arrives as CONVERSATION snapshots.
 * Loaded with the late tables (late-tables.ts), which `connect()` fetches during its handshake; the
 * inbox (sync.ts) waits for them before it delivers anything. What it uses of the eagerly loaded
 * modules comes on `ClientInternals.port`.
 */
import type { InboxItem, WireConversation } from '../../protocol/frames.js';
import { toReceivedConversation, toReceivedMessage } from './convert.js';
import type { ClientInternals } from './internals.js';
import type { IReceivedMessage } from './types.js';
import { typingOf } from './typing-state.js';

/** A snapshot with nothing in it (a removed conversation): not worth a CONVERSATION event. */
function isEmpty(c: WireConversation): boolean {
  return (
    c.latestMessage === null &&
    c.updatedTime === 0 &&
    c.unreadMessageCount === 0 &&
    c.lastReadTime === 0 &&
    !c.isTop &&
    c.draft === '' &&
    c.notificationLevel === 0
  );
}

/**
 * Hands inbox items to the app in seq order: runs of messages as MESSAGES (a recall's RC:RcNtf
 * included), every other item as its event right where it falls (so a delete never overtakes the
 * message it deletes), then the conversations they touch as one CONVERSATION event.
 */
export function deliverItems(
  ctx: ClientInternals,
  items: InboxItem[],
  conversations: WireConversation[],
  offline: boolean,
): void {
  const me = ctx.userId();
  const Events = ctx.port.events;
  let messages: IReceivedMessage[] = [];
  const flush = () => {
    const batch = typingOf(ctx).filter(messages);
    messages = [];
    if (batch.length > 0) ctx.emitter.emit(Events.MESSAGES, { messages: batch });
  };
  for (const item of items) {
    if (item.type === 'message') {
      const { message } = item;
      // The echo of our own send: the app already has it from sendMessage's result.
      if (message.senderUserId === me && ctx.ownSends.delete(message.clientMessageId)) continue;
      messages.push(toReceivedMessage(message, me, offline));
      continue;
    }
    if (item.type !== 'recall') flush();
    const notice = applyItem(ctx, item, offline);
    if (notice) messages.push(notice);
  }
  flush();
  const list = conversations.filter((c) => !isEmpty(c));
  if (list.length > 0) {
    ctx.emitter.emit(Events.CONVERSATION, {
      conversationList: list.map((c) => ({ conversation: toReceivedConversation(c, me, offline) })),
    });
  }
}

/**
 * Applies one non-message item; returns the message to add to the MESSAGES batch, if any (a
 * recall's `RC:RcNtf`, except on the device that recalled it).
 */
function applyItem(ctx: ClientInternals, item: InboxItem, offline: boolean): IReceivedMessage | null {
  const { emitter } = ctx;
  const Events = ctx.port.events;
  if (item.type === 'message' || item.type === 'read') return null;
  const conversation = { conversationType: item.conversationType, targetId: item.targetId, channelId: '' };
  switch (item.type) {
    case 'recall':
      if (ctx.ownRecalls.delete(item.messageUId)) return null;
      return toReceivedMessage(item.message, ctx.userId(), offline);
    case 'delete':
      emitter.emit(Events.MESSAGES_DELETED, { conversation, messageUIds: item.messageUIds });
      return null;
    case 'clear':
      emitter.emit(Events.MESSAGES_DELETED, { conversation, timestamp: item.timestamp });
      return null;
    case 'remove':
      emitter.emit(Events.CONVERSATION_REMOVED, { conversation });
      return null;
    case 'readReceipt':
      emitter.emit(Events.READ_RECEIPT_RECEIVED, {
        conversation,
        messageUid: item.messageUId,
        sentTime: item.sentTime,
      });
      return null;
    case 'receiptRequest':
      emitter.emit(Events.MESSAGE_RECEIPT_REQUEST, {
        conversation,
        messageUid: item.messageUId,
        senderUserId: item.senderUserId,
      });
      return null;
    case 'receiptResponse':
      emitter.emit(Events.MESSAGE_RECEIPT_RESPONSE, {
        conversation,
        receivedUserId: item.readerUserId,
        messageUidList: item.messageUIds,
      });
      return null;
    case 'expansion':
      emitter.emit(Events.EXPANSION, {
        ...(item.updated
          ? { updatedExpansion: { conversation, messageUId: item.messageUId, expansion: item.updated } }
          : {}),
        ...(item.deleted
          ? { deletedExpansion: { conversation, messageUId: item.messageUId, deletedKeys: item.deleted } }
          : {}),
      });
      return null;
    case 'tag':
      emitter.emit(Events.TAG);
      return null;
    case 'conversationTag':
      emitter.emit(Events.CONVERSATION_TAG);
      return null;
    default:
      // 'state' (and kinds added later) are covered by the CONVERSATION snapshot.
      return null;
  }
}
