/**
 * Server API endpoints of chatrooms (seeds' names): lifecycle, publish and broadcast, recall,
 * keep-alive, attributes. Moderation endpoints are in `chatroom-moderation-endpoints.ts`.
 */
import * as v from 'valibot';
import { ChatroomLimits, KV_KEY_PATTERN } from '../../src/protocol/chatroom.js';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { parseContent } from './content.js';
import { ApiError, endpoint, flag, id, idList, nonNegativeInt, objectName, parseParams, text } from './params.js';

const RoomIds = v.object({ chatroomId: idList });
const CreateNew = v.object({
  chatroomId: id,
  /** 0: destroyed when inactive; 1: destroyed at a fixed time, `destroyTime` minutes from now. */
  destroyType: v.optional(v.pipe(nonNegativeInt, v.maxValue(1, 'must be 0 or 1')), 0),
  destroyTime: v.optional(v.pipe(nonNegativeInt, v.maxValue(10_080, 'at most 10080 minutes')), 0),
  isBan: flag(false),
  whiteUserIds: v.optional(idList),
  /** Parley: the room's creator (seeds 003 roles); a room created by a join has the joiner. */
  creatorId: v.optional(id),
});
const Publish = v.object({ fromUserId: id, toChatroomId: idList, objectName, content: v.string(), isPersisted: flag(true), isCounted: flag(true) });
const Broadcast = v.object({ fromUserId: id, objectName, content: v.string(), isPersisted: flag(true) });
const Recall = v.object({ fromUserId: id, conversationType: v.picklist(['4', 4], 'only chatroom (4) recall is supported here'), targetId: id, messageUID: v.string() });
const UserQuery = v.object({
  chatroomId: id,
  count: v.optional(v.pipe(nonNegativeInt, v.minValue(1), v.maxValue(500, 'at most 500')), 500),
  order: v.optional(v.picklist(['1', '2', 1, 2]), 1),
});
const kvKey = v.pipe(v.string(), v.regex(KV_KEY_PATTERN, 'must be 1–128 letters, digits or +=-_'));
const EntrySet = v.object({
  chatroomId: id,
  userId: id,
  key: kvKey,
  value: v.pipe(v.string(), v.maxLength(ChatroomLimits.KV_VALUE_MAX, `at most ${ChatroomLimits.KV_VALUE_MAX} characters`)),
  autoDelete: flag(false),
  objectName: v.optional(objectName),
  content: v.optional(v.string()),
});
const EntryRemove = v.object({ chatroomId: id, userId: id, key: kvKey, objectName: v.optional(objectName), content: v.optional(v.string()) });
const EntryQuery = v.object({ chatroomId: id, keys: v.optional(v.union([kvKey, v.array(kvKey)])) });

/** `chatroom[<id>]=<name>` form fields → [id, name] pairs. */
function createPairs(params: Record<string, unknown>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [field, value] of Object.entries(params)) {
    const match = /^chatroom\[(.+)\]$/.exec(field);
    if (!match) continue;
    const roomId = parseParams(id, match[1]);
    pairs.push([roomId, parseParams(text(128), Array.isArray(value) ? value[0] : value)]);
  }
  if (pairs.length === 0) throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'chatroom[<id>]=<name>: at least one room');
  return pairs;
}

function sendOptional(ctx: ApiContext, roomId: string, fromUserId: string, name?: string, content?: string): void {
  if (!name || content === undefined) return;
  ctx.chatrooms.messaging.send(null, roomId, { senderUserId: fromUserId, messageType: name, content: parseContent(content), isPersisted: true, isCounted: false, isStatusMessage: false }, true);
}

