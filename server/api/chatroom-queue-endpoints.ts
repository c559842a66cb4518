/**
 * The mic queue through the Server API (Parley's paths; seeds 003 describes the queue). The app is
 * trusted: it changes or removes anyone's entry and offers for a member (`userId`, who then owns
 * it) or for itself (no `userId`: owner ''). The queue's size cap applies (23423). A missing room
 * is 23410.
 */
import * as v from 'valibot';
import { ChatroomLimits, KV_KEY_PATTERN } from '../../src/protocol/chatroom.js';
import type { EndpointTable } from './api-context.js';
import { endpoint, flag, id, nonNegativeInt, parseParams } from './params.js';

const key = v.pipe(v.string(), v.regex(KV_KEY_PATTERN, 'must be 1–128 letters, digits or +=-_'));
const Offer = v.object({
  chatroomId: id,
  key,
  value: v.optional(
    v.pipe(v.string(), v.maxLength(ChatroomLimits.KV_VALUE_MAX, `at most ${ChatroomLimits.KV_VALUE_MAX} characters`)),
    '',
  ),
  userId: v.optional(id),
  transient: flag(false),
});
const Poll = v.object({ chatroomId: id, key: v.optional(key) });
const List = v.object({
  chatroomId: id,
  offset: v.optional(nonNegativeInt, 0),
  count: v.optional(
    v.pipe(
      nonNegativeInt,
      v.minValue(1, 'must be ≥ 1'),
      v.maxValue(ChatroomLimits.QUEUE_PAGE_MAX, `at most ${ChatroomLimits.QUEUE_PAGE_MAX}`),
    ),
    ChatroomLimits.QUEUE_PAGE_MAX,
  ),
});
const RoomOnly = v.object({ chatroomId: id });

export const chatroomQueueEndpoints = {
  '/chatroom/queue/offer.json': endpoint(Offer, async (p, ctx) => {
    ctx.chatrooms.queue.offer(null, p.chatroomId, p.key, p.value, { owner: p.userId ?? '', transient: p.transient });
    return {};
  }),
  '/chatroom/queue/poll.json': endpoint(Poll, async (p, ctx) => {
    return { entry: ctx.chatrooms.queue.poll(null, p.chatroomId, p.key) };
  }),
  '/chatroom/queue/list.json': endpoint(List, async (p, ctx) => {
    return { ...ctx.chatrooms.queue.list(null, p.chatroomId, p.offset, p.count) };
  }),
  async '/chatroom/queue/clear.json'(params, ctx) {
    ctx.chatrooms.queue.clear(null, parseParams(RoomOnly, params).chatroomId);
    return {};
  },
} satisfies EndpointTable;
