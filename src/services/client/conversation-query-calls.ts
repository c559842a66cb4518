/**
 * Conversation queries the seeds define on top of the list (获取置顶会话列表, 获取未读会话列表,
 * 清除全部会话未读数, 多端同步未读数, 按免打扰级别获取未读数). They read the server's list (at
 * most 1000 conversations, the seeds' cap) and filter it.
 *
 * The operations (conversation-queries.ts), loaded with the first call of any late table (late-tables.ts).
 */
import type { ConversationType } from '../../protocol/constants.js';
import { ErrorCode, Limits } from '../../protocol/constants.js';
import type { LateOpTable } from './bind.js';
import { toReceivedConversation } from './convert.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

async function all(ctx: ClientInternals, types?: ConversationType[]): Promise<IAsyncRes<IReceivedConversation[]>> {
  const res = await ctx.call('getConversationList', { count: Limits.CONVERSATION_COUNT_MAX, startTime: 0, order: 0 });
  if (res.code !== ErrorCode.SUCCESS || !res.data)
    return { code: res.code || ErrorCode.UNKNOWN, ...(res.msg ? { msg: res.msg } : {}) };
  const list = res.data.list.map((c) => toReceivedConversation(c, ctx.userId()));
  return {
    code: ErrorCode.SUCCESS,
    data: types && types.length > 0 ? list.filter((c) => types.includes(c.conversationType)) : list,
  };
}

/** Sums `count` over the conversations of `types` whose do-not-disturb level is one of `levels` (all when empty). */
async function sumByLevels(
  ctx: ClientInternals,
  types: ConversationType[],
  levels: number[],
  count: (c: IReceivedConversation) => number,
): Promise<IAsyncRes<number>> {
  const res = await all(ctx, types);
  if (!res.data) return { code: res.code, ...(res.msg ? { msg: res.msg } : {}) };
  const match = (c: IReceivedConversation) => !levels || levels.length === 0 || levels.includes(c.notificationLevel);
  return { code: ErrorCode.SUCCESS, data: res.data.filter(match).reduce((n, c) => n + count(c), 0) };
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const conversationQueryCalls = {
  /**
   * Seeds 5.9.9 `getConversations`: the state of up to 100 conversations in one call, in the order
   * given (groups the user is not in are left out; more than 100 resolves 33003).
   */
  async getConversations(
    ctx: ClientInternals,
    conversations: IConversationOption[],
  ): Promise<IAsyncRes<IReceivedConversation[]>> {
    const keys = Array.isArray(conversations)
      ? conversations.map((c) => ({ conversationType: c?.conversationType, targetId: c?.targetId }))
      : conversations;
    const res = await ctx.port.request(ctx, 'getConversations', { conversations: keys });
    return ctx.port.mapData(res, (d) => d.list.map((c) => toReceivedConversation(c, ctx.userId())));
  },
  /** Seeds `getBlockedConversationList`: every conversation with do-not-disturb on (level above 0), newest first. */
  async getBlockedConversationList(ctx: ClientInternals): Promise<IAsyncRes<IReceivedConversation[]>> {
    const res = await ctx.port.request(ctx, 'getBlockedConversationList', {});
    return ctx.port.mapData(res, (d) => d.list.map((c) => toReceivedConversation(c, ctx.userId())));
  },
  /** Pinned conversations (of the given types; all types by default). */
  async getTopConversationList(ctx: ClientInternals, conversationTypes?: ConversationType[]) {
    const res = await all(ctx, conversationTypes);
    return res.data ? { code: res.code, data: res.data.filter((c) => c.isTop) } : res;
  },
  /** Conversations with unread messages. */
  async getUnreadConversationList(ctx: ClientInternals, conversationTypes?: ConversationType[]) {
    const res = await all(ctx, conversationTypes);
    return res.data ? { code: res.code, data: res.data.filter((c) => c.unreadMessageCount > 0) } : res;
  },
  /** Marks every conversation read (each read syncs to the user's other devices). */
  async clearAllMessagesUnreadStatus(ctx: ClientInternals): Promise<IAsyncRes<void>> {
    const res = await conversationQueryCalls.getUnreadConversationList(ctx);
    if (!res.data) return { code: res.code, ...(res.msg ? { msg: res.msg } : {}) };
    for (const c of res.data) {
      const done = await ctx.call('clearMessagesUnreadStatus', {
        conversationType: c.conversationType as 1 | 3 | 6,
        targetId: c.targetId,
        timestamp: 0,
      });
      if (done.code !== ErrorCode.SUCCESS) return { code: done.code, ...(done.msg ? { msg: done.msg } : {}) };
    }
    return { code: ErrorCode.SUCCESS };
  },
  /** Seeds' multi-device read sync: marks the conversation read up to `timestamp` on every device. */
  async sendSyncReadStatusMessage(
    ctx: ClientInternals,
    conversation: IConversationOption,
    timestamp: number,
  ): Promise<IAsyncRes<void>> {
    if (!conversation || typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0) {
      return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'conversation and a timestamp are required' };
    }
    const res = await ctx.call('clearMessagesUnreadStatus', {
      conversationType: conversation.conversationType as 1 | 3 | 6,
      targetId: conversation.targetId,
      timestamp,
    });
    return res.code === ErrorCode.SUCCESS
      ? { code: ErrorCode.SUCCESS }
      : { code: res.code, ...(res.msg ? { msg: res.msg } : {}) };
  },
  /** Unread messages in conversations whose do-not-disturb level is one of `levels` (all when empty). */
  getTotalUnreadCountByLevels(
    ctx: ClientInternals,
    conversationTypes: ConversationType[],
    levels: number[],
  ): Promise<IAsyncRes<number>> {
    return sumByLevels(ctx, conversationTypes, levels, (c) => c.unreadMessageCount);
  },
  /** Unread @ messages in conversations whose do-not-disturb level is one of `levels` (all when empty). */
  getTotalUnreadMentionedCountByLevels(
    ctx: ClientInternals,
    conversationTypes: ConversationType[],
    levels: number[],
  ): Promise<IAsyncRes<number>> {
    return sumByLevels(ctx, conversationTypes, levels, (c) => c.mentionedCount ?? 0);
  },
} satisfies LateOpTable;
