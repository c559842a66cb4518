/**
 * Read receipts. Private: the reader tells the sender "read up to sentTime". Group (the seeds' V2
 * flow): the sender requests receipts for a message, members respond, the sender gets responses
 * and can ask for the reader list. Receipts are inbox items, so offline senders get them later.
 */
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { RequestData } from '../../src/protocol/frames.js';
import { MessagingLimits } from '../../src/protocol/messaging.js';
import type { NewItem, StoredMessage } from '../storage/messaging-storage.js';
import type { ChatService } from './chat.js';
import { DomainError } from './errors.js';
import { audience, outcome, type Outcome } from './outcome.js';
import { messageIn } from './recall.js';

const { PRIVATE, GROUP } = ConversationType;
type Empty = Record<string, never>;

/** Private receipt: `targetId` (the other user) learns that the caller read up to `timestamp`. */
export async function sendReadReceiptMessage(
  chat: ChatService,
  userId: string,
  data: RequestData<'sendReadReceiptMessage'>,
): Promise<Outcome<Empty>> {
  await messageIn(
    chat,
    userId,
    { conversationType: PRIVATE, targetId: data.targetId },
    data.messageUId,
    ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
  );
  if (data.targetId === userId) return outcome(chat, {});
  const item: NewItem = {
    type: 'readReceipt',
    conversationType: PRIVATE,
    targetId: userId,
    messageUId: data.messageUId,
    sentTime: data.timestamp,
  };
  return outcome(chat, {}, await chat.storage.messaging.appendItems([{ userId: data.targetId, item }]));
}

/** The sender asks the group's members (who can see the message) to confirm reading it. */
export async function sendReadReceiptRequest(
  chat: ChatService,
  userId: string,
  data: RequestData<'sendReadReceiptRequest'>,
): Promise<Outcome<Empty>> {
  const key = { conversationType: GROUP, targetId: data.targetId };
  await chat.assertCanRead(userId, key);
  const stored = await messageIn(chat, userId, key, data.messageUId, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  if (stored.message.senderUserId !== userId) {
    throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, 'only the sender may request read receipts');
  }
  await chat.storage.messaging.requestReceipt(stored.id, chat.clock.now());
  const items = (await audience(chat, stored.message))
    .filter((member) => member !== userId)
    .map((member) => ({
      userId: member,
      item: { type: 'receiptRequest', ...key, messageUId: data.messageUId, senderUserId: userId } as NewItem,
    }));
  return outcome(chat, {}, await chat.storage.messaging.appendItems(items));
}

/**
 * A member confirms reading: the listed messages (by sender), or, without a list (seeds ≥ 5.9.4),
 * the newest requested messages they have not confirmed yet. Each sender gets one response item.
 */
export async function sendReadReceiptResponseV2(
  chat: ChatService,
  userId: string,
  data: RequestData<'sendReadReceiptResponseV2'>,
): Promise<Outcome<Empty>> {
  const key = { conversationType: GROUP, targetId: data.targetId };
  const after = await chat.readableAfter(userId, key);
  let messages: StoredMessage[];
  if (data.messageList) {
    messages = [];
    for (const [sender, uids] of Object.entries(data.messageList)) {
      for (const uid of uids) {
        // The seeds' code for a bad messageList (34206), not the generic 33003.
        const stored = await messageIn(chat, userId, key, uid, ErrorCode.MSG_LIMIT_ERROR);
        if (stored.message.senderUserId !== sender)
          throw new DomainError(ErrorCode.MSG_LIMIT_ERROR, `messageList: ${uid} was not sent by ${sender}`);
        if (sender !== userId) messages.push(stored);
      }
    }
  } else {
    // Requests from before she joined are not hers to answer (she never saw those messages).
    const pending = await chat.storage.messaging.pendingReceipts(
      data.targetId,
      userId,
      MessagingLimits.RECEIPT_AUTO_RESPONSE_MAX,
    );
    messages = pending.filter((m) => m.message.sentTime > after);
  }
  const fresh = new Set(
    await chat.storage.messaging.recordReads(
      messages.map((m) => m.id),
      userId,
      chat.clock.now(),
    ),
  );
  const bySender = new Map<string, string[]>();
  for (const m of messages) {
    if (!fresh.has(m.id)) continue;
    const list = bySender.get(m.message.senderUserId) ?? [];
    list.push(m.message.messageUId);
    bySender.set(m.message.senderUserId, list);
  }
  const items = [...bySender].map(([sender, messageUIds]) => ({
    userId: sender,
    item: { type: 'receiptResponse', ...key, messageUIds, readerUserId: userId } as NewItem,
  }));
  return outcome(chat, {}, items.length > 0 ? await chat.storage.messaging.appendItems(items) : []);
}

/** Who has confirmed reading a group message ("N read" and the list), for any member. */
export async function getMessageReader(chat: ChatService, userId: string, data: RequestData<'getMessageReader'>) {
  const key = { conversationType: GROUP, targetId: data.targetId };
  await chat.assertCanRead(userId, key);
  const stored = await messageIn(chat, userId, key, data.messageUId, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  const list = await chat.storage.messaging.readers(stored.id);
  return outcome(chat, { totalCount: list.length, list });
}

/** Parley: how far the peer of a private conversation has read the caller's messages, for any of the caller's devices. */
export async function getPeerReadTime(
  chat: ChatService,
  userId: string,
  data: RequestData<'getPeerReadTime'>,
): Promise<Outcome<{ readTime: number }>> {
  const readTime = data.targetId === userId ? 0 : await chat.storage.messaging.peerReadTime(userId, data.targetId);
  return outcome(chat, { readTime });
}

/** Parley: the read receipt state (`readReceiptInfo`, with the read count) of messages of one group, for a member. */
export async function getReadReceiptInfo(chat: ChatService, userId: string, data: RequestData<'getReadReceiptInfo'>) {
  const key = { conversationType: GROUP, targetId: data.targetId };
  await chat.assertCanRead(userId, key);
  for (const uid of data.messageUIds) await messageIn(chat, userId, key, uid, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  const info = await chat.storage.messaging.receiptInfo(data.messageUIds, userId);
  return outcome(chat, { readReceiptInfo: Object.fromEntries(info) });
}
