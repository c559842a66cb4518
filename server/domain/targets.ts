/**
 * Stored per-user state (drafts, pins, do-not-disturb, tag links) only for conversations that can
 * exist: a group the user is a member of, a user the server knows (registered, or a member of a
 * group), one she already has a conversation with, or an existing conversation of another type. Made-up ids are refused, so a
 * script cannot grow the database with rows for conversations that will never have a message.
 */
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { ConversationKey } from '../storage/storage.js';
import type { ChatService } from './chat.js';
import { DomainError } from './errors.js';

/** Refuses (33003; 22406 for groups) a conversation the user cannot have. */
export async function assertConversationCanExist(
  chat: ChatService,
  userId: string,
  key: ConversationKey,
): Promise<void> {
  if (key.conversationType === ConversationType.GROUP) {
    await chat.readableAfter(userId, key);
    return;
  }
  if (
    key.conversationType === ConversationType.PRIVATE &&
    (key.targetId === userId || (await chat.storage.abuse.userExists(key.targetId)))
  )
    return;
  const conversation = await chat.storage.messaging.getConversation(userId, key);
  if (conversation.latestMessage || conversation.updatedTime > 0) return;
  throw new DomainError(
    ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    `no conversation ${key.conversationType}:${key.targetId.slice(0, 64)}`,
  );
}
