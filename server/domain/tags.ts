/**
 * Conversation tags (seeds ~6668): up to 20 per user (26004), names ≤ 15 characters, at most 1000
 * conversations per operation (34013). Changes reach the user's other devices as `tag` /
 * `conversationTag` items (Events.TAG / Events.CONVERSATION_TAG).
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { RequestData } from '../../src/protocol/frames.js';
import { MessagingLimits } from '../../src/protocol/messaging.js';
import type { ConversationKey } from '../storage/storage.js';
import type { ChatService } from './chat.js';
import { DomainError } from './errors.js';
import { outcome, type Outcome } from './outcome.js';
import { assertConversationCanExist } from './targets.js';

type Empty = Record<string, never>;

async function requireTag(chat: ChatService, userId: string, tagId: string): Promise<void> {
  const tags = await chat.storage.messaging.tags(userId);
  if (!tags.some((t) => t.tagId === tagId)) throw new DomainError(ErrorCode.TAG_NOT_EXIST, `no tag ${tagId}`);
}

function checkCount(list: unknown[]): void {
  if (list.length > MessagingLimits.TAG_CONVERSATIONS_MAX) {
    throw new DomainError(
      ErrorCode.CONVER_OUT_LIMIT_ERROR,
      `at most ${MessagingLimits.TAG_CONVERSATIONS_MAX} conversations at once`,
    );
  }
}

export async function addTag(chat: ChatService, userId: string, data: RequestData<'addTag'>): Promise<Outcome<Empty>> {
  const tags = await chat.storage.messaging.tags(userId);
  if (tags.some((t) => t.tagId === data.tagId)) throw new DomainError(ErrorCode.TAG_EXISTS, `tag ${data.tagId} exists`);
  if (tags.length >= MessagingLimits.TAGS_MAX)
    throw new DomainError(ErrorCode.CONVERSATION_TAG_OVERSIZE, `at most ${MessagingLimits.TAGS_MAX} tags`);
  return outcome(chat, {}, [
    await chat.storage.messaging.writeTag(userId, 'create', data.tagId, data.tagName, chat.clock.now()),
  ]);
}

export async function updateTag(
  chat: ChatService,
  userId: string,
  data: RequestData<'updateTag'>,
): Promise<Outcome<Empty>> {
  await requireTag(chat, userId, data.tagId);
  return outcome(chat, {}, [
    await chat.storage.messaging.writeTag(userId, 'rename', data.tagId, data.tagName, chat.clock.now()),
  ]);
}

export async function removeTag(
  chat: ChatService,
  userId: string,
  data: RequestData<'removeTag'>,
): Promise<Outcome<Empty>> {
  await requireTag(chat, userId, data.tagId);
  return outcome(chat, {}, [await chat.storage.messaging.writeTag(userId, 'remove', data.tagId, '', chat.clock.now())]);
}

export async function getTags(chat: ChatService, userId: string) {
  return outcome(chat, { list: await chat.storage.messaging.tags(userId) });
}

async function link(
  chat: ChatService,
  userId: string,
  op: 'add' | 'remove',
  tagId: string,
  keys: ConversationKey[],
): Promise<Outcome<Empty>> {
  checkCount(keys);
  await requireTag(chat, userId, tagId);
  if (op === 'add') for (const key of keys) await assertConversationCanExist(chat, userId, key);
  const links = keys.map((key) => ({ tagId, key }));
  const appended = await chat.storage.messaging.linkTags(
    userId,
    op,
    links,
    chat.clock.now(),
    MessagingLimits.TAG_CONVERSATIONS_MAX,
  );
  return outcome(chat, {}, [appended]);
}

export function addConversationsToTag(chat: ChatService, userId: string, data: RequestData<'addConversationsToTag'>) {
  return link(chat, userId, 'add', data.tagId, data.conversations);
}

export function removeConversationsFromTag(
  chat: ChatService,
  userId: string,
  data: RequestData<'removeConversationsFromTag'>,
) {
  return link(chat, userId, 'remove', data.tagId, data.conversations);
}

export function removeTagFromConversations(
  chat: ChatService,
  userId: string,
  data: RequestData<'removeTagFromConversations'>,
) {
  return link(chat, userId, 'remove', data.tagId, data.conversations);
}

export async function removeTagsFromConversation(
  chat: ChatService,
  userId: string,
  data: RequestData<'removeTagsFromConversation'>,
): Promise<Outcome<Empty>> {
  const key = { conversationType: data.conversationType, targetId: data.targetId };
  const tags = await chat.storage.messaging.tags(userId);
  const missing = data.tagIds.find((id) => !tags.some((t) => t.tagId === id));
  if (missing) throw new DomainError(ErrorCode.TAG_NOT_EXIST, `no tag ${missing}`);
  const links = data.tagIds.map((tagId) => ({ tagId, key }));
  return outcome(chat, {}, [
    await chat.storage.messaging.linkTags(
      userId,
      'remove',
      links,
      chat.clock.now(),
      MessagingLimits.TAG_CONVERSATIONS_MAX,
    ),
  ]);
}

export async function getTagsFromConversation(
  chat: ChatService,
  userId: string,
  data: RequestData<'getTagsFromConversation'>,
) {
  return outcome(chat, { list: await chat.storage.messaging.tagsOfConversation(userId, data) });
}

export async function getConversationsFromTagByPage(
  chat: ChatService,
  userId: string,
  data: RequestData<'getConversationsFromTagByPage'>,
) {
  await requireTag(chat, userId, data.tagId);
  return outcome(chat, {
    list: await chat.storage.messaging.conversationsInTag(userId, data.tagId, data.count, data.startTime),
  });
}

export async function getUnreadCountByTag(chat: ChatService, userId: string, data: RequestData<'getUnreadCountByTag'>) {
  await requireTag(chat, userId, data.tagId);
  return outcome(chat, { count: await chat.storage.messaging.unreadInTag(userId, data.tagId, data.containMuted) });
}

/** Pins a conversation inside one tag; 33102 when the conversation does not have the tag. */
export async function setConversationToTopInTag(
  chat: ChatService,
  userId: string,
  data: RequestData<'setConversationToTopInTag'>,
): Promise<Outcome<Empty>> {
  await requireTag(chat, userId, data.tagId);
  const key = { conversationType: data.conversationType, targetId: data.targetId };
  const appended = await chat.storage.messaging.setTopInTag(userId, data.tagId, key, data.isTop);
  if (!appended) throw new DomainError(ErrorCode.NO_TAG_IN_CONVER, `the conversation does not have tag ${data.tagId}`);
  return outcome(chat, {}, [appended]);
}
