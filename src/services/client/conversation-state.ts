/** Drafts, pin, do-not-disturb and unread counts (seeds: 会话草稿, 会话置顶, 免打扰, 会话未读数). */
import { ErrorCode } from '../../protocol/constants.js';
import { toReceivedConversation } from './convert.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import { onDefaultClient, type OpTable } from './bind.js';
import { lateTable } from './late-tables.js';
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
  /** One conversation's current state (an empty one when it has none yet). */
  async getConversation(
    ctx: ClientInternals,
    conversation: IConversationOption,
  ): Promise<IAsyncRes<IReceivedConversation>> {
    const res = await request(ctx, 'getConversation', { ...conversation });
    return mapData(res, (d) => toReceivedConversation(d.conversation, ctx.userId()));
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

/**
 * Do-not-disturb levels and unread counts (conversation-count-calls.ts), loaded with the first call of any
 * late table (late-tables.ts). Kept public: the published `ParleyClient` type refers to it.
 */
export const conversationCountOps = /* @__PURE__ */ lateTable('conversationCountCalls', {
  setConversationNotificationLevel: true,
  getConversationNotificationLevel: true,
  setConversationNotificationStatus: true,
  getConversationNotificationStatus: true,
  getTotalUnreadCount: true,
  getUnreadCount: true,
  getUnreadMentionedCount: true,
  getAllUnreadMentionedCount: true,
});

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
  conversationCountOps,
  'setConversationNotificationLevel',
);
/** `ParleyClient.getConversationNotificationLevel`, on the default client. */
export const getConversationNotificationLevel = /* @__PURE__ */ onDefaultClient(
  conversationCountOps,
  'getConversationNotificationLevel',
);
/** `ParleyClient.getConversation`, on the default client. */
export const getConversation = /* @__PURE__ */ onDefaultClient(conversationStateOps, 'getConversation');
/** `ParleyClient.getTotalUnreadCount`, on the default client. */
export const getTotalUnreadCount = /* @__PURE__ */ onDefaultClient(conversationCountOps, 'getTotalUnreadCount');
/** `ParleyClient.getUnreadCount`, on the default client. */
export const getUnreadCount = /* @__PURE__ */ onDefaultClient(conversationCountOps, 'getUnreadCount');
/** `ParleyClient.getAllUnreadMentionedCount`, on the default client. */
export const getAllUnreadMentionedCount = /* @__PURE__ */ onDefaultClient(
  conversationCountOps,
  'getAllUnreadMentionedCount',
);
/** `ParleyClient.getFirstUnreadMessageInfo`, on the default client. */
export const getFirstUnreadMessageInfo = /* @__PURE__ */ onDefaultClient(
  conversationStateOps,
  'getFirstUnreadMessageInfo',
);
/** `ParleyClient.setConversationNotificationStatus`, on the default client. */
export const setConversationNotificationStatus = /* @__PURE__ */ onDefaultClient(
  conversationCountOps,
  'setConversationNotificationStatus',
);
/** `ParleyClient.getConversationNotificationStatus`, on the default client. */
export const getConversationNotificationStatus = /* @__PURE__ */ onDefaultClient(
  conversationCountOps,
  'getConversationNotificationStatus',
);
/** `ParleyClient.getUnreadMentionedCount`, on the default client. */
export const getUnreadMentionedCount = /* @__PURE__ */ onDefaultClient(conversationCountOps, 'getUnreadMentionedCount');
