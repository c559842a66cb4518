/**
 * Chatroom moderation through the Server API (seeds' paths): block, gag, mute all and its
 * allowlist, global gag, the user allowlist, the message-type allowlist and low-priority types.
 * Time limits are in minutes and expire by themselves; `needNotify` sends the seeds'
 * `chatroomNotifyBlock` / `chatroomNotifyBan` events (to the room, or to the user, per the seeds' table).
 */
import * as v from 'valibot';
import { ChatroomBanType, ChatroomOperateType, type ChatroomEventPayload } from '../../src/protocol/chatroom.js';
import type { ListKind } from '../chatroom/moderation.js';
import { eventFrame } from '../chatroom/room.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { ApiError, endpoint, flag, id, idList, nonNegativeInt, objectName, parseParams, text } from './params.js';

/** The seeds' longest time limit: 30 days, in minutes. */
export const MAX_MINUTES = 43_200;
/** A time limit in minutes: 1 to `MAX_MINUTES`. */
export const minute = v.pipe(
  nonNegativeInt,
  v.minValue(1, 'must be ≥ 1'),
  v.maxValue(MAX_MINUTES, `at most ${MAX_MINUTES}`),
);
const notify = { extra: v.optional(text(1024), ''), needNotify: flag(false) };
/** Users per call on gag, block and the allowlists (the seeds' Server API: 20). */
export const USERS_PER_CALL = 20;
/** The users of one call: 1 to `USERS_PER_CALL`. */
export const users = v.pipe(idList, v.maxLength(USERS_PER_CALL, `at most ${USERS_PER_CALL} users per call`));
/** Users on one room's user allowlist (the seeds: 5). */
export const USER_ALLOWLIST_MAX = 5;
const RoomUsersTimed = v.object({ chatroomId: id, userId: users, minute, ...notify });
const RoomUsers = v.object({ chatroomId: id, userId: users, ...notify });
const Room = v.object({ chatroomId: id, ...notify });
const RoomOptional = v.object({ chatroomId: v.optional(id) });
const UsersTimed = v.object({ userId: users, minute, ...notify });
const Users = v.object({ userId: users, ...notify });
const objectNameList = v.pipe(
  v.union([objectName, v.array(objectName)], 'must be a message type or a list of them'),
  v.transform((x) => [...new Set(Array.isArray(x) ? x : [x])]),
  v.minLength(1, 'must not be empty'),
  v.maxLength(100, 'at most 100'),
);
const ObjectNames = v.object({ objectnames: objectNameList });
const ObjectName = v.object({ objectName: objectNameList });
const RoomOnly = v.object({ chatroomId: id });

type Ban = NonNullable<ChatroomEventPayload['chatroomNotifyBan']>;
type Block = NonNullable<ChatroomEventPayload['chatroomNotifyBlock']>;

/** Parses params naming one room, which must exist (23410: nothing is stored for a missing room). */
function inRoom<S extends v.GenericSchema<unknown, { chatroomId: string }>>(
  ctx: ApiContext,
  schema: S,
  params: unknown,
): v.InferOutput<S> {
  const p = parseParams(schema, params);
  ctx.chatrooms.get(p.chatroomId);
  return p;
}

function now(ctx: ApiContext): number {
  return ctx.clock.now();
}

function toRoom(ctx: ApiContext, roomId: string, event: ChatroomEventPayload): void {
  const room = ctx.chatrooms.rooms.get(roomId);
  if (room) ctx.chatrooms.toRoom(room, eventFrame(event));
}

function toUsers(ctx: ApiContext, userIds: string[], event: ChatroomEventPayload): void {
  const text = eventFrame(event);
  for (const userId of userIds) ctx.chatrooms.toUser(userId, text);
}

/** What a ban notice tells: which list, added to or removed from, for whom, for how many minutes (0 on removal). */
type BanChange = [banType: number, operateType: number, userIds: string[], durationTime?: number];

/**
 * The seeds' `chatroomNotifyBan` for a change made through the API. A mute-all or mute-all-allowlist
 * notice, while mute-all is on, also names who may still send (Parley's `exemptUserIds`), so each
 * member's UI knows whether its editor is really locked.
 */
function banNotice(ctx: ApiContext, chatroomId: string, change: BanChange, extra: string): Ban {
  const [banType, operateType, userIds, durationTime = 0] = change;
  const notice: Ban = { chatroomId, banType, operateType, userIds, durationTime, operateTime: now(ctx), extra };
  const muteAll = banType === ChatroomBanType.MUTE_ALL || banType === ChatroomBanType.MUTE_ALL_ALLOWLIST;
  const exempt = muteAll ? ctx.chatrooms.messaging.muteAllExempt(chatroomId) : undefined;
  return exempt ? { ...notice, exemptUserIds: exempt } : notice;
}

