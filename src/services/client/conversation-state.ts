/** Drafts, pin, do-not-disturb and unread counts (seeds: 会话草稿, 会话置顶, 免打扰, 会话未读数). */
import { ErrorCode } from '../../protocol/constants.js';
import { NotificationLevel, NotificationStatus } from '../../protocol/constants.js';
import type { ConversationType } from '../../protocol/constants.js';
import { toReceivedConversation } from './convert.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import { onDefaultClient, type OpTable } from './bind.js';
import type { IAsyncRes, IConversationOption, IReceivedConversation } from './types.js';

/**
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const conversationStateOps = {
  /** Saves a draft on the server; the user's other devices get it in a CONVERSATION event (`draft`). */
  saveTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption, draft: string) {
    return requestVoid(ctx, 'saveTextMessageDraft', { ...conversation, draft });
  },
  /** The conversation's saved draft ('' when none). */
  async getTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<string>> {
    return mapData(await conversationStateOps.getConversation(ctx, conversation), (c) => c.draft);
  },
  /** Clears the draft on every device (saves ''). */
  clearTextMessageDraft(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<void>> {
    return conversationStateOps.saveTextMessageDraft(ctx, conversation, '');
  },
  /** Pins (or unpins) a conversation on every device; getConversationList lists pinned ones first. */
  setConversationToTop(ctx: ClientInternals, conversation: IConversationOption, isTop = true) {
    return requestVoid(ctx, 'setConversationToTop', { ...conversation, isTop });
  },
  /** Sets the do-not-disturb level (`NotificationLevel`) on every device. */
  setConversationNotificationLevel(ctx: ClientInternals, conversation: IConversationOption, notificationLevel: number) {
    return requestVoid(ctx, 'setConversationNotificationLevel', { ...conversation, notificationLevel });
  },
  /** The conversation's do-not-disturb level (`NotificationLevel`). */
  async getConversationNotificationLevel(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<number>> {
    return mapData(await conversationStateOps.getConversation(ctx, conversation), (c) => c.notificationLevel);
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
    return conversationStateOps.setConversationNotificationLevel(ctx, conversation, level);
  },
  /** `NotificationStatus.OPEN` when the conversation is muted at any level above 0, else `CLOSE`. */
  async getConversationNotificationStatus(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<NotificationStatus>> {
    return mapData(await conversationStateOps.getConversation(ctx, conversation), (c) =>
      c.notificationLevel > 0 ? NotificationStatus.OPEN : NotificationStatus.CLOSE,
    );
  },
  /** One conversation's current state (an empty one when it has none yet). */
  async getConversation(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<IReceivedConversation>> {
    const res = await request(ctx, 'getConversation', { ...conversation });
    return mapData(res, (d) => toReceivedConversation(d.conversation, ctx.userId()));
  },
  /** Total unread; muted conversations count only with `includeMuted` (seeds' parameters). */
  async getTotalUnreadCount(
    ctx: ClientInternals,
    includeMuted = false,
    conversationTypes?: ConversationType[],
  ): Promise<IAsyncRes<number>> {
    const res = await request(ctx, 'getTotalUnreadCount', {
      includeMuted,
      ...(conversationTypes ? { conversationTypes } : {}),
    });
    return mapData(res, (d) => d.count);
  },
  /** Unread messages of one conversation. */
  async getUnreadCount(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<number>> {
    return mapData(await conversationStateOps.getConversation(ctx, conversation), (c) => c.unreadMessageCount);
  },
  /**
   * Unread @ messages of one conversation (seeds: `getUnreadMentionedCount`, there for ultra-group
   * channels; here for any group; `channelId` is ignored).
   */
  async getUnreadMentionedCount(ctx: ClientInternals, conversation: IConversationOption): Promise<IAsyncRes<number>> {
    return mapData(await conversationStateOps.getConversation(ctx, conversation), (c) => c.mentionedCount ?? 0);
  },
  /** Unread @ messages across the user's group conversations. */
  async getAllUnreadMentionedCount(ctx: ClientInternals): Promise<IAsyncRes<number>> {
    return mapData(await request(ctx, 'getAllUnreadMentionedCount', {}), (d) => d.count);
  },
  /** The oldest unread message (`{ messageUId, sentTime }`), or `data: null` when all is read. */
  async getFirstUnreadMessageInfo(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<{ messageUId: string; sentTime: number } | null>> {
    const res = await request(ctx, 'getFirstUnreadMessageInfo', { ...conversation });
    if (res.code !== ErrorCode.SUCCESS || !res.data) return mapData(res, () => null);
    return { code: ErrorCode.SUCCESS, data: res.data.info };
  },
} satisfies OpTable;

// The module-level functions (the seeds' `RongIMLib.saveTextMessageDraft(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.saveTextMessageDraft`, on the default client. */
export const saveTextMessageDraft = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'saveTextMessageDraft');
/** `ParleyClient.getTextMessageDraft`, on the default client. */
export const getTextMessageDraft = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'getTextMessageDraft');
/** `ParleyClient.clearTextMessageDraft`, on the default client. */
export const clearTextMessageDraft = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'clearTextMessageDraft');
/** `ParleyClient.setConversationToTop`, on the default client. */
export const setConversationToTop = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'setConversationToTop');
/** `ParleyClient.setConversationNotificationLevel`, on the default client. */
export const setConversationNotificationLevel = /* @__PURE__ */ onDefaultClient(
  conversationStateOps,
  'setConversationNotificationLevel',
);
/** `ParleyClient.getConversationNotificationLevel`, on the default client. */
export const getConversationNotificationLevel = /* @__PURE__ */ onDefaultClient(
  conversationStateOps,
  'getConversationNotificationLevel',
);
/** `ParleyClient.getConversation`, on the default client. */
export const getConversation = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'getConversation');
/** `ParleyClient.getTotalUnreadCount`, on the default client. */
export const getTotalUnreadCount = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'getTotalUnreadCount');
/** `ParleyClient.getUnreadCount`, on the default client. */
export const getUnreadCount = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'getUnreadCount');
/** `ParleyClient.getAllUnreadMentionedCount`, on the default client. */
export const getAllUnreadMentionedCount = /* @__PURE__ */ onDefaultClient(
  conversationStateOps,
  'getAllUnreadMentionedCount',
);
/** `ParleyClient.getFirstUnreadMessageInfo`, on the default client. */
export const getFirstUnreadMessageInfo = /* @__PURE__ */ onDefaultClient(
  conversationStateOps,
  'getFirstUnreadMessageInfo',
);
/** `ParleyClient.setConversationNotificationStatus`, on the default client. */
export const setConversationNotificationStatus = /* @__PURE__ */ onDefaultClient(
  conversationStateOps,
  'setConversationNotificationStatus',
);
/** `ParleyClient.getConversationNotificationStatus`, on the default client. */
export const getConversationNotificationStatus = /* @__PURE__ */ onDefaultClient(
  conversationStateOps,
  'getConversationNotificationStatus',
);
/** `ParleyClient.getUnreadMentionedCount`, on the default client. */
export const getUnreadMentionedCount = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'getUnreadMentionedCount');
