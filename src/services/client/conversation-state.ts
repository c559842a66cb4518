/** Drafts, pin, do-not-disturb and unread counts (seeds: 会话草稿, 会话置顶, 免打扰, 会话未读数). */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { ConversationType } from '../../protocol/enums.js';
import { toReceivedConversation } from './convert.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

/** Saves a draft on the server; the user's other devices get it in a CONVERSATION event (`draft`). */
export function saveTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption, draft: string) {
  return requestVoid(ctx, 'saveTextMessageDraft', { ...conversation, draft });
}

export async function getTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<string>> {
  return mapData(await getConversation(ctx, conversation), (c) => c.draft);
}

export function clearTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption) {
  return saveTextMessageDraft(ctx, conversation, '');
}

/** Pins (or unpins) a conversation on every device; getConversationList lists pinned ones first. */
export function setConversationToTop(ctx: ClientInternals, conversation: IConversationOption, isTop = true) {
  return requestVoid(ctx, 'setConversationToTop', { ...conversation, isTop });
}

/** Sets the do-not-disturb level (`NotificationLevel`) on every device. */
export function setConversationNotificationLevel(ctx: ClientInternals, conversation: IConversationOption, notificationLevel: number) {
  return requestVoid(ctx, 'setConversationNotificationLevel', { ...conversation, notificationLevel });
}

export async function getConversationNotificationLevel(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<number>> {
  return mapData(await getConversation(ctx, conversation), (c) => c.notificationLevel);
}

/** One conversation's current state (an empty one when it has none yet). */
export async function getConversation(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<IReceivedConversation>> {
  const res = await request(ctx, 'getConversation', { ...conversation });
  return mapData(res, (d) => toReceivedConversation(d.conversation, ctx.userId()));
}

/** Total unread; muted conversations count only with `includeMuted` (seeds' parameters). */
export async function getTotalUnreadCount(ctx: ClientInternals, includeMuted = false, conversationTypes?: ConversationType[]): Promise<IAsyncRes<number>> {
  const res = await request(ctx, 'getTotalUnreadCount', { includeMuted, ...(conversationTypes ? { conversationTypes } : {}) });
  return mapData(res, (d) => d.count);
}

export async function getUnreadCount(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<number>> {
  return mapData(await getConversation(ctx, conversation), (c) => c.unreadMessageCount);
}

/** Unread @ messages across the user's group conversations. */
export async function getAllUnreadMentionedCount(ctx: ClientInternals): Promise<IAsyncRes<number>> {
  return mapData(await request(ctx, 'getAllUnreadMentionedCount', {}), (d) => d.count);
}

/** The oldest unread message (`{ messageUId, sentTime }`), or `data: null` when all is read. */
export async function getFirstUnreadMessageInfo(
  ctx: ClientInternals,
  conversation: IConversationOption,
): Promise<IAsyncRes<{ messageUId: string; sentTime: number } | null>> {
  const res = await request(ctx, 'getFirstUnreadMessageInfo', { ...conversation });
  if (res.code !== ErrorCode.SUCCESS || !res.data) return mapData(res, () => null);
  return { code: ErrorCode.SUCCESS, data: res.data.info };
}
