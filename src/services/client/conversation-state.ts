/** Drafts, pin, do-not-disturb and unread counts (seeds: 会话草稿, 会话置顶, 免打扰, 会话未读数). */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/**
 * The operations of this feature (conversation-state-calls.ts), loaded with the first call of any late
 * table, or during `connect()` (late-tables.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const conversationStateOps = /* @__PURE__ */ lateTable('conversationStateCalls', {
  saveTextMessageDraft: true,
  getTextMessageDraft: true,
  clearTextMessageDraft: true,
  setConversationToTop: true,
  getConversation: true,
  getFirstUnreadMessageInfo: true,
});

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
