/**
 * Per-user conversation state: drafts, pin (isTop), do-not-disturb level, and the unread queries
 * (total, @ count, first unread). State changes sync to the user's other devices as `state` items.
 */
import { ConversationType } from '../../src/protocol/enums.js';
import type { RequestData, WireConversation } from '../../src/protocol/frames.js';
import type { ConversationPatch } from '../storage/messaging-storage.js';
import type { ConversationKey } from '../storage/storage.js';
import type { ChatService } from './chat.js';
import { outcome, type Outcome } from './outcome.js';
import { assertConversationCanExist } from './targets.js';

/** Stores a patch of the user's own conversation state and tells their other devices. */
export async function setConversationState(
  chat: ChatService,
  userId: string,
  key: ConversationKey,
  patch: ConversationPatch,
): Promise<Outcome<Record<string, never>>> {
  await assertConversationCanExist(chat, userId, key);
  const appended = await chat.storage.messaging.setConversationState(
    userId,
    { conversationType: key.conversationType, targetId: key.targetId },
    patch,
  );
  return outcome(chat, {}, appended ? [appended] : []);
}

export function saveTextMessageDraft(chat: ChatService, userId: string, data: RequestData<'saveTextMessageDraft'>) {
  return setConversationState(chat, userId, data, { draft: data.draft });
}

export function setConversationToTop(chat: ChatService, userId: string, data: RequestData<'setConversationToTop'>) {
  return setConversationState(chat, userId, data, { isTop: data.isTop });
}

export function setConversationNotificationLevel(
  chat: ChatService,
  userId: string,
  data: RequestData<'setConversationNotificationLevel'>,
) {
  return setConversationState(chat, userId, data, { notificationLevel: data.notificationLevel });
}

export async function getConversation(
  chat: ChatService,
  userId: string,
  key: ConversationKey,
): Promise<Outcome<{ conversation: WireConversation }>> {
  await chat.assertCanRead(userId, key);
  return outcome(chat, { conversation: await chat.storage.messaging.getConversation(userId, key) });
}

/** Seeds: muted conversations (any level but ALL_MESSAGE / NOT_SET) count only with `includeMuted`. */
export async function getTotalUnreadCount(
  chat: ChatService,
  userId: string,
  data: RequestData<'getTotalUnreadCount'>,
): Promise<Outcome<{ count: number }>> {
  return outcome(chat, {
    count: await chat.storage.messaging.totalUnread(userId, data.includeMuted, data.conversationTypes),
  });
}

export async function getAllUnreadMentionedCount(
  chat: ChatService,
  userId: string,
): Promise<Outcome<{ count: number }>> {
  return outcome(chat, { count: await chat.storage.messaging.mentionedCount(userId) });
}

/** The oldest unread message of the conversation, or null when all is read (seeds ~4559). */
export async function getFirstUnreadMessageInfo(
  chat: ChatService,
  userId: string,
  key: RequestData<'getFirstUnreadMessageInfo'>,
) {
  await chat.assertCanRead(userId, key);
  return outcome(chat, { info: await chat.storage.messaging.firstUnread(userId, key) });
}

/** Groups the user is not (or no longer) in are left out, as `getConversation` refuses them. */
async function readable(chat: ChatService, userId: string, keys: ConversationKey[]): Promise<ConversationKey[]> {
  const unique = [...new Map(keys.map((k) => [`${k.conversationType}:${k.targetId}`, k])).values()];
  const kept: ConversationKey[] = [];
  for (const key of unique) {
    if (key.conversationType !== ConversationType.GROUP || (await chat.storage.isGroupMember(key.targetId, userId)))
      kept.push(key);
  }
  return kept;
}

/** Seeds 5.9.9 `getConversations`: the state of up to 100 conversations, in the order asked. */
export async function getConversations(
  chat: ChatService,
  userId: string,
  data: RequestData<'getConversations'>,
): Promise<Outcome<{ list: WireConversation[] }>> {
  const keys = await readable(chat, userId, data.conversations);
  return outcome(chat, { list: await chat.storage.getConversations(userId, keys) });
}

/** Seeds `getBlockedConversationList`: every conversation muted at any level above 0, newest first. */
export async function getBlockedConversationList(
  chat: ChatService,
  userId: string,
): Promise<Outcome<{ list: WireConversation[] }>> {
  const keys = await readable(chat, userId, await chat.storage.messaging.mutedConversations(userId));
  return outcome(chat, { list: await chat.storage.getConversations(userId, keys) });
}
