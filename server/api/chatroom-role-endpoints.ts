/**
 * Chatroom roles through the Server API (Parley's paths; the seeds' CommsEase room has these roles
 * but no RongCloud path): the app names the creator, appoints admins and permanent members, lists
 * them, removes members and mutes them for a time. The app is trusted: no role check applies to
 * it, but the creator keeps its role until another is named. A missing room is 23410; a target who
 * is not in the room, where one must be, is 23406.
 */
import * as v from 'valibot';
import type { Room } from '../chatroom/room.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { MAX_MINUTES, minute, timedUsers, users } from './chatroom-moderation-endpoints.js';
import { endpoint, id, nonNegativeInt, parseParams } from './params.js';

const RoomUsers = v.object({ chatroomId: id, userId: users });
const RoomUser = v.object({ chatroomId: id, userId: id });
const RoomOnly = v.object({ chatroomId: id });
const Kick = v.object({
  chatroomId: id,
  userId: users,
  minute: v.optional(v.pipe(nonNegativeInt, v.maxValue(MAX_MINUTES, `at most ${MAX_MINUTES}`)), 0),
});
const Mute = v.object({ chatroomId: id, userId: users, minute });

/** Turns back into guests those of the named users who hold the role (`held`); the others keep theirs. */
function demote(
  ctx: ApiContext,
  p: { chatroomId: string; userId: string[] },
  held: (room: Room) => ReadonlySet<string>,
): void {
  const holders = held(ctx.chatrooms.get(p.chatroomId));
  ctx.chatrooms.roles.assign(
    p.chatroomId,
    p.userId.filter((u) => holders.has(u)),
    'guest',
  );
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
    demote(ctx, p, (room) => room.admins);
    return {};
  }),
  '/chatroom/role/member/add.json': endpoint(RoomUsers, async (p, ctx) => {
    ctx.chatrooms.roles.assign(p.chatroomId, p.userId, 'member');
    return {};
  }),
  '/chatroom/role/member/remove.json': endpoint(RoomUsers, async (p, ctx) => {
    demote(ctx, p, (room) => room.permanent);
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
