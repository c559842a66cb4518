/**
 * The one table of gateway op handlers: the session and 1:1 ops written here, the feature modules'
 * tables (`messaging-handlers.ts`, `chatroom/handlers.ts`) spread in. Each handler gets already-validated
 * data and answers with exactly one reply. Feature modules import `handler-context.ts`, never this file.
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { Limits } from '../../src/protocol/limits.js';
import { verifyToken } from '../auth/token.js';
import { MessageType } from '../../src/protocol/enums.js';
import { chatroomHandlers } from '../chatroom/handlers.js';
import { withChatroomLimits } from '../chatroom/op-limits.js';
import { withGuests } from '../chatroom/guest-handlers.js';
import { contentBytes } from '../domain/chat.js';
import { newId } from '../domain/ids.js';
import { CloseCode } from './close-codes.js';
import { messagingHandlers } from './messaging-handlers.js';
import { pushHandlers } from './push-handlers.js';
import { presenceHandlers } from '../presence/handlers.js';
import type { HandlerTable } from './handler-context.js';

/** The op handlers, keyed by op; the connection has already checked auth and validated data. */
export const handlers: HandlerTable = withGuests({
  ...messagingHandlers,
  async connect(conn, id, data, ctx) {
    conn.connecting = true;
    try {
      const check =
        data.appkey === ctx.appKey
          ? verifyToken(data.token, ctx.appKey, ctx.appSecret, ctx.clock.now())
          : ({ ok: false, reason: 'incorrect' } as const);
      if (!check.ok) {
        const expired = check.reason === 'expired';
        conn.reply(
          id,
          expired ? ErrorCode.RC_CONN_TOKEN_EXPIRED : ErrorCode.RC_CONN_TOKEN_INCORRECT,
          undefined,
          expired ? 'token expired' : 'token incorrect',
        );
        conn.socket.close(CloseCode.CONNECT_REFUSED, expired ? 'token expired' : 'token incorrect');
        return;
      }
      if (await ctx.tokens.isRevoked(check.claims)) {
        conn.reply(id, ErrorCode.RC_CONN_TOKEN_INCORRECT, undefined, 'token revoked');
        conn.socket.close(CloseCode.CONNECT_REFUSED, 'token revoked');
        return;
      }
      const sessionId = newId(12);
      conn.platform = data.platform;
      if (!(await ctx.registry.admits(check.claims.userId, sessionId, data.platform))) {
        conn.reply(
          id,
          ErrorCode.RC_DISCONN_SAME_CLIENT_ON_LINE,
          undefined,
          'already connected on as many devices as allowed',
        );
        conn.socket.close(CloseCode.CONNECT_REFUSED, 'too many sessions');
        return;
      }
      conn.authenticated(check.claims.userId, sessionId, check.claims);
      // Register (and hear the user's bus channel) before reading lastSeq: anything appended
      // after it arrives as a (held) push.
      let lastSeq: number;
      try {
        await ctx.registry.add(conn);
        lastSeq = await ctx.chat.storage.lastSeq(check.claims.userId);
      } catch (error) {
        conn.unauthenticated();
        throw error;
      }
      const recall = { windowMs: ctx.chat.options.recallWindowMs, by: ctx.chat.options.recallBy };
      conn.reply(id, ErrorCode.SUCCESS, {
        userId: check.claims.userId,
        sessionId,
        lastSeq,
        serverTime: ctx.clock.now(),
        recall,
      });
      conn.startPushes();
      ctx.log(`gateway: ${check.claims.userId} connected (session ${sessionId})`);
    } finally {
      conn.connecting = false;
    }
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
    if (contentBytes(data.content) > Limits.MAX_MESSAGE_CONTENT_BYTES) {
      return conn.reply(
        id,
        ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT,
        undefined,
        `data.content exceeds ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`,
      );
    }
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
    conn.reply(id, ErrorCode.SUCCESS, { message: outcome.message });
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