/** The notice fields every moderation call takes. */
interface Notify {
  needNotify: boolean;
  extra: string;
}

/** When the call asked (`needNotify`), tells the room's members of a ban change in it. */
function banToRoom(ctx: ApiContext, p: Notify & { chatroomId: string }, ...change: BanChange): void {
  if (p.needNotify) toRoom(ctx, p.chatroomId, { chatroomNotifyBan: banNotice(ctx, p.chatroomId, change, p.extra) });
}

/** When the call asked, tells the users themselves of a ban change (a global gag names no room). */
function banToUsers(ctx: ApiContext, p: Notify & { userId: string[] }, ...change: BanChange): void {
  if (p.needNotify) toUsers(ctx, p.userId, { chatroomNotifyBan: banNotice(ctx, '', change, p.extra) });
}

/** The seeds' `chatroomNotifyBlock` for a block added or lifted through the API. */
function blockNotice(
  ctx: ApiContext,
  p: Notify & { chatroomId: string; userId: string[] },
  operateType: number,
  durationTime: number,
): ChatroomEventPayload {
  const block: Block = {
    chatroomId: p.chatroomId,
    operateType,
    userIds: p.userId,
    durationTime,
    operateTime: now(ctx),
    extra: p.extra,
  };
  return { chatroomNotifyBlock: block };
}

/** Live entries of a list as `{ userId, time }`, `time` = when it ends (ms; 0 = never). */
export function timedUsers(ctx: ApiContext, kind: ListKind, roomId: string) {
  return ctx.chatrooms.moderation.list(kind, roomId).map((r) => ({ userId: r.subject, time: r.expiresAt }));
}

