/** Conversation tags (seeds: 管理标签信息数据, 设置与使用会话标签). */
import type { ConversationTagInfo, TagInfo } from '../../protocol/messaging.js';
import { onDefaultClient, type OpTable } from './bind.js';
import { toReceivedConversation } from './convert.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

/** `{ tagId, tagName }`; tagName at most 15 characters. */
export interface ITagParam {
  tagId: string;
  tagName: string;
}

/**
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const tagOps = {
  /** Creates a tag (at most 20: 26004; an existing id: 33101). */
  addTag: (ctx: ClientInternals, tag: ITagParam) => requestVoid(ctx, 'addTag', { ...tag }),
  /** Alias of `addTag` (the 2.x name). */
  createTag: (ctx: ClientInternals, tag: ITagParam) => requestVoid(ctx, 'addTag', { ...tag }),
  /** Renames a tag. */
  updateTag: (ctx: ClientInternals, tag: ITagParam) => requestVoid(ctx, 'updateTag', { ...tag }),
  /** Deletes a tag; its conversations lose it. */
  removeTag: (ctx: ClientInternals, tagId: string) => requestVoid(ctx, 'removeTag', { tagId }),
  /** This user's tags. */
  async getTags(ctx: ClientInternals): Promise<IAsyncRes<TagInfo[]>> {
    return mapData(await request(ctx, 'getTags', {}), (d) => d.list);
  },
  /** Tags a conversation list (at most 1000 at once: 34013; a full tag drops its oldest). */
  addConversationsToTag: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    requestVoid(ctx, 'addConversationsToTag', { tagId, conversations }),
  /** Alias of `addConversationsToTag` (the 2.x name). */
  addTagForConversations: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    requestVoid(ctx, 'addConversationsToTag', { tagId, conversations }),
  /** Takes conversations out of a tag. */
  removeConversationsFromTag: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    requestVoid(ctx, 'removeConversationsFromTag', { tagId, conversations }),
  /** Alias of `removeConversationsFromTag` (the 2.x name; the seeds' table also writes `removeTagsFromConversations`). */
  removeTagForConversations: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    requestVoid(ctx, 'removeConversationsFromTag', { tagId, conversations }),
  /** Removes one tag from each of the conversations. */
  removeTagFromConversations: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    requestVoid(ctx, 'removeTagFromConversations', { tagId, conversations }),
  /** Removes tags from one conversation. */
  removeTagsFromConversation: (ctx: ClientInternals, conversation: IConversationOption, tagIds: string[]) =>
    requestVoid(ctx, 'removeTagsFromConversation', { ...conversation, tagIds }),
  /** Pins (or unpins) a conversation inside a tag. */
  setConversationToTopInTag: (ctx: ClientInternals, tagId: string, conversation: IConversationOption, isTop: boolean) =>
    requestVoid(ctx, 'setConversationToTopInTag', { tagId, ...conversation, isTop }),
  /** The tags of one conversation. */
  async getTagsFromConversation(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<ConversationTagInfo[]>> {
    return mapData(await request(ctx, 'getTagsFromConversation', { ...conversation }), (d) => d.list);
  },
  /** A page of a tag's conversations, newest first, older than `startTime` (0 = newest). */
  async getConversationsFromTagByPage(
    ctx: ClientInternals,
    tagId: string,
    count: number,
    startTime: number,
  ): Promise<IAsyncRes<Array<IReceivedConversation & { isTopInTag: boolean }>>> {
    const res = await request(ctx, 'getConversationsFromTagByPage', { tagId, count, startTime });
    return mapData(res, (d) =>
      d.list.map((c) => ({ ...toReceivedConversation(c, ctx.userId()), isTopInTag: c.isTopInTag })),
    );
  },
  /** Unread messages in a tag's conversations (muted ones only with `containMuted`). */
  async getUnreadCountByTag(ctx: ClientInternals, tagId: string, containMuted: boolean): Promise<IAsyncRes<number>> {
    return mapData(await request(ctx, 'getUnreadCountByTag', { tagId, containMuted }), (d) => d.count);
  },
} satisfies OpTable;

// The module-level functions (the seeds' `RongIMLib.addTag(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.addTag`, on the default client. */
export const addTag = /* @__PURE__ */ onDefaultClient(tagOps, 'addTag');
/** `ParleyClient.createTag`, on the default client. */
export const createTag = /* @__PURE__ */ onDefaultClient(tagOps, 'createTag');
/** `ParleyClient.updateTag`, on the default client. */
export const updateTag = /* @__PURE__ */ onDefaultClient(tagOps, 'updateTag');
/** `ParleyClient.removeTag`, on the default client. */
export const removeTag = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTag');
/** `ParleyClient.getTags`, on the default client. */
export const getTags = /* @__PURE__ */ onDefaultClient(tagOps, 'getTags');
/** `ParleyClient.addConversationsToTag`, on the default client. */
export const addConversationsToTag = /* @__PURE__ */ onDefaultClient(tagOps, 'addConversationsToTag');
/** `ParleyClient.addTagForConversations`, on the default client. */
export const addTagForConversations = /* @__PURE__ */ onDefaultClient(tagOps, 'addTagForConversations');
/** `ParleyClient.removeConversationsFromTag`, on the default client. */
export const removeConversationsFromTag = /* @__PURE__ */ onDefaultClient(tagOps, 'removeConversationsFromTag');
/** `ParleyClient.removeTagForConversations`, on the default client. */
export const removeTagForConversations = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTagForConversations');
/** `ParleyClient.removeTagFromConversations`, on the default client. */
export const removeTagFromConversations = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTagFromConversations');
/** `ParleyClient.removeTagsFromConversation`, on the default client. */
export const removeTagsFromConversation = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTagsFromConversation');
/** `ParleyClient.setConversationToTopInTag`, on the default client. */
export const setConversationToTopInTag = /* @__PURE__ */ onDefaultClient(tagOps, 'setConversationToTopInTag');
/** `ParleyClient.getTagsFromConversation`, on the default client. */
export const getTagsFromConversation = /* @__PURE__ */ onDefaultClient(tagOps, 'getTagsFromConversation');
/** `ParleyClient.getConversationsFromTagByPage`, on the default client. */
export const getConversationsFromTagByPage = /* @__PURE__ */ onDefaultClient(tagOps, 'getConversationsFromTagByPage');
/** `ParleyClient.getUnreadCountByTag`, on the default client. */
export const getUnreadCountByTag = /* @__PURE__ */ onDefaultClient(tagOps, 'getUnreadCountByTag');