export const chatroomEndpoints = {
  async '/chatroom/create.json'(params, ctx) {
    for (const [roomId, name] of createPairs(params)) ctx.chatrooms.create(roomId, name);
    return {};
  },
  '/chatroom/create_new.json': endpoint(CreateNew, async (p, ctx) => {
    if (p.destroyType === 1 && p.destroyTime < 1) throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'destroyTime: minutes, required with destroyType 1');
    const destroyAt = p.destroyType === 1 ? ctx.clock.now() + p.destroyTime * 60_000 : 0;
    ctx.chatrooms.create(p.chatroomId, '', { destroyAt, creatorId: p.creatorId });
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
      if (room) rooms.push({ chrmId: room.id, name: room.name, time: room.createdTime, sessionId: room.sessionId, userCount: await ctx.chatrooms.members.countOf(room) });
    }
    return { chatRooms: rooms };
  },
  '/chatroom/user/query.json': endpoint(UserQuery, async (p, ctx) => {
    const room = ctx.chatrooms.get(p.chatroomId);
    return { total: await ctx.chatrooms.members.countOf(room), users: await ctx.chatrooms.members.membersOf(room, p.count, Number(p.order) === 2) };
  }),
  '/message/chatroom/publish.json': endpoint(Publish, async (p, ctx) => {
    const content = parseContent(p.content);
    for (const roomId of p.toChatroomId) ctx.chatrooms.get(roomId);
    const messages = p.toChatroomId.map((roomId) => {
      const { message } = ctx.chatrooms.messaging.send(null, roomId, { senderUserId: p.fromUserId, messageType: p.objectName, content, isPersisted: p.isPersisted, isCounted: p.isCounted, isStatusMessage: false }, true);
      return { targetId: roomId, messageUId: message.messageUId, sentTime: message.sentTime };
    });
    return { messages };
  }),
  '/message/chatroom/broadcast.json': endpoint(Broadcast, async (p, ctx) => {
    const content = parseContent(p.content);
    let rooms = 0;
    for (const roomId of [...ctx.chatrooms.rooms.keys()]) {
      ctx.chatrooms.messaging.send(null, roomId, { senderUserId: p.fromUserId, messageType: p.objectName, content, isPersisted: p.isPersisted, isCounted: false, isStatusMessage: false }, true);
      rooms++;
    }
    return { rooms };
  }),
  '/message/recall.json': endpoint(Recall, async (p, ctx) => {
    const notice = await ctx.chatrooms.messaging.recall(null, p.targetId, p.messageUID, p.fromUserId);
    return { messageUId: notice.messageUId };
  }),
  async '/chatroom/keepalive/add.json'(params, ctx) {
    ctx.chatrooms.moderation.add('keepalive', '', parseParams(RoomIds, params).chatroomId);
    return {};
  },
  async '/chatroom/keepalive/remove.json'(params, ctx) {
    ctx.chatrooms.moderation.remove('keepalive', '', parseParams(RoomIds, params).chatroomId);
    return {};
  },
  async '/chatroom/keepalive/query.json'(_params, ctx) {
    return { chatroomIds: ctx.chatrooms.moderation.list('keepalive', '').map((r) => r.subject) };
  },
  '/chatroom/entry/set.json': endpoint(EntrySet, async (p, ctx) => {
    const input = { entries: [{ key: p.key, value: p.value }], isAutoDelete: p.autoDelete, isForce: true, isSendNotification: false, notificationExtra: '' };
    ctx.chatrooms.kv.set(null, p.chatroomId, input, p.userId);
    sendOptional(ctx, p.chatroomId, p.userId, p.objectName, p.content);
    return {};
  }),
  '/chatroom/entry/remove.json': endpoint(EntryRemove, async (p, ctx) => {
    const failed = ctx.chatrooms.kv.remove(null, p.chatroomId, { keys: [p.key], isForce: true, isSendNotification: false, notificationExtra: '' });
    const code = Object.values(failed)[0];
    if (code !== undefined) throw new ApiError(400, code, `no attribute ${p.key}`);
    sendOptional(ctx, p.chatroomId, p.userId, p.objectName, p.content);
    return {};
  }),
  '/chatroom/entry/query.json': endpoint(EntryQuery, async (p, ctx) => {
    const wanted = p.keys === undefined ? null : new Set(Array.isArray(p.keys) ? p.keys : [p.keys]);
    const keys = ctx.chatrooms.kv
      .get(null, p.chatroomId)
      .filter((e) => !wanted || wanted.has(e.key))
      .map((e) => ({ key: e.key, value: e.value, userId: e.userId, autoDelete: e.isAutoDelete ? 1 : 0, lastSetTime: e.timestamp }));
    return { keys };
  }),
} satisfies EndpointTable;
