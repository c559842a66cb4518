/**
 * Sending a message (message-ops.ts), loaded with the late tables (late-tables.ts), which `connect()`
 * fetches during its handshake; once they are in, a send runs at once (its `onSendBefore` before
 * `sendMessage` returns), as before.
 */
import { ErrorCode } from '../../protocol/constants.js';
import type { SendChatroomMessageReply } from '../../protocol/chatroom.js';
import type { LateOpTable } from './bind.js';
import { toReceivedMessage } from './convert.js';
import { reportBlocked } from './blocked.js';
import type { ClientInternals } from './internals.js';
import { failure, prepareSend, sendExtras } from './outgoing.js';
import type {
  IAsyncRes,
  IConversationOption,
  IReceivedMessage,
  ISendableMessage,
  ISendMessageOptions,
} from './types.js';

/** How many ids of own sends to remember while waiting for their inbox echo. */
const OWN_SENDS_MAX = 1_000;

function rememberOwnSend(ctx: ClientInternals, id: string): void {
  ctx.ownSends.add(id);
  // Sets iterate in insertion order: drop the oldest when full.
  if (ctx.ownSends.size > OWN_SENDS_MAX) ctx.ownSends.delete(ctx.ownSends.values().next().value!);
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const messageSendCalls = {
  /**
   * Sends a message. `options.onSendBefore` gets the message in `SentStatus.SENDING` state first (to
   * show it at once). Resolves with the stored message (direction SEND). Failures carry the message
   * too (`data.messageId`), so the app can mark it failed and resend with `options.messageId`; the
   * server stores a resent message at most once. Content over 128 KB serialized resolves
   * `RC_MSG_CONTENT_EXCEED_LIMIT` without touching the network.
   */
  async sendMessage(
    ctx: ClientInternals,
    conversation: IConversationOption,
    message: ISendableMessage,
    options: ISendMessageOptions = {},
  ): Promise<IAsyncRes<IReceivedMessage>> {
    const prepared = prepareSend(conversation, message, options, ctx);
    if ('code' in prepared) return prepared;
    const { draft, isChatroom } = prepared;
    const { messageId: clientMessageId, isStatusMessage } = draft;
    try {
      options.onSendBefore?.({ ...draft });
    } catch (error) {
      console.error('[parley] onSendBefore threw', error);
    }
    // Remember before sending: the echo may be applied before this function resumes.
    // Status messages are never echoed to the sender, so there is nothing to wait for.
    if (!isStatusMessage && !isChatroom) rememberOwnSend(ctx, clientMessageId);
    const res = isChatroom
      ? await ctx.call(
          'sendChatroomMessage',
          {
            chatRoomId: conversation.targetId,
            messageType: message.messageType,
            content: draft.content as Record<string, unknown>,
            clientMessageId,
            isPersisted: draft.isPersisted,
            isCounted: draft.isCounted,
            isStatusMessage,
          },
          ErrorCode.RC_MSG_RESP_TIMEOUT,
        )
      : await ctx.call(
          'sendMessage',
          {
            conversationType: conversation.conversationType as 1 | 3,
            targetId: conversation.targetId,
            messageType: message.messageType,
            content: draft.content as Record<string, unknown>,
            clientMessageId,
            isPersisted: draft.isPersisted,
            isCounted: draft.isCounted,
            isStatusMessage,
            disableNotification: draft.disableNotification,
            ...(options.pushContent !== undefined ? { pushContent: options.pushContent } : {}),
            ...(options.pushData !== undefined ? { pushData: options.pushData } : {}),
            ...(options.isVoipPush ? { isVoipPush: true } : {}),
            ...(options.pushConfig ? { pushConfig: options.pushConfig } : {}),
            ...sendExtras(options),
          },
          ErrorCode.RC_MSG_RESP_TIMEOUT,
        );
    if (res.code !== ErrorCode.SUCCESS || !res.data) {
      // If it was stored after all, its echo must reach the app (as SEND, same messageId).
      ctx.ownSends.delete(clientMessageId);
      const failed = { ...draft, sentStatus: ctx.port.sentStatus.FAILED };
      reportBlocked(ctx, failed, res);
      return { ...failure(res), data: failed };
    }
    if (isChatroom) ctx.chatroom.markSeen(conversation.targetId, res.data.message.messageUId);
    const sent = toReceivedMessage(res.data.message, ctx.userId() || res.data.message.senderUserId, false);
    // A chatroom message dropped by the server's load shedding is still a success; the flag says nobody got it.
    const dropped = isChatroom ? (res.data as SendChatroomMessageReply).dropped : undefined;
    return {
      code: ErrorCode.SUCCESS,
      data: { ...sent, sentStatus: ctx.port.sentStatus.SENT, ...(dropped ? { dropped } : {}) },
    };
  },
} satisfies LateOpTable;
