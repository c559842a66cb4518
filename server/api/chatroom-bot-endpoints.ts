/**
 * Chatroom bots and room activity through the Server API (Parley's paths; seeds 003 names chatbots
 * and top-N figures). The app registers bot users for a room with a webhook (bots.ts); a bot posts
 * by answering the webhook or through `/chatroom/bot/publish.json`. `/chatroom/top.json` ranks the
 * busiest rooms (activity.ts).
 */
import * as v from 'valibot';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { ACTIVITY_TOP_MAX, ACTIVITY_WINDOW_MAX_MINUTES } from '../chatroom/activity.js';
import { BOTS_PER_ROOM_MAX } from '../chatroom/bots.js';
import type { EndpointTable } from './api-context.js';
import { parseContent } from './content.js';
import { ApiError, endpoint, id, idList, nonNegativeInt, objectName } from './params.js';

const webhookUrl = v.pipe(
  v.string(),
  v.maxLength(1024, 'at most 1024 characters'),
  v.check((s) => {
    try {
      return ['http:', 'https:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);
const botIds = v.pipe(idList, v.maxLength(BOTS_PER_ROOM_MAX, `at most ${BOTS_PER_ROOM_MAX} bots per call`));
const Add = v.object({
  chatroomId: id,
  botId: botIds,
  url: webhookUrl,
  trigger: v.optional(v.picklist(['mention', 'all'], 'must be mention or all'), 'mention'),
});
const Remove = v.object({ chatroomId: id, botId: botIds });
const Query = v.object({ chatroomId: id });
const Publish = v.object({
  chatroomId: id,
  botId: id,
  objectName: v.optional(objectName, 'RC:TxtMsg'),
  content: v.string(),
});
const Top = v.object({
  by: v.optional(v.picklist(['messages', 'members'], 'must be messages or members'), 'messages'),
  minutes: v.optional(
    v.pipe(
      nonNegativeInt,
      v.minValue(1, 'must be ≥ 1'),
      v.maxValue(ACTIVITY_WINDOW_MAX_MINUTES, `at most ${ACTIVITY_WINDOW_MAX_MINUTES}`),
    ),
    5,
  ),
  count: v.optional(
    v.pipe(nonNegativeInt, v.minValue(1, 'must be ≥ 1'), v.maxValue(ACTIVITY_TOP_MAX, `at most ${ACTIVITY_TOP_MAX}`)),
    10,
  ),
});

export const chatroomBotEndpoints = {
  '/chatroom/bot/add.json': endpoint(Add, async (p, ctx) => {
    ctx.chatrooms.get(p.chatroomId);
    if (!ctx.bots.add(p.chatroomId, p.botId, p.url, p.trigger)) {
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, `botId: a room has ${BOTS_PER_ROOM_MAX} bots at most`);
    }
    return {};
  }),
  '/chatroom/bot/remove.json': endpoint(Remove, async (p, ctx) => {
    ctx.chatrooms.get(p.chatroomId);
    ctx.bots.remove(p.chatroomId, p.botId);
    return {};
  }),
  '/chatroom/bot/query.json': endpoint(Query, async (p, ctx) => {
    ctx.chatrooms.get(p.chatroomId);
    return { bots: ctx.bots.list(p.chatroomId).map(({ botId, url, trigger }) => ({ botId, url, trigger })) };
  }),
  /** A bot's later answer: posted in the room as the bot, within its reply rate (429, 1008 over it). */
  '/chatroom/bot/publish.json': endpoint(Publish, async (p, ctx) => {
    const content = parseContent(p.content);
    ctx.chatrooms.get(p.chatroomId);
    if (!ctx.bots.has(p.chatroomId, p.botId))
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, `botId: ${p.botId} is not a bot of chatroom ${p.chatroomId}`);
    const message = ctx.bots.reply(p.chatroomId, p.botId, p.objectName, content);
    if (message === 'rate')
      throw new ApiError(429, ServerApiCode.RATE_LIMITED, `bot ${p.botId} posted its replies for this minute`);
    return { messageUId: message.messageUId, sentTime: message.sentTime };
  }),
  /** The busiest rooms over the last `minutes`: by messages (accepted through this node) or by peak members. */
  '/chatroom/top.json': endpoint(Top, async (p, ctx) => {
    return { by: p.by, minutes: p.minutes, scope: 'node', rooms: ctx.activity.top(p.by, p.minutes, p.count) };
  }),
} satisfies EndpointTable;
