/** The tag operations (tags.ts), loaded with the first call of any late table (late-tables.ts). */
import type { ConversationTagInfo, TagInfo } from '../../protocol/messaging.js';
import type { LateOpTable } from './bind.js';
import { toReceivedConversation } from './convert.js';
import type { ClientInternals } from './internals.js';
import type { ITagParam } from './tags.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const tagCalls = {
  /** Creates a tag (at most 20: 26004; an existing id: 33101). */
  addTag: (ctx: ClientInternals, tag: ITagParam) => ctx.port.requestVoid(ctx, 'addTag', { ...tag }),
  /** Alias of `addTag` (the 2.x name). */
  createTag: (ctx: ClientInternals, tag: ITagParam) => ctx.port.requestVoid(ctx, 'addTag', { ...tag }),
  /** Renames a tag. */
  updateTag: (ctx: ClientInternals, tag: ITagParam) => ctx.port.requestVoid(ctx, 'updateTag', { ...tag }),
  /** Deletes a tag; its conversations lose it. */
  removeTag: (ctx: ClientInternals, tagId: string) => ctx.port.requestVoid(ctx, 'removeTag', { tagId }),
  /** This user's tags. */
  async getTags(ctx: ClientInternals): Promise<IAsyncRes<TagInfo[]>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getTags', {}), (d) => d.list);
  },
  /** Tags a conversation list (at most 1000 at once: 34013; a full tag drops its oldest). */
  addConversationsToTag: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    ctx.port.requestVoid(ctx, 'addConversationsToTag', { tagId, conversations }),
  /** Alias of `addConversationsToTag` (the 2.x name). */
  addTagForConversations: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    ctx.port.requestVoid(ctx, 'addConversationsToTag', { tagId, conversations }),
  /** Takes conversations out of a tag. */
  removeConversationsFromTag: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    ctx.port.requestVoid(ctx, 'removeConversationsFromTag', { tagId, conversations }),
  /** Alias of `removeConversationsFromTag` (the 2.x name; the seeds' table also writes `removeTagsFromConversations`). */
  removeTagForConversations: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    ctx.port.requestVoid(ctx, 'removeConversationsFromTag', { tagId, conversations }),
  /** Removes one tag from each of the conversations. */
  removeTagFromConversations: (ctx: ClientInternals, tagId: string, conversations: IConversationOption[]) =>
    ctx.port.requestVoid(ctx, 'removeTagFromConversations', { tagId, conversations }),
  /** Removes tags from one conversation. */
  removeTagsFromConversation: (ctx: ClientInternals, conversation: IConversationOption, tagIds: string[]) =>
    ctx.port.requestVoid(ctx, 'removeTagsFromConversation', { ...conversation, tagIds }),
  /** Pins (or unpins) a conversation inside a tag. */
  setConversationToTopInTag: (ctx: ClientInternals, tagId: string, conversation: IConversationOption, isTop: boolean) =>
    ctx.port.requestVoid(ctx, 'setConversationToTopInTag', { tagId, ...conversation, isTop }),
  /** The tags of one conversation. */
  async getTagsFromConversation(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<ConversationTagInfo[]>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getTagsFromConversation', { ...conversation }), (d) => d.list);
  },
  /** A page of a tag's conversations, newest first, older than `startTime` (0 = newest). */
  async getConversationsFromTagByPage(
    ctx: ClientInternals,
    tagId: string,
    count: number,
    startTime: number,
  ): Promise<IAsyncRes<Array<IReceivedConversation & { isTopInTag: boolean }>>> {
    const res = await ctx.port.request(ctx, 'getConversationsFromTagByPage', { tagId, count, startTime });
    return ctx.port.mapData(res, (d) =>
      d.list.map((c) => ({ ...toReceivedConversation(c, ctx.userId()), isTopInTag: c.isTopInTag })),
    );
  },
  /** Unread messages in a tag's conversations (muted ones only with `containMuted`). */
  async getUnreadCountByTag(ctx: ClientInternals, tagId: string, containMuted: boolean): Promise<IAsyncRes<number>> {
    return ctx.port.mapData(
      await ctx.port.request(ctx, 'getUnreadCountByTag', { tagId, containMuted }),
      (d) => d.count,
    );
  },
} satisfies LateOpTable;
