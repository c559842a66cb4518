/**
 * Server API endpoints of chatrooms (seeds' names): lifecycle, publish and broadcast, recall,
 * keep-alive. Attributes, moderation, roles and the queue have files of their own.
 */
import * as v from 'valibot';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { ChatroomInfoFields } from '../../src/protocol/chatroom-profile.js';
import { infoPatch } from './chatroom-profile-endpoints.js';
import { parseContent } from './content.js';
import { ApiError, endpoint, flag, id, idList, nonNegativeInt, objectName, parseParams, text } from './params.js';

const RoomIds = v.object({ chatroomId: idList });
const RoomId = v.object({ chatroomId: id });
const CreateNew = v.object({
  chatroomId: id,
  /** 0: destroyed when inactive; 1: destroyed at a fixed time, `destroyTime` minutes from now. */
  destroyType: v.optional(v.pipe(nonNegativeInt, v.maxValue(1, 'must be 0 or 1')), 0),
  destroyTime: v.optional(v.pipe(nonNegativeInt, v.maxValue(10_080, 'at most 10080 minutes')), 0),
  isBan: flag(false),
  whiteUserIds: v.optional(idList),
  /** Parley: the room's creator (seeds 003 roles); a room created by a join has none unless `joinerIsCreator`. */
  creatorId: v.optional(id),
  /** Parley (seeds 003): the room's profile — name, announcement, broadcastUrl, ext (see chatroom-profile-endpoints.ts). */
  ...ChatroomInfoFields,
});
const Publish = v.object({
  fromUserId: id,
  toChatroomId: idList,
  objectName,
  content: v.string(),
  isPersisted: flag(true),
  isCounted: flag(true),
});
const Broadcast = v.object({ fromUserId: id, objectName, content: v.string(), isPersisted: flag(true) });
const Recall = v.object({
  fromUserId: id,
  conversationType: v.picklist(['4', 4], 'only chatroom (4) recall is supported here'),
  targetId: id,
  messageUID: v.string(),
});
const UserQuery = v.object({
  chatroomId: id,
  count: v.optional(v.pipe(nonNegativeInt, v.minValue(1), v.maxValue(500, 'at most 500')), 500),
  order: v.optional(v.picklist(['1', '2', 1, 2]), 1),
});

/** `chatroom[<id>]=<name>` form fields → [id, name] pairs. */
function createPairs(params: Record<string, unknown>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [field, value] of Object.entries(params)) {
    const match = /^chatroom\[(.+)\]$/.exec(field);
    if (!match) continue;
    const roomId = parseParams(id, match[1]);
    pairs.push([roomId, parseParams(text(128), Array.isArray(value) ? value[0] : value)]);
  }
  if (pairs.length === 0)
    throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'chatroom[<id>]=<name>: at least one room');
  return pairs;
}

/** A message the app's server sends to one room (trusted: its sender need not be a member). */
function sendFromApp(
  ctx: ApiContext,
  roomId: string,
  p: { fromUserId: string; objectName: string; isPersisted: boolean },
  content: Record<string, unknown>,
  isCounted: boolean,
) {
  const input = {
    senderUserId: p.fromUserId,
    messageType: p.objectName,
    content,
    isPersisted: p.isPersisted,
    isCounted,
    isStatusMessage: false,
  };
  return ctx.chatrooms.messaging.send(null, roomId, input, true);
}

/** The seeds' broadcast limit: one call per second (per node: each node keeps its own window). */
const BROADCAST_INTERVAL_MS = 1000;
const lastBroadcast = new WeakMap<ApiContext['chatrooms'], number>();

function takeBroadcast(ctx: ApiContext): void {
  const now = ctx.clock.now();
  const last = lastBroadcast.get(ctx.chatrooms);
  if (last !== undefined && now - last < BROADCAST_INTERVAL_MS)
    throw new ApiError(429, ServerApiCode.RATE_LIMITED, 'at most one chatroom broadcast per second');
  lastBroadcast.set(ctx.chatrooms, now);
}

