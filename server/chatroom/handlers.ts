/**
 * Gateway handlers of the chatroom ops; spread into the gateway's handler table. An op that changes
 * durable state (room, KV, roles, queue) replies only once that change is committed (`durably`).
 */
import type { ChatroomRequestSchemas } from '../../src/protocol/chatroom.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Handler } from '../gateway/handler-context.js';
import { chatroomProfileHandlers } from './profile-handlers.js';

type ChatroomOp = keyof typeof ChatroomRequestSchemas;

/** Batch KV calls answer 23428 naming the failed keys; single calls answer the key's own code. */
function kvResult(failed: Record<string, number>, isBatch: boolean): { code: number; data?: unknown; msg?: string } {
  const codes = Object.values(failed);
  if (codes.length === 0) return { code: ErrorCode.SUCCESS };
  if (!isBatch) return { code: codes[0]!, msg: `attribute ${Object.keys(failed)[0]} refused` };
  return { code: ErrorCode.CHATROOM_KV_STORE_NOT_ALL_SUCCESS, data: { failed }, msg: 'some attributes were refused' };
}

/** The chatroom op handlers. */
export const chatroomHandlers: { [O in ChatroomOp]: Handler<O> } = {
  async joinChatRoom(conn, id, data, ctx) {
    const result = await ctx.chatrooms.durably(() =>
      ctx.chatrooms.join(conn, data.chatRoomId, data.count, false, data.memberInfo),
    );
    conn.reply(id, ErrorCode.SUCCESS, result.reply);
    result.publish();
  },
  async joinExistChatRoom(conn, id, data, ctx) {
    const result = await ctx.chatrooms.durably(() =>
      ctx.chatrooms.join(conn, data.chatRoomId, data.count, true, data.memberInfo),
    );
    conn.reply(id, ErrorCode.SUCCESS, result.reply);
    result.publish();
  },
  async quitChatRoom(conn, id, data, ctx) {
    await ctx.chatrooms.durably(() => ctx.chatrooms.quit(conn, data.chatRoomId));
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async getChatRoomInfo(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, await ctx.chatrooms.members.info(conn, data.chatRoomId, data.count, data.order));
  },
  async getChatroomHistoryMessages(conn, id, data, ctx) {
    conn.reply(
      id,
      ErrorCode.SUCCESS,
      await ctx.chatrooms.messaging.history(conn.userId!, data.chatRoomId, data.timestamp, data.count, data.order),
    );
  },
  async sendChatroomMessage(conn, id, data, ctx) {
    if (!(await conn.limiter.take())) {
      return conn.reply(
        id,
        ErrorCode.SEND_FREQUENCY_TOO_FAST,
        undefined,
        `more than ${ctx.sendRatePerSecond} sends per second`,
      );
    }
    const earlier = await ctx.chatrooms.messaging.sentElsewhere(conn.userId!, data.chatRoomId, data.clientMessageId);
    if (earlier) return conn.reply(id, ErrorCode.SUCCESS, { message: earlier });
    // The app's sensitive words apply in chatrooms too (seeds); 21501 when one blocks the text.
    const content = await ctx.chat.moderation.filterContent(data.messageType, data.content);
    const { message, dropped } = ctx.chatrooms.messaging.send(conn, data.chatRoomId, {
      senderUserId: conn.userId!,
      messageType: data.messageType,
      content,
      clientMessageId: data.clientMessageId,
      isPersisted: data.isPersisted,
      isCounted: data.isCounted,
      isStatusMessage: data.isStatusMessage,
    });
    // Load shedding dropped it: still a success (the seeds' sender is not refused), flagged in the ack.
    conn.reply(id, ErrorCode.SUCCESS, dropped ? { message, dropped } : { message });
  },
  async recallChatroomMessage(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, {
      message: await ctx.chatrooms.messaging.recall(conn.userId!, data.chatRoomId, data.messageUId),
    });
  },
  async setChatRoomEntries(conn, id, data, ctx) {
    const failed = await ctx.chatrooms.durably(() => ctx.chatrooms.kv.set(conn.userId!, data.chatRoomId, data));
    const r = kvResult(failed, data.isBatch);
    conn.reply(id, r.code, r.data ?? (r.code === ErrorCode.SUCCESS ? {} : undefined), r.msg);
  },
  async removeChatRoomEntries(conn, id, data, ctx) {
    const failed = await ctx.chatrooms.durably(() => ctx.chatrooms.kv.remove(conn.userId!, data.chatRoomId, data));
    const r = kvResult(failed, data.isBatch);
    conn.reply(id, r.code, r.data ?? (r.code === ErrorCode.SUCCESS ? {} : undefined), r.msg);
  },
  async getChatRoomEntries(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, { entries: ctx.chatrooms.kv.get(conn.userId!, data.chatRoomId, data.key) });
  },
  async setChatRoomMemberRole(conn, id, data, ctx) {
    await ctx.chatrooms.durably(() =>
      ctx.chatrooms.roles.setRole(conn.userId!, data.chatRoomId, data.userId, data.role),
    );
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async kickChatRoomMember(conn, id, data, ctx) {
    await ctx.chatrooms.durably(() =>
      ctx.chatrooms.roles.kick(conn.userId!, data.chatRoomId, data.userId, data.minute),
    );
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async muteChatRoomMember(conn, id, data, ctx) {
    await ctx.chatrooms.durably(() =>
      ctx.chatrooms.roles.mute(conn.userId!, data.chatRoomId, data.userId, data.minute),
    );
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async getChatRoomRoles(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, ctx.chatrooms.roles.roles(conn.userId!, data.chatRoomId));
  },
  async chatroomQueueOffer(conn, id, data, ctx) {
    await ctx.chatrooms.durably(() =>
      ctx.chatrooms.queue.offer(conn.userId!, data.chatRoomId, data.key, data.value, { transient: data.transient }),
    );
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async chatroomQueuePoll(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, {
      entry: await ctx.chatrooms.durably(() => ctx.chatrooms.queue.poll(conn.userId!, data.chatRoomId, data.key)),
    });
  },
  async chatroomQueueList(conn, id, data, ctx) {
    // Paged, so a long queue never makes one huge frame.
    const page = ctx.chatrooms.queue.list(conn.userId!, data.chatRoomId, data.offset, data.count);
    conn.reply(id, ErrorCode.SUCCESS, { ...page, hasMore: data.offset + page.entries.length < page.total });
  },
  async chatroomQueueClear(conn, id, data, ctx) {
    await ctx.chatrooms.durably(() => ctx.chatrooms.queue.clear(conn.userId!, data.chatRoomId));
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  ...chatroomProfileHandlers,
};
