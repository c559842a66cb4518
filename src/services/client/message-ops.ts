/** Sending, the conversation list, history and read state (seeds: 发送消息, 获取会话列表, 获取历史消息, 清除未读数). */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/**
 * Sending (message-send-calls.ts), loaded with the first call of any late table, or during `connect()`
 * (late-tables.ts). Kept public (not marked internal): the published `ParleyClient` type refers to it for
 * its methods' signatures and TSDoc.
 */
export const messageOps = /* @__PURE__ */ lateTable('messageSendCalls', { sendMessage: true });

/**
 * The conversation list, history and clearing unread (message-query-calls.ts), loaded with the first call
 * of any late table (late-tables.ts); `connect()` fetches them during its handshake. Kept public (not
 * marked internal): the published `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const messageQueryOps = /* @__PURE__ */ lateTable('messageQueryCalls', {
  getConversationList: true,
  getHistoryMessages: true,
  getRemoteHistoryMessages: true,
  clearMessagesUnreadStatus: true,
});

// The module-level functions (the seeds' `RongIMLib.sendMessage(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.sendMessage`, on the default client. */
export const sendMessage = /* @__PURE__ */ onDefaultClient(messageOps, 'sendMessage');
/** `ParleyClient.getConversationList`, on the default client. */
export const getConversationList = /* @__PURE__ */ onDefaultClient(messageQueryOps, 'getConversationList');
/** `ParleyClient.getHistoryMessages`, on the default client. */
export const getHistoryMessages = /* @__PURE__ */ onDefaultClient(messageQueryOps, 'getHistoryMessages');
/** `ParleyClient.getRemoteHistoryMessages`, on the default client. */
export const getRemoteHistoryMessages = /* @__PURE__ */ onDefaultClient(messageQueryOps, 'getRemoteHistoryMessages');
/** `ParleyClient.clearMessagesUnreadStatus`, on the default client. */
export const clearMessagesUnreadStatus = /* @__PURE__ */ onDefaultClient(messageQueryOps, 'clearMessagesUnreadStatus');