export const chatroomEndpoints = {
  async '/chatroom/create.json'(params, ctx) {
    for (const [roomId, name] of createPairs(params)) ctx.chatrooms.create(roomId, name);
    return {};
  },
  '/chatroom/create_new.json': endpoint(CreateNew, async (p, ctx) => {
    if (p.destroyType === 1 && p.destroyTime < 1)
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'destroyTime: minutes, required with destroyType 1');
    const destroyAt = p.destroyType === 1 ? ctx.clock.now() + p.destroyTime * 60_000 : 0;
    // An existing room (say, created by a join) takes the app's creator and end: the app decides roles.
    const existed = ctx.chatrooms.rooms.has(p.chatroomId);
    ctx.chatrooms.define(p.chatroomId, { destroyAt, ...(p.creatorId !== undefined ? { creatorId: p.creatorId } : {}) });
    const profile = infoPatch(p);
    if (Object.keys(profile).length > 0)
      ctx.chatrooms.profiles.update(null, p.chatroomId, profile, { needNotify: existed, notifyExt: '' });
    if (p.isBan) ctx.chatrooms.moderation.add('ban', p.chatroomId, ['*']);
    if (p.whiteUserIds) ctx.chatrooms.moderation.add('banWhitelist', p.chatroomId, p.whiteUserIds);
    return {};
  }),
  async '/chatroom/destroy.json'(params, ctx) {
    for (const roomId of parseParams(RoomIds, params).chatroomId) ctx.chatrooms.destroy(roomId);
    return {};
  },
  async '/chatroom/query.json'(params, ctx) {
    const rooms = [];
    for (const roomId of parseParams(RoomIds, params).chatroomId) {
      const room = ctx.chatrooms.rooms.get(roomId);
      if (room)
        rooms.push({
          chrmId: room.id,
          name: room.name,
          time: room.createdTime,
          sessionId: room.sessionId,
          userCount: await ctx.chatrooms.members.countOf(room),
        });
    }
    return { chatRooms: rooms };
  },
  async '/chatroom/get.json'(params, ctx) {
    const room = ctx.chatrooms.get(parseParams(RoomId, params).chatroomId);
    const chatroom = {
      chrmId: room.id,
      name: room.name,
      time: room.createdTime,
      sessionId: room.sessionId,
      userCount: await ctx.chatrooms.members.countOf(room),
      creatorId: room.creatorId,
      destroyType: room.destroyAt > 0 ? 1 : 0,
      destroyAt: room.destroyAt,
      isBan: ctx.chatrooms.moderation.has('ban', room.id, '*'),
      // Parley (seeds 003): the profile and whether the room is closed.
      announcement: room.announcement,
      broadcastUrl: room.broadcastUrl,
      ext: room.ext,
      closed: room.closed,
    };
    return { chatroom };
  },
  '/chatroom/user/query.json': endpoint(UserQuery, async (p, ctx) => {
    const room = ctx.chatrooms.get(p.chatroomId);
    // Anonymous guests are counted apart and not listed (`/chatroom/guest/query.json` lists them).
    const { total, guests } = await ctx.chatrooms.members.counts(room);
    return {
      total,
      guestCount: guests,
      users: await ctx.chatrooms.members.usersOf(room, p.count, Number(p.order) === 2),
    };
  }),
  '/message/chatroom/publish.json': endpoint(Publish, async (p, ctx) => {
    const content = parseContent(p.content);
    for (const roomId of p.toChatroomId) ctx.chatrooms.get(roomId);
    const messages = p.toChatroomId.map((roomId) => {
      const { message } = sendFromApp(ctx, roomId, p, content, p.isCounted);
      return { targetId: roomId, messageUId: message.messageUId, sentTime: message.sentTime };
    });
    return { messages };
  }),
  '/message/chatroom/broadcast.json': endpoint(Broadcast, async (p, ctx) => {
    const content = parseContent(p.content);
    takeBroadcast(ctx);
    let rooms = 0;
    for (const roomId of [...ctx.chatrooms.rooms.keys()]) {
      sendFromApp(ctx, roomId, p, content, false);
      rooms++;
    }
    return { rooms };
  }),
  '/message/recall.json': endpoint(Recall, async (p, ctx) => {
    const notice = await ctx.chatrooms.messaging.recall(null, p.targetId, p.messageUID, p.fromUserId);
    return { messageUId: notice.messageUId };
  }),
  async '/chatroom/keepalive/add.json'(params, ctx) {
    const roomIds = parseParams(RoomIds, params).chatroomId;
    for (const roomId of roomIds) ctx.chatrooms.get(roomId);
    ctx.chatrooms.moderation.add('keepalive', '', roomIds);
    return {};
  },
  async '/chatroom/keepalive/remove.json'(params, ctx) {
    ctx.chatrooms.moderation.remove('keepalive', '', parseParams(RoomIds, params).chatroomId);
    return {};
  },
  async '/chatroom/keepalive/query.json'(_params, ctx) {
    return { chatroomIds: ctx.chatrooms.moderation.list('keepalive', '').map((r) => r.subject) };
  },
} satisfies EndpointTable;
