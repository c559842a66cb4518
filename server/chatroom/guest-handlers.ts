/**
 * The gateway side of anonymous guests (`guests.ts`): the connect of a guest token, and a wrapper
 * over the op table that keeps a guest session to reading its one room (and sending there only
 * when the app lets guests of that room send, within the guest send rate).
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Op } from '../../src/protocol/frames.js';
import { openSession } from '../gateway/open-session.js';
import type { Connection } from '../gateway/connection.js';
import type { GatewayContext, Handler, HandlerTable } from '../gateway/handler-context.js';
import type { LimitRule } from '../limits/limiter.js';
import { isGuestToken, verifyGuestToken } from './guests.js';

/** What a guest session may do; everything else is refused with NOT_SUPPORT (35004). */
const GUEST_OPS: ReadonlySet<Op> = new Set<Op>([
  'connect',
  'ping',
  // The guest's own inbox (empty: nothing is addressed to a guest); the kit reads it after connecting.
  'sync',
  'getConversationList',
  'joinChatRoom',
  'joinExistChatRoom',
  'quitChatRoom',
  'getChatRoomInfo',
  'getChatroomHistoryMessages',
  'sendChatroomMessage',
  'getChatRoomEntries',
  'getChatRoomRoles',
  'chatroomQueueList',
]);

/** Connects a guest token's holder as `guest:<id>`; the reply says `isGuest`. */
async function connectGuest(
  conn: Connection,
  id: number,
  data: { token: string; appkey: string; platform: Connection['platform'] },
  ctx: GatewayContext,
): Promise<void> {
  const check =
    data.appkey === ctx.appKey
      ? verifyGuestToken(data.token, ctx.appKey, ctx.appSecret, ctx.clock.now())
      : ({ ok: false, reason: 'incorrect' } as const);
  if (!check.ok) return openSession(conn, id, data.platform, ctx, check, { label: 'guest ', reply: async () => ({}) });
  const guest = check.claims;
  // `/user/token/expire.json` on a guest id voids its guest tokens too.
  const claims = { userId: guest.userId, appKey: ctx.appKey, issuedAt: guest.issuedAt, expireAt: guest.expireAt };
  await openSession(
    conn,
    id,
    data.platform,
    ctx,
    { ok: true, claims },
    {
      label: 'guest ',
      bind: (c) => ctx.chatrooms.guests.bind(c, guest),
      reply: async () => ({ lastSeq: 0, isGuest: true }),
    },
  );
}

/** A guest joins the room its token names, if the room admits guests (never creating it). */
async function joinAsGuest(
  conn: Connection,
  id: number,
  data: { chatRoomId: string; count: number },
  ctx: GatewayContext,
): Promise<void> {
  const guests = ctx.chatrooms.guests;
  const claims = guests.of(conn)!;
  if (data.chatRoomId !== claims.roomId) {
    return conn.reply(
      id,
      ErrorCode.NOT_SUPPORT,
      undefined,
      `this guest token admits to chatroom ${claims.roomId} only`,
    );
  }
  const policy = guests.policy(data.chatRoomId);
  if (policy === 'none')
    return conn.reply(id, ErrorCode.NOT_SUPPORT, undefined, `chatroom ${data.chatRoomId} does not admit guests`);
  const room = ctx.chatrooms.get(data.chatRoomId);
  const cap = guests.config.maxPerRoom;
  if (cap > 0 && !room.members.has(conn.userId!) && guests.count(room) >= cap) {
    return conn.reply(
      id,
      ErrorCode.RC_CHATROOM_IS_FULL,
      undefined,
      `chatroom ${data.chatRoomId} holds ${cap} guests at most`,
    );
  }
  const result = await ctx.chatrooms.durably(() => ctx.chatrooms.join(conn, data.chatRoomId, data.count, true));
  guests.joined(data.chatRoomId, conn.userId!);
  const reply =
    policy === 'read' ? { ...result.reply, isMuted: true, muteReason: 'guest' as const, mutedUntil: 0 } : result.reply;
  conn.reply(id, ErrorCode.SUCCESS, reply);
  result.publish();
}

/**
 * Wraps the op table: a user's session is untouched; a guest's may only use `GUEST_OPS`, joins
 * through `joinAsGuest` and sends only where the room lets guests send, within the guest rate.
 */
export function withGuests(table: HandlerTable): HandlerTable {
  const wrapped: Record<string, Handler<Op>> = {};
  for (const [op, handler] of Object.entries(table) as Array<[Op, Handler<Op>]>) {
    wrapped[op] = async (conn, id, data, ctx) => {
      if (op === 'connect') {
        const connect = data as { token: string; appkey: string; platform: Connection['platform'] };
        return isGuestToken(connect.token) ? connectGuest(conn, id, connect, ctx) : handler(conn, id, data, ctx);
      }
      const guest = ctx.chatrooms.guests.of(conn);
      if (!guest) return handler(conn, id, data, ctx);
      if (!GUEST_OPS.has(op)) return conn.reply(id, ErrorCode.NOT_SUPPORT, undefined, `guests may not use ${op}`);
      if (op === 'joinChatRoom' || op === 'joinExistChatRoom')
        return joinAsGuest(conn, id, data as { chatRoomId: string; count: number }, ctx);
      if (op === 'sendChatroomMessage') {
        const roomId = (data as { chatRoomId: string }).chatRoomId;
        if (ctx.chatrooms.guests.policy(roomId) !== 'send') {
          return conn.reply(
            id,
            ErrorCode.FORBIDDEN_IN_CHATROOM,
            { muteReason: 'guest' },
            `guests may only read in chatroom ${roomId}`,
          );
        }
        const rule: LimitRule = {
          name: 'guestSend',
          limit: ctx.chatrooms.guests.config.sendsPerMinute,
          windowMs: 60_000,
        };
        if (!(await ctx.limiter.take(rule, conn.userId!))) {
          return conn.reply(
            id,
            ErrorCode.SEND_FREQUENCY_TOO_FAST,
            undefined,
            `guests send at most ${rule.limit} messages per minute`,
          );
        }
      }
      return handler(conn, id, data, ctx);
    };
  }
  return wrapped as HandlerTable;
}