export const chatroomModerationEndpoints = {
  // ---- block: kicked, and cannot come back until it ends ----
  async '/chatroom/user/block/add.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsersTimed, params);
    ctx.chatrooms.moderation.add('block', p.chatroomId, p.userId, p.minute);
    if (p.needNotify) toRoom(ctx, p.chatroomId, blockNotice(ctx, p, ChatroomOperateType.ADD, p.minute));
    for (const userId of p.userId) ctx.chatrooms.removeEverywhere(p.chatroomId, userId, 'kicked');
    return {};
  },
  async '/chatroom/user/block/rollback.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsers, params);
    ctx.chatrooms.moderation.remove('block', p.chatroomId, p.userId);
    if (p.needNotify) toUsers(ctx, p.userId, blockNotice(ctx, p, ChatroomOperateType.REMOVE, 0));
    return {};
  },
  async '/chatroom/user/block/list.json'(params, ctx) {
    return { users: timedUsers(ctx, 'block', inRoom(ctx, RoomOnly, params).chatroomId) };
  },

  // ---- gag users in one room ----
  async '/chatroom/user/gag/add.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsersTimed, params);
    ctx.chatrooms.moderation.add('gag', p.chatroomId, p.userId, p.minute);
    banToRoom(ctx, p, ChatroomBanType.GAG_USERS, ChatroomOperateType.ADD, p.userId, p.minute);
    return {};
  },
  async '/chatroom/user/gag/rollback.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsers, params);
    ctx.chatrooms.moderation.remove('gag', p.chatroomId, p.userId);
    banToRoom(ctx, p, ChatroomBanType.GAG_USERS, ChatroomOperateType.REMOVE, p.userId);
    return {};
  },
  async '/chatroom/user/gag/list.json'(params, ctx) {
    return { users: timedUsers(ctx, 'gag', inRoom(ctx, RoomOnly, params).chatroomId) };
  },

  // ---- mute all, and its allowlist ----
  async '/chatroom/ban/add.json'(params, ctx) {
    const p = inRoom(ctx, Room, params);
    ctx.chatrooms.moderation.add('ban', p.chatroomId, ['*']);
    banToRoom(ctx, p, ChatroomBanType.MUTE_ALL, ChatroomOperateType.ADD, []);
    return {};
  },
  async '/chatroom/ban/rollback.json'(params, ctx) {
    const p = inRoom(ctx, Room, params);
    ctx.chatrooms.moderation.remove('ban', p.chatroomId, ['*']);
    banToRoom(ctx, p, ChatroomBanType.MUTE_ALL, ChatroomOperateType.REMOVE, []);
    return {};
  },
  '/chatroom/ban/query.json': endpoint(RoomOptional, async (p, ctx) => {
    const rooms = p.chatroomId !== undefined ? [p.chatroomId] : [...ctx.chatrooms.rooms.keys()];
    return { chatroomIds: rooms.filter((roomId) => ctx.chatrooms.moderation.has('ban', roomId, '*')) };
  }),
  async '/chatroom/user/ban/whitelist/add.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsers, params);
    ctx.chatrooms.moderation.add('banWhitelist', p.chatroomId, p.userId);
    banToRoom(ctx, p, ChatroomBanType.MUTE_ALL_ALLOWLIST, ChatroomOperateType.ADD, p.userId);
    return {};
  },
  async '/chatroom/user/ban/whitelist/rollback.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsers, params);
    ctx.chatrooms.moderation.remove('banWhitelist', p.chatroomId, p.userId);
    banToRoom(ctx, p, ChatroomBanType.MUTE_ALL_ALLOWLIST, ChatroomOperateType.REMOVE, p.userId);
    return {};
  },
  async '/chatroom/user/ban/whitelist/query.json'(params, ctx) {
    return {
      userIds: ctx.chatrooms.moderation
        .list('banWhitelist', inRoom(ctx, RoomOnly, params).chatroomId)
        .map((r) => r.subject),
    };
  },

  // ---- global gag: no sending in any room ----
  '/chatroom/user/ban/add.json': endpoint(UsersTimed, async (p, ctx) => {
    ctx.chatrooms.moderation.add('globalGag', '', p.userId, p.minute);
    banToUsers(ctx, p, ChatroomBanType.GLOBAL_GAG, ChatroomOperateType.ADD, p.userId, p.minute);
    return {};
  }),
  '/chatroom/user/ban/remove.json': endpoint(Users, async (p, ctx) => {
    ctx.chatrooms.moderation.remove('globalGag', '', p.userId);
    banToUsers(ctx, p, ChatroomBanType.GLOBAL_GAG, ChatroomOperateType.REMOVE, p.userId);
    return {};
  }),
  async '/chatroom/user/ban/query.json'(_params, ctx) {
    return { users: timedUsers(ctx, 'globalGag', '') };
  },

  // ---- user allowlist: never dropped under load, never removed for being offline ----
  async '/chatroom/user/whitelist/add.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsers, params);
    const listed = new Set(ctx.chatrooms.moderation.list('userWhitelist', p.chatroomId).map((r) => r.subject));
    const after = new Set([...listed, ...p.userId]).size;
    if (after > USER_ALLOWLIST_MAX)
      throw new ApiError(
        400,
        ServerApiCode.PARAM_ERROR,
        `userId: a room's user allowlist holds at most ${USER_ALLOWLIST_MAX} users (${listed.size} now)`,
      );
    ctx.chatrooms.moderation.add('userWhitelist', p.chatroomId, p.userId);
    return {};
  },
  async '/chatroom/user/whitelist/remove.json'(params, ctx) {
    const p = inRoom(ctx, RoomUsers, params);
    ctx.chatrooms.moderation.remove('userWhitelist', p.chatroomId, p.userId);
    return {};
  },
  async '/chatroom/user/whitelist/query.json'(params, ctx) {
    return {
      users: ctx.chatrooms.moderation
        .list('userWhitelist', inRoom(ctx, RoomOnly, params).chatroomId)
        .map((r) => r.subject),
    };
  },

  // ---- message types: allowlisted (never dropped) and low priority (dropped first), app-wide ----
  async '/chatroom/whitelist/add.json'(params, ctx) {
    ctx.chatrooms.moderation.add('msgWhitelist', '', parseParams(ObjectNames, params).objectnames);
    return {};
  },
  async '/chatroom/whitelist/delete.json'(params, ctx) {
    ctx.chatrooms.moderation.remove('msgWhitelist', '', parseParams(ObjectNames, params).objectnames);
    return {};
  },
  async '/chatroom/whitelist/query.json'(_params, ctx) {
    // `whitlistMsgType` is the seeds' spelling; `objectNames` the readable one.
    const names = ctx.chatrooms.moderation.list('msgWhitelist', '').map((r) => r.subject);
    return { whitlistMsgType: names, objectNames: names };
  },
  async '/chatroom/message/priority/add.json'(params, ctx) {
    ctx.chatrooms.moderation.add('lowPriority', '', parseParams(ObjectName, params).objectName);
    return {};
  },
  async '/chatroom/message/priority/remove.json'(params, ctx) {
    ctx.chatrooms.moderation.remove('lowPriority', '', parseParams(ObjectName, params).objectName);
    return {};
  },
  async '/chatroom/message/priority/query.json'(_params, ctx) {
    return { objectNames: ctx.chatrooms.moderation.list('lowPriority', '').map((r) => r.subject) };
  },
} satisfies EndpointTable;
