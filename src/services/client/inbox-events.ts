/**
 * Turns the messaging inbox items (recall, receipts, expansion, tags, deletes) into the seeds'
 * events. Conversation state (drafts, pin, DND, removals) also arrives as CONVERSATION snapshots.
 */
import type { InboxItem } from '../../protocol/frames.js';
import { toReceivedMessage } from './convert.js';
import { Events } from './events.js';
import type { ClientInternals } from './internals.js';
import type { IReceivedMessage } from './types.js';

/**
 * Applies one non-message item; returns the message to add to the MESSAGES batch, if any (a
 * recall's `RC:RcNtf`, except on the device that recalled it).
 */
export function applyItem(ctx: ClientInternals, item: InboxItem, offline: boolean): IReceivedMessage | null {
  const { emitter } = ctx;
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
      emitter.emit(Events.READ_RECEIPT_RECEIVED, { conversation, messageUid: item.messageUId, sentTime: item.sentTime });
      return null;
    case 'receiptRequest':
      emitter.emit(Events.MESSAGE_RECEIPT_REQUEST, { conversation, messageUid: item.messageUId, senderUserId: item.senderUserId });
      return null;
    case 'receiptResponse':
      emitter.emit(Events.MESSAGE_RECEIPT_RESPONSE, { conversation, receivedUserId: item.readerUserId, messageUidList: item.messageUIds });
      return null;
    case 'expansion':
      emitter.emit(Events.EXPANSION, {
        ...(item.updated ? { updatedExpansion: { conversation, messageUId: item.messageUId, expansion: item.updated } } : {}),
        ...(item.deleted ? { deletedExpansion: { conversation, messageUId: item.messageUId, deletedKeys: item.deleted } } : {}),
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
