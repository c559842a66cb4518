/** The recall and removal operations (recall.ts), loaded with the first call of any late table (late-tables.ts). */
import type { LateOpTable } from './bind.js';
import { toReceivedMessage } from './convert.js';
import type { ClientInternals } from './internals.js';
import type { IDeleteMessageItem, IRecallMessageOptions } from './recall.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage } from './types.js';

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const recallCalls = {
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
    const res = await ctx.port.request(ctx, 'recallMessage', { ...conversation, ...rest, messageUId: uid });
    if (res.code !== 0 && typeof uid === 'string') ctx.ownRecalls.delete(uid);
    return ctx.port.mapData(res, (d) => toReceivedMessage(d.message, ctx.userId(), false));
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
    return ctx.port.requestVoid(ctx, 'deleteMessages', { ...conversation, messages: list });
  },
  /** Deletes the user's messages of the conversation sent at or before `timestamp` (0 = now). */
  clearHistoryMessages(ctx: ClientInternals, conversation: IConversationOption, timestamp: number) {
    return ctx.port.requestVoid(ctx, 'clearHistoryMessages', { ...conversation, timestamp });
  },
  /** Removes the conversation from the user's list on every device; a new message brings it back. */
  removeConversation(ctx: ClientInternals, conversation: IConversationOption) {
    return ctx.port.requestVoid(ctx, 'removeConversation', { ...conversation });
  },
} satisfies LateOpTable;
