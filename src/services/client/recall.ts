/** Recall and the "for me" removals (seeds: 撤回消息, 删除消息, 删除会话). */
import { toReceivedMessage } from './convert.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import { onDefaultClient, type OpTable } from './bind.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage } from './types.js';

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
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const recallOps = {
  /**
   * Recalls an own message within the server's window (default 2 minutes). Resolves with the
   * `RC:RcNtf` message that replaces it; every participant's devices get it as a MESSAGES event.
   * Refusals: 25107 (not the sender), 25101 (window passed, unknown message, bad sentTime).
   */
  async recallMessage(
    ctx: ClientInternals,
    conversation: IConversationOption,
    options: IRecallMessageOptions,
  ): Promise<IAsyncRes<IReceivedMessage>> {
    // The seeds' table spells it `messageUid`, their example `messageUId`: take either.
    const uid = options?.messageUId ?? (options as { messageUid?: string } | undefined)?.messageUid;
    if (typeof uid === 'string') {
      ctx.ownRecalls.add(uid);
      // Echoes that never come (the socket dropped) must not grow the set forever.
      if (ctx.ownRecalls.size > 1000) ctx.ownRecalls.delete(ctx.ownRecalls.values().next().value!);
    }
    const { messageUid: _lower, ...rest } = (options ?? {}) as IRecallMessageOptions & { messageUid?: string };
    const res = await request(ctx, 'recallMessage', { ...conversation, ...rest, messageUId: uid });
    if (res.code !== 0 && typeof uid === 'string') ctx.ownRecalls.delete(uid);
    return mapData(res, (d) => toReceivedMessage(d.message, ctx.userId(), false));
  },
  /** Deletes messages from the user's own history on every device (the peer keeps them). */
  deleteMessages(ctx: ClientInternals, conversation: IConversationOption, messages: IDeleteMessageItem[]) {
    // Seeds: the table says `messageUid`, the example passes the UID as `messageId`; take any.
    const list = Array.isArray(messages)
      ? messages.map((m) => {
          const loose = (m ?? {}) as IDeleteMessageItem & { messageUid?: string; messageId?: string };
          const messageUId = loose.messageUId ?? loose.messageUid ?? loose.messageId;
          return {
            messageUId,
            ...(loose.sentTime !== undefined ? { sentTime: loose.sentTime } : {}),
            ...(loose.messageDirection !== undefined ? { messageDirection: loose.messageDirection } : {}),
          };
        })
      : messages;
    return requestVoid(ctx, 'deleteMessages', { ...conversation, messages: list });
  },
  /** Deletes the user's messages of the conversation sent at or before `timestamp` (0 = now). */
  clearHistoryMessages(ctx: ClientInternals, conversation: IConversationOption, timestamp: number) {
    return requestVoid(ctx, 'clearHistoryMessages', { ...conversation, timestamp });
  },
  /** Removes the conversation from the user's list on every device; a new message brings it back. */
  removeConversation(ctx: ClientInternals, conversation: IConversationOption) {
    return requestVoid(ctx, 'removeConversation', { ...conversation });
  },
} satisfies OpTable;

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
