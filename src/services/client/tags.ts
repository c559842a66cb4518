/** Conversation tags (seeds: 管理标签信息数据, 设置与使用会话标签). */
import type { ConversationTagInfo, TagInfo } from '../../protocol/messaging.js';
import { toReceivedConversation } from './convert.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

/** `{ tagId, tagName }`; tagName at most 15 characters. */
export interface ITagParam {
  tagId: string;
  tagName: string;
}

/** Creates a tag (at most 20: 26004; an existing id: 33101). */
export const addTag = (ctx: ClientInternals, tag: ITagParam) => requestVoid(ctx, 'addTag', { ...tag });
export const updateTag = (ctx: ClientInternals, tag: ITagParam) => requestVoid(ctx, 'updateTag', { ...tag });
export const removeTag = (ctx: ClientInternals, tagId: string) => requestVoid(ctx, 'removeTag', { tagId });

export async function getTags(ctx: ClientInternals): Promise<IAsyncRes<TagInfo[]>> {
  return mapData(await request(ctx, 'getTags', {}), (d) => d.list);
}

/** Tags a conversation list (at most 1000 at once: 34013; a full tag drops its oldest). */
export const addConversationsToTag = (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
  requestVoid(ctx, 'addConversationsToTag', { tagId, conversations });
export const removeConversationsFromTag = (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
  requestVoid(ctx, 'removeConversationsFromTag', { tagId, conversations });
export const removeTagFromConversations = (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
  requestVoid(ctx, 'removeTagFromConversations', { tagId, conversations });
export const removeTagsFromConversation = (ctx: ClientInternals, conversation: IConversationOption, tagIds: string[]) =>
  requestVoid(ctx, 'removeTagsFromConversation', { ...conversation, tagIds });
export const setConversationToTopInTag = (ctx: ClientInternals, tagId: string, conversation: IConversationOption, isTop: boolean) =>
  requestVoid(ctx, 'setConversationToTopInTag', { tagId, ...conversation, isTop });

export async function getTagsFromConversation(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<ConversationTagInfo[]>> {
  return mapData(await request(ctx, 'getTagsFromConversation', { ...conversation }), (d) => d.list);
}

/** A page of a tag's conversations, newest first, older than `startTime` (0 = newest). */
export async function getConversationsFromTagByPage(
  ctx: ClientInternals,
  tagId: string,
  count: number,
  startTime: number,
): Promise<IAsyncRes<Array<IReceivedConversation & { isTopInTag: boolean }>>> {
  const res = await request(ctx, 'getConversationsFromTagByPage', { tagId, count, startTime });
  return mapData(res, (d) => d.list.map((c) => ({ ...toReceivedConversation(c, ctx.userId()), isTopInTag: c.isTopInTag })));
}

export async function getUnreadCountByTag(ctx: ClientInternals, tagId: string, containMuted: boolean): Promise<IAsyncRes<number>> {
  return mapData(await request(ctx, 'getUnreadCountByTag', { tagId, containMuted }), (d) => d.count);
}
