/** Recall and the "for me" removals (seeds: 撤回消息, 删除消息, 删除会话). */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/** `recallMessage` options (seeds). */
export interface IRecallMessageOptions {
  messageUId: string;
  sentTime: number;
  extra?: string;
  disableNotification?: boolean;
  /** Whether receivers should drop the message rather than show a notice (carried in the notice). */
  isDelete?: boolean;
}

/** One message of `deleteMessages` (seeds: messageUId, sentTime, messageDirection). */
export interface IDeleteMessageItem {
  messageUId: string;
  sentTime?: number;
  messageDirection?: 1 | 2;
}

/**
 * The operations of this feature (recall-calls.ts), loaded with the first call of any of them (late-tables.ts).
 * Kept public (not marked internal): the published `ParleyClient` type refers to it for its methods'
 * signatures and TSDoc.
 */
export const recallOps = /* @__PURE__ */ lateTable('recallCalls', {
  recallMessage: true,
  deleteMessages: true,
  clearHistoryMessages: true,
  removeConversation: true,
});

// The module-level functions (the seeds' `RongIMLib.recallMessage(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.recallMessage`, on the default client. */
export const recallMessage = /* @__PURE__ */ onDefaultClient(recallOps, 'recallMessage');
/** `ParleyClient.deleteMessages`, on the default client. */
export const deleteMessages = /* @__PURE__ */ onDefaultClient(recallOps, 'deleteMessages');
/** `ParleyClient.clearHistoryMessages`, on the default client. */
export const clearHistoryMessages = /* @__PURE__ */ onDefaultClient(recallOps, 'clearHistoryMessages');
/** `ParleyClient.removeConversation`, on the default client. */
export const removeConversation = /* @__PURE__ */ onDefaultClient(recallOps, 'removeConversation');
