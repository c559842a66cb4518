/** Do-not-disturb levels and unread counts (conversation-state.ts), loaded with the first call of any late table (late-tables.ts). */
import { ErrorCode, NotificationLevel, NotificationStatus, type ConversationType } from '../../protocol/constants.js';
import type { LateOpTable } from './bind.js';
import { toReceivedConversation } from './convert.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

/** One conversation's current state, as `getConversation` reads it. */
async function stateOf(ctx: ClientInternals, target: IConversationOption): Promise<IAsyncRes<IReceivedConversation>> {
  const res = await ctx.port.request(ctx, 'getConversation', { ...target });
  return ctx.port.mapData(res, (d) => toReceivedConversation(d.conversation, ctx.userId()));
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const conversationCountCalls = {
  /** Sets the do-not-disturb level (`NotificationLevel`) on every device. */
  setConversationNotificationLevel(ctx: ClientInternals, conversation: IConversationOption, notificationLevel: number) {
    return ctx.port.requestVoid(ctx, 'setConversationNotificationLevel', { ...conversation, notificationLevel });
  },
  /** The conversation's do-not-disturb level (`NotificationLevel`). */
  async getConversationNotificationLevel(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<number>> {
    return ctx.port.mapData(await stateOf(ctx, conversation), (c) => c.notificationLevel);
  },
  /**
   * The older do-not-disturb switch (seeds, deprecated there in favour of levels): `NotificationStatus.OPEN`
   * mutes the conversation (level `NOT_MESSAGE_NOTIFICATION`), `CLOSE` unmutes it (`ALL_MESSAGE`).
   */
  setConversationNotificationStatus(
    ctx: ClientInternals,
    conversation: IConversationOption,
    notificationStatus: NotificationStatus,
  ): Promise<IAsyncRes<void>> {
    if (notificationStatus !== NotificationStatus.OPEN && notificationStatus !== NotificationStatus.CLOSE) {
      return Promise.resolve({
        code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
        msg: 'notificationStatus must be NotificationStatus.OPEN (1) or CLOSE (2)',
      });
    }
    const level =
      notificationStatus === NotificationStatus.OPEN
        ? NotificationLevel.NOT_MESSAGE_NOTIFICATION
        : NotificationLevel.ALL_MESSAGE;
    return conversationCountCalls.setConversationNotificationLevel(ctx, conversation, level);
  },
  /** `NotificationStatus.OPEN` when the conversation is muted at any level above 0, else `CLOSE`. */
  async getConversationNotificationStatus(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<NotificationStatus>> {
    return ctx.port.mapData(await stateOf(ctx, conversation), (c) =>
      c.notificationLevel > 0 ? NotificationStatus.OPEN : NotificationStatus.CLOSE,
    );
  },
  /** Total unread; muted conversations count only with `includeMuted` (seeds' parameters). */
  async getTotalUnreadCount(
    ctx: ClientInternals,
    includeMuted = false,
    conversationTypes?: ConversationType[],
  ): Promise<IAsyncRes<number>> {
    const res = await ctx.port.request(ctx, 'getTotalUnreadCount', {
      includeMuted,
      ...(conversationTypes ? { conversationTypes } : {}),
    });
    return ctx.port.mapData(res, (d) => d.count);
  },
  /** Unread messages of one conversation. */
  async getUnreadCount(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<number>> {
    return ctx.port.mapData(await stateOf(ctx, conversation), (c) => c.unreadMessageCount);
  },
  /**
   * Unread @ messages of one conversation (seeds: `getUnreadMentionedCount`, there for ultra-group
   * channels; here for any group; `channelId` is ignored).
   */
  async getUnreadMentionedCount(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<number>> {
    return ctx.port.mapData(await stateOf(ctx, conversation), (c) => c.mentionedCount ?? 0);
  },
  /** Unread @ messages across the user's group conversations. */
  async getAllUnreadMentionedCount(ctx: ClientInternals): Promise<IAsyncRes<number>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getAllUnreadMentionedCount', {}), (d) => d.count);
  },
} satisfies LateOpTable;
