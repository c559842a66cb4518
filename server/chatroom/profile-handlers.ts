/**
 * Gateway handlers of the room and member profile ops (seeds 003; see profile.ts), spread into the
 * chatroom handlers. Each replies once its change is committed.
 */
import type { ChatroomProfileRequestSchemas } from '../../src/protocol/chatroom-profile.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Handler } from '../gateway/handler-context.js';

type ProfileOp = keyof typeof ChatroomProfileRequestSchemas;

export const chatroomProfileHandlers: { [O in ProfileOp]: Handler<O> } = {
  async updateChatroomInfo(conn, id, data, ctx) {
    const notice = { needNotify: data.needNotify, notifyExt: data.notifyExt };
    const info = await ctx.chatrooms.durably(() =>
      ctx.chatrooms.profiles.update(conn.userId!, data.chatRoomId, data.info, notice),
    );
    conn.reply(id, ErrorCode.SUCCESS, { info });
  },
  async updateMyChatroomMemberInfo(conn, id, data, ctx) {
    const notice = { needNotify: data.needNotify, notifyExt: data.notifyExt };
    const member = await ctx.chatrooms.durably(() =>
      ctx.chatrooms.profiles.updateMember(conn.userId!, data.chatRoomId, data.member, notice),
    );
    conn.reply(id, ErrorCode.SUCCESS, { member });
  },
  async toggleChatroomCloseStat(conn, id, data, ctx) {
    const info = await ctx.chatrooms.durably(() =>
      ctx.chatrooms.profiles.setClosed(conn.userId!, data.chatRoomId, data.closed),
    );
    conn.reply(id, ErrorCode.SUCCESS, { info });
  },
};
