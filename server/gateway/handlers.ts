/**
 * The one table of gateway op handlers: the session and 1:1 ops written here, the feature modules'
 * tables (`messaging-handlers.ts`, `chatroom/handlers.ts`) spread in. Each handler gets already-validated
 * data and answers with exactly one reply. Feature modules import `handler-context.ts`, never this file.
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { verifyToken } from '../auth/token.js';
import { MessageType } from '../../src/protocol/enums.js';
import { chatroomHandlers } from '../chatroom/handlers.js';
import { withChatroomLimits } from '../chatroom/op-limits.js';
import { withGuests } from '../chatroom/guest-handlers.js';
import { messageJson } from './frame-json.js';
import { openSession } from './open-session.js';
import { messagingHandlers } from './messaging-handlers.js';
import { pushHandlers } from './push-handlers.js';
import { presenceHandlers } from '../presence/handlers.js';
import type { HandlerTable } from './handler-context.js';

/** The op handlers, keyed by op; the connection has already checked auth and validated data. */
export const handlers: HandlerTable = withGuests({
  ...messagingHandlers,
  async connect(conn, id, data, ctx) {
    const check =
      data.appkey === ctx.appKey
        ? verifyToken(data.token, ctx.appKey, ctx.appSecret, ctx.clock.now())
        : ({ ok: false, reason: 'incorrect' } as const);
    await openSession(conn, id, data.platform, ctx, check, {
      label: '',
      reply: async (userId) => ({
        lastSeq: await ctx.chat.storage.lastSeq(userId),
        recall: { windowMs: ctx.chat.options.recallWindowMs, by: ctx.chat.options.recallBy },
      }),
    });
  },

  async sync(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, await ctx.chat.sync(conn.userId!, data.since, data.limit));
  },

  async sendMessage(conn, id, data, ctx) {
    if (!(await conn.limiter.take())) {
      return conn.reply(
        id,
        ErrorCode.SEND_FREQUENCY_TOO_FAST,
        undefined,
        `more than ${ctx.sendRatePerSecond} sends per second`,
      );
    }
    if (
      data.messageType === MessageType.TYPING_STATUS &&
      !(await ctx.limiter.take(ctx.userRules.typing, conn.userId!))
    ) {
      return conn.reply(
        id,
        ErrorCode.REQUEST_OVER_FREQUENCY,
        undefined,
        `more than ${ctx.userRules.typing.limit} typing statuses per minute`,
      );
    }
    // Content size and depth: checked once, by chat.send (which also stores the JSON it measured).
    const outcome = await ctx.chat.send(
      {
        senderUserId: conn.userId!,
        conversationType: data.conversationType,
        targetId: data.targetId,
        messageType: data.messageType,
        content: data.content,
        clientMessageId: data.clientMessageId,
        isPersisted: data.isPersisted,
        isCounted: data.isCounted,
        isStatusMessage: data.isStatusMessage,
        disableNotification: data.disableNotification,
        includeSender: true,
        requireMembership: true,
        canIncludeExpansion: data.canIncludeExpansion,
        ...(data.expansion ? { expansion: data.expansion } : {}),
        ...(data.directionalUserIdList ? { directionalUserIdList: data.directionalUserIdList } : {}),
        push: {
          pushContent: data.pushContent,
          pushData: data.pushData,
          isVoipPush: data.isVoipPush,
          pushConfig: data.pushConfig,
        },
      },
      () => conn.sendQueued(),
    );
    // The reply goes out before the push of the same message (the contract's ordering rule).
    // The message object is shared with its pushes, which reuse its JSON (frame-json.ts).
    conn.replyJson(id, ErrorCode.SUCCESS, `{"message":${messageJson(outcome.message)}}`);
    outcome.publish();
  },

  async getConversationList(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, await ctx.chat.listConversations(conn.userId!, data));
  },

  async getHistoryMessages(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, await ctx.chat.history(conn.userId!, data));
  },

  async clearMessagesUnreadStatus(conn, id, data, ctx) {
    if (!(await ctx.limiter.take(ctx.userRules.receipt, conn.userId!))) {
      return conn.reply(
        id,
        ErrorCode.REQUEST_OVER_FREQUENCY,
        undefined,
        `more than ${ctx.userRules.receipt.limit} read updates per minute`,
      );
    }
    const result = await ctx.chat.markRead(conn.userId!, data, data.timestamp);
    conn.reply(id, ErrorCode.SUCCESS, { conversation: result.conversation });
    result.publish();
  },

  async ping(conn, id, _data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, { serverTime: ctx.clock.now() });
  },
  // Every chatroom op draws on its per-user budget first (op-limits.ts).
  ...withChatroomLimits(chatroomHandlers),
  ...pushHandlers,
  ...presenceHandlers,
});
