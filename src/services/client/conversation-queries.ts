/**
 * Conversation queries the seeds define on top of the list (获取置顶会话列表, 获取未读会话列表,
 * 清除全部会话未读数, 多端同步未读数, 按免打扰级别获取未读数). They read the server's list (at
 * most 1000 conversations, the seeds' cap) and filter it.
 */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/**
 * The operations of this feature (conversation-query-calls.ts), loaded with the first call of any of them (late-tables.ts).
 * Kept public (not marked internal): the published `ParleyClient` type refers to it for its methods'
 * signatures and TSDoc.
 */
export const conversationQueryOps = /* @__PURE__ */ lateTable('conversationQueryCalls', {
  getConversations: true,
  getBlockedConversationList: true,
  getTopConversationList: true,
  getUnreadConversationList: true,
  clearAllMessagesUnreadStatus: true,
  sendSyncReadStatusMessage: true,
  getTotalUnreadCountByLevels: true,
  getTotalUnreadMentionedCountByLevels: true,
});

// The module-level functions (the seeds' `RongIMLib.getTopConversationList(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.getTopConversationList`, on the default client. */
export const getTopConversationList = /* @__PURE__ */ onDefaultClient(conversationQueryOps, 'getTopConversationList');
/** `ParleyClient.getUnreadConversationList`, on the default client. */
export const getUnreadConversationList = /* @__PURE__ */ onDefaultClient(
  conversationQueryOps,
  'getUnreadConversationList',
);
/** `ParleyClient.clearAllMessagesUnreadStatus`, on the default client. */
export const clearAllMessagesUnreadStatus = /* @__PURE__ */ onDefaultClient(
  conversationQueryOps,
  'clearAllMessagesUnreadStatus',
);
/** `ParleyClient.sendSyncReadStatusMessage`, on the default client. */
export const sendSyncReadStatusMessage = /* @__PURE__ */ onDefaultClient(
  conversationQueryOps,
  'sendSyncReadStatusMessage',
);
/** `ParleyClient.getTotalUnreadCountByLevels`, on the default client. */
export const getTotalUnreadCountByLevels = /* @__PURE__ */ onDefaultClient(
  conversationQueryOps,
  'getTotalUnreadCountByLevels',
);
/** `ParleyClient.getTotalUnreadMentionedCountByLevels`, on the default client. */
export const getTotalUnreadMentionedCountByLevels = /* @__PURE__ */ onDefaultClient(
  conversationQueryOps,
  'getTotalUnreadMentionedCountByLevels',
);
/** `ParleyClient.getConversations`, on the default client. */
export const getConversations = /* @__PURE__ */ onDefaultClient(conversationQueryOps, 'getConversations');
/** `ParleyClient.getBlockedConversationList`, on the default client. */
export const getBlockedConversationList = /* @__PURE__ */ onDefaultClient(
  conversationQueryOps,
  'getBlockedConversationList',
);
