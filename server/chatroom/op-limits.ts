/**
 * Per-user budgets of the chatroom ops. Every chatroom op of the gateway passes here first: the
 * budget is the USER's (the shared limiter is keyed by user id, and is Redis-backed in a cluster),
 * so opening more sockets or reaching other nodes buys no more. Over budget an op changes nothing
 * and answers the seeds' code: 23425 for attributes, 20604 for sends and recalls (the send rate),
 * 20607 (REQUEST_OVER_FREQUENCY) for everything else. Joining also checks the rooms the user is in
 * at once (with `multiRoom`; without it a join leaves the previous room) and the rooms a user may
 * create by joining an id that does not exist.
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Op, RequestData } from '../../src/protocol/frames.js';
import type { GatewayContext, Handler } from '../gateway/handler-context.js';
import type { Connection } from '../gateway/connection.js';
import type { LimitRule } from '../limits/limiter.js';
import type { ChatroomConfig } from './config.js';

/** The budget an op draws on. */
export type ChatroomOpClass = 'join' | 'read' | 'kv' | 'queue' | 'manage' | 'send';

const CLASS_OF: Readonly<Record<string, ChatroomOpClass>> = {
  joinChatRoom: 'join',
  joinExistChatRoom: 'join',
  quitChatRoom: 'join',
  getChatRoomInfo: 'read',
  getChatroomHistoryMessages: 'read',
  getChatRoomEntries: 'read',
  getChatRoomRoles: 'read',
  chatroomQueueList: 'read',
  setChatRoomEntries: 'kv',
  removeChatRoomEntries: 'kv',
  sendChatroomMessage: 'send',
  recallChatroomMessage: 'send',
};

/**
 * The budget of an op. Ops not named above are classed by their name, so an op added later is
 * limited too: reads (`get…`, `…List`), queue changes, attribute changes, and member management
 * for the rest.
 */
export function chatroomOpClass(op: string): ChatroomOpClass {
  const named = CLASS_OF[op];
  if (named) return named;
  if (/^(get|list|query)/i.test(op) || /List$/.test(op)) return 'read';
  if (/queue/i.test(op)) return 'queue';
  if (/entr/i.test(op)) return 'kv';
  return 'manage';
}

type Rules = Record<Exclude<ChatroomOpClass, 'send'> | 'create', LimitRule>;

const MINUTE = 60_000;
const rulesByConfig = new WeakMap<ChatroomConfig['limits'], Rules>();

/** The limiter rules of a configuration (names are the Redis key parts). */
export function chatroomRules(limits: ChatroomConfig['limits']): Rules {
  let rules = rulesByConfig.get(limits);
  if (!rules) {
    const rule = (name: string, limit: number): LimitRule => ({ name: `cr-${name}`, limit, windowMs: MINUTE });
    rules = {
      join: rule('join', limits.joinsPerMinute),
      create: rule('create', limits.roomsCreatedPerMinute),
      read: rule('read', limits.readsPerMinute),
      kv: rule('kv', limits.kvPerMinute),
      queue: rule('queue', limits.queuePerMinute),
      manage: rule('manage', limits.managePerMinute),
    };
    rulesByConfig.set(limits, rules);
  }
  return rules;
}

interface Refusal {
  code: number;
  msg: string;
}

/** Why the op may not run now (nothing is taken then), or undefined after taking its budget. */
async function refusal(
  op: string,
  conn: Connection,
  data: Record<string, unknown>,
  ctx: GatewayContext,
): Promise<Refusal | undefined> {
  const userId = conn.userId!;
  const cls = chatroomOpClass(op);
  // The send handler takes the send rate itself (it answers resends too); a recall draws on it here.
  if (op === 'sendChatroomMessage') return undefined;
  if (cls === 'send') {
    if (await conn.limiter.take()) return undefined;
    return {
      code: ErrorCode.SEND_FREQUENCY_TOO_FAST,
      msg: `more than ${ctx.sendRatePerSecond} sends and recalls per second`,
    };
  }
  const config = ctx.chatrooms.config;
  const rules = chatroomRules(config.limits);
  const roomId = typeof data['chatRoomId'] === 'string' ? data['chatRoomId'] : '';
  const joining = op === 'joinChatRoom' || op === 'joinExistChatRoom';
  if (joining && config.multiRoom && config.limits.maxJoinedRooms > 0) {
    const held = ctx.chatrooms.userRooms.get(userId);
    if (held && !held.has(roomId) && held.size >= config.limits.maxJoinedRooms) {
      return {
        code: ErrorCode.REQUEST_OVER_FREQUENCY,
        msg: `already in ${held.size} chatrooms (at most ${config.limits.maxJoinedRooms} at once)`,
      };
    }
  }
  const cost = cls === 'kv' ? entryCount(data) : 1;
  const rule = rules[cls];
  if (!(await ctx.limiter.take(rule, userId, cost))) {
    const code = cls === 'kv' ? ErrorCode.CHATROOM_SET_PROPERTY_OVER_FREQUENCY : ErrorCode.REQUEST_OVER_FREQUENCY;
    return { code, msg: `more than ${rule.limit} chatroom ${cls} operations per minute` };
  }
  if (op === 'joinChatRoom' && !ctx.chatrooms.rooms.has(roomId) && !(await ctx.limiter.take(rules.create, userId))) {
    return {
      code: ErrorCode.REQUEST_OVER_FREQUENCY,
      msg: `more than ${rules.create.limit} chatrooms created by joining per minute`,
    };
  }
  return undefined;
}

/** Attributes an op touches (a batch of n counts n, as the seeds' per-room limit does). */
function entryCount(data: Record<string, unknown>): number {
  for (const key of ['entries', 'keys']) {
    const list = data[key];
    if (Array.isArray(list) && list.length > 0) return list.length;
  }
  return 1;
}

/** Wraps every handler of a chatroom handler table with its op's per-user budget. */
export function withChatroomLimits<T extends { [O in Op]?: Handler<O> }>(table: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [op, handler] of Object.entries(table) as Array<[Op, Handler<Op>]>) {
    wrapped[op] = async (conn: Connection, id: number, data: RequestData<Op>, ctx: GatewayContext) => {
      const refused = await refusal(op, conn, data as Record<string, unknown>, ctx);
      if (refused) return conn.reply(id, refused.code, undefined, refused.msg);
      return handler(conn, id, data, ctx);
    };
  }
  return wrapped as T;
}
