/**
 * The conversation list, history pages and clearing unread (message-ops.ts), loaded with the first call of
 * any late table (late-tables.ts); `connect()` fetches that chunk during its handshake, beside the request
 * checks every one of these calls waits for anyway.
 */
import type { LateOpTable } from './bind.js';
import { toReceivedConversation, toReceivedMessage } from './convert.js';
import type { ClientInternals } from './internals.js';
import type {
  IAsyncRes,
  IConversationOption,
  IGetConversationListOption,
  IGetHistoryMessageOption,
  IGetHistoryMessagesResult,
  IReceivedConversation,
} from './types.js';

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const messageQueryCalls = {
  /**
   * The conversation list, newest first (seeds: count default 300, max 1000; startTime/order page
   * by the time of the latest message).
   */
  async getConversationList(
    ctx: ClientInternals,
    option: IGetConversationListOption = {},
  ): Promise<IAsyncRes<IReceivedConversation[]>> {
    const res = await ctx.port.request(ctx, 'getConversationList', option ?? {});
    return ctx.port.mapData(res, (d) => d.list.map((c) => toReceivedConversation(c, ctx.userId())));
  },

  /**
   * A page of history, oldest first: `order` 0 = before `timestamp` (0 = now), 1 = after it;
   * `count` 1–100 (default 20). `hasMore` says whether there is more in that direction.
   */
  async getHistoryMessages(
    ctx: ClientInternals,
    conversation: IConversationOption,
    option: IGetHistoryMessageOption = {},
  ): Promise<IAsyncRes<IGetHistoryMessagesResult>> {
    const res = await ctx.port.request(ctx, 'getHistoryMessages', { ...conversation, ...(option ?? {}) });
    return ctx.port.mapData(res, (d) => ({
      list: d.list.map((m) => toReceivedMessage(m, ctx.userId(), false)),
      hasMore: d.hasMore,
    }));
  },

  /**
   * Seeds `getRemoteHistoryMessages`: the server's history of a conversation (the same pages as
   * `getHistoryMessages`; a web client keeps no local store, so both read the server).
   */
  getRemoteHistoryMessages(
    ctx: ClientInternals,
    conversation: IConversationOption,
    option: IGetHistoryMessageOption = {},
  ): Promise<IAsyncRes<IGetHistoryMessagesResult>> {
    return messageQueryCalls.getHistoryMessages(ctx, conversation, option);
  },

  /**
   * Marks a conversation read up to now. The server syncs the new state to all of the user's
   * devices, which each get a CONVERSATION event with `unreadMessageCount: 0`.
   */
  clearMessagesUnreadStatus(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<void>> {
    return ctx.port.requestVoid(ctx, 'clearMessagesUnreadStatus', { ...conversation });
  },
} satisfies LateOpTable;
