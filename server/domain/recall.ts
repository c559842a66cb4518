/**
 * Recall (for everyone) and the "for me" removals: delete messages, clear history, remove a
 * conversation. Each is stored with inbox items, so every device of every affected user follows.
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { ConversationType, MessageType } from '../../src/protocol/enums.js';
import type { RequestData, WireMessage } from '../../src/protocol/frames.js';
import type { ChatService } from './chat.js';
import { DomainError } from './errors.js';
import { audience, outcome, viewTarget, type Outcome } from './outcome.js';
import type { StoredMessage } from '../storage/messaging-storage.js';
import type { ConversationKey } from '../storage/storage.js';

/** Finds a message of the user's conversation, or refuses with `code`. */
export async function messageIn(
  chat: ChatService,
  userId: string,
  key: ConversationKey,
  messageUId: string,
  code: ErrorCode,
): Promise<StoredMessage> {
  const stored = await chat.storage.messaging.findMessage(messageUId);
  const m = stored?.message;
  // Private and system messages belong to their two users only; group ones to members (checked
  // by the caller) and, when directed, to the listed members.
  const party =
    m && (m.conversationType === ConversationType.GROUP || m.senderUserId === userId || m.targetId === userId);
  const visible = m && party && (!m.directedUserIds || m.senderUserId === userId || m.directedUserIds.includes(userId));
  if (
    !stored ||
    !m ||
    !visible ||
    m.conversationType !== key.conversationType ||
    viewTarget(m, userId) !== key.targetId
  ) {
    throw new DomainError(code, `no message ${messageUId.slice(0, 64)} in this conversation`);
  }
  // A member sees a group's messages of her current membership only (history.test / abuse tests);
  // a trusted caller outside the group (Server API recall) was authorized by the caller.
  if (m.conversationType === ConversationType.GROUP) {
    const membership = await chat.storage.groupMembership(m.targetId, userId);
    if (membership && m.sentTime <= chat.readableAfterIn(membership))
      throw new DomainError(code, `no message ${messageUId.slice(0, 64)} in this conversation`);
  }
  return stored;
}

/** Whether the server's `recallBy` lets a client user recall a message someone else sent. */
async function mayRecallOthers(chat: ChatService, userId: string, m: WireMessage): Promise<boolean> {
  if (chat.options.recallBy === 'anyone') return true;
  if (chat.options.recallBy !== 'group-admins' || m.conversationType !== ConversationType.GROUP) return false;
  return (await chat.groupRoles.roleOf(m.targetId, userId)) !== null;
}

/**
 * Recalls a message within the recall window (its own, or, as `recallBy` allows, a member's): it becomes `RC:RcNtf` in storage
 * (history and latestMessage show the notice) and every participant's devices get a `recall` item.
 */
export async function recallMessage(
  chat: ChatService,
  userId: string,
  data: RequestData<'recallMessage'>,
  /** The Server API (trusted) has no window and may recall others' messages with `isAdmin`, whatever `recallBy` says. */
  policy: { trusted?: boolean; isAdmin?: boolean } = {},
): Promise<Outcome<{ message: WireMessage }>> {
  if (!policy.trusted) await chat.assertCanRead(userId, data);
  const stored = await messageIn(chat, userId, data, data.messageUId, ErrorCode.RECALL_MESSAGE);
  const m = stored.message;
  if (m.messageType === MessageType.RECALL_MESSAGE_NOTIFICATION)
    throw new DomainError(ErrorCode.RECALL_MESSAGE, 'already recalled');
  if (!m.isPersisted)
    throw new DomainError(ErrorCode.RECALL_MESSAGE, 'messages that are not stored cannot be recalled');
  if (m.sentTime !== data.sentTime)
    throw new DomainError(ErrorCode.RECALL_MESSAGE, 'sentTime does not match the message');
  if (m.senderUserId !== userId && !policy.isAdmin && !(await mayRecallOthers(chat, userId, m))) {
    throw new DomainError(
      ErrorCode.RECALL_MESSAGE_USER_INVALID,
      chat.options.recallBy === 'group-admins'
        ? "only the sender or the group's owner and admins may recall this message"
        : 'only the sender may recall a message',
    );
  }
  const now = chat.clock.now();
  const window = chat.options.recallWindowMs;
  if (!policy.trusted && window > 0 && now - m.sentTime > window) {
    throw new DomainError(ErrorCode.RECALL_MESSAGE, `the recall window of ${window / 1000} s has passed`);
  }
  const content: Record<string, unknown> = {
    conversationType: m.conversationType,
    messageUId: m.messageUId,
    sentTime: m.sentTime,
    recallTime: now,
    operatorId: userId,
    originalObjectName: m.messageType,
    isDelete: data.isDelete,
    ...(data.extra !== undefined ? { extra: data.extra } : {}),
  };
  const appended = await chat.storage.messaging.recall(
    stored.id,
    { messageType: MessageType.RECALL_MESSAGE_NOTIFICATION, content },
    await audience(chat, m),
  );
  await chat.onMessageGone?.(m, 'recall', userId);
  const own = appended.find((a) => a.userId === userId)?.item;
  const message =
    own && own.type === 'recall'
      ? own.message
      : { ...m, messageType: MessageType.RECALL_MESSAGE_NOTIFICATION, content };
  return outcome(chat, { message }, appended);
}

/** Deletes messages from the user's own history (all their devices); others keep them. */
export async function deleteMessages(
  chat: ChatService,
  userId: string,
  data: RequestData<'deleteMessages'>,
): Promise<Outcome<Record<string, never>>> {
  await chat.assertCanRead(userId, data);
  const found: StoredMessage[] = [];
  for (const { messageUId } of data.messages)
    found.push(await messageIn(chat, userId, data, messageUId, ErrorCode.BIZ_ERROR_INVALID_PARAMETER));
  const key = { conversationType: data.conversationType, targetId: data.targetId };
  const appended = await chat.storage.messaging.deleteMessages(
    userId,
    key,
    found.map((s) => s.id),
    found.map((s) => s.message.messageUId),
  );
  for (const s of found) await chat.onMessageGone?.(s.message, 'delete', userId);
  return outcome(chat, {}, [appended]);
}

/** Clears the user's history of the conversation up to `timestamp` (0 = now). */
export async function clearHistoryMessages(
  chat: ChatService,
  userId: string,
  data: RequestData<'clearHistoryMessages'>,
): Promise<Outcome<Record<string, never>>> {
  await chat.assertCanRead(userId, data);
  const key = { conversationType: data.conversationType, targetId: data.targetId };
  const appended = await chat.storage.messaging.clearHistory(userId, key, data.timestamp || chat.clock.now());
  return outcome(chat, {}, [appended]);
}

/** Removes the conversation from the user's list on all their devices (history stays). */
export async function removeConversation(
  chat: ChatService,
  userId: string,
  data: RequestData<'removeConversation'>,
): Promise<Outcome<Record<string, never>>> {
  const appended = await chat.storage.messaging.removeConversation(userId, data);
  return outcome(chat, {}, [appended]);
}
