/**
 * Chatroom roles through the Server API (Parley's paths; the seeds' CommsEase room has these roles
 * but no RongCloud path): the app names the creator, appoints admins and permanent members, lists
 * them, removes members and mutes them for a time. The app is trusted: no role check applies to
 * it, but the creator keeps its role until another is named. A missing room is 23410; a target who
 * is not in the room, where one must be, is 23406.
 */
import * as v from 'valibot';
import type { ListKind } from '../chatroom/moderation.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { USERS_PER_CALL } from './chatroom-moderation-endpoints.js';
import { endpoint, id, idList, nonNegativeInt, parseParams } from './params.js';

/** The seeds' longest time limit: 30 days, in minutes. */
const MAX_MINUTES = 43_200;
const users = v.pipe(idList, v.maxLength(USERS_PER_CALL, `at most ${USERS_PER_CALL} users per call`));
const minute = v.pipe(nonNegativeInt, v.minValue(1, 'must be ≥ 1'), v.maxValue(MAX_MINUTES, `at most ${MAX_MINUTES}`));
const RoomUsers = v.object({ chatroomId: id, userId: users });
const RoomUser = v.object({ chatroomId: id, userId: id });
const RoomOnly = v.object({ chatroomId: id });
const Kick = v.object({
  chatroomId: id,
  userId: users,
  minute: v.optional(v.pipe(nonNegativeInt, v.maxValue(MAX_MINUTES, `at most ${MAX_MINUTES}`)), 0),
});
const Mute = v.object({ chatroomId: id, userId: users, minute });

/** Live entries of a list as `{ userId, time }`, `time` = when it ends (ms; 0 = never). */
function timedUsers(ctx: ApiContext, kind: ListKind, roomId: string) {
  return ctx.chatrooms.moderation.list(kind, roomId).map((r) => ({ userId: r.subject, time: r.expiresAt }));
}

export const chatroomRoleEndpoints = {
  '/chatroom/role/creator/set.json': endpoint(RoomUser, async (p, ctx) => {
    ctx.chatrooms.roles.setCreator(p.chatroomId, p.userId);
    return {};
  }),
  '/chatroom/role/admin/add.json': endpoint(RoomUsers, async (p, ctx) => {
    ctx.chatrooms.roles.assign(p.chatroomId, p.userId, 'admin');
    return {};
  }),
  '/chatroom/role/admin/remove.json': endpoint(RoomUsers, async (p, ctx) => {
    const room = ctx.chatrooms.get(p.chatroomId);
    ctx.chatrooms.roles.assign(
      p.chatroomId,
      p.userId.filter((u) => room.admins.has(u)),
      'guest',
    );
    return {};
  }),
  '/chatroom/role/member/add.json': endpoint(RoomUsers, async (p, ctx) => {
    ctx.chatrooms.roles.assign(p.chatroomId, p.userId, 'member');
    return {};
  }),
  '/chatroom/role/member/remove.json': endpoint(RoomUsers, async (p, ctx) => {
    const room = ctx.chatrooms.get(p.chatroomId);
    ctx.chatrooms.roles.assign(
      p.chatroomId,
      p.userId.filter((u) => room.permanent.has(u)),
      'guest',
    );
    return {};
  }),
  async '/chatroom/role/query.json'(params, ctx) {
    return { ...ctx.chatrooms.roles.roles(null, parseParams(RoomOnly, params).chatroomId) };
  },

  // ---- remove members, and mute them for a time (the list a creator's or admin's mute adds to) ----
  '/chatroom/user/kick.json': endpoint(Kick, async (p, ctx) => {
    for (const userId of p.userId) await ctx.chatrooms.roles.kick(null, p.chatroomId, userId, p.minute);
    return {};
  }),
  '/chatroom/user/mute/add.json': endpoint(Mute, async (p, ctx) => {
    for (const userId of p.userId) await ctx.chatrooms.roles.mute(null, p.chatroomId, userId, p.minute);
    return {};
  }),
  '/chatroom/user/mute/remove.json': endpoint(RoomUsers, async (p, ctx) => {
    ctx.chatrooms.get(p.chatroomId);
    ctx.chatrooms.moderation.remove('roleMute', p.chatroomId, p.userId);
    return {};
  }),
  '/chatroom/user/mute/list.json': endpoint(RoomOnly, async (p, ctx) => {
    ctx.chatrooms.get(p.chatroomId);
    return { users: timedUsers(ctx, 'roleMute', p.chatroomId) };
  }),
} satisfies EndpointTable;
