/**
 * Chatroom attributes (KV) through the Server API (seeds' paths): single and batch set, remove and
 * query. The app is trusted: it overwrites and removes anyone's attributes, recording `userId` /
 * `entryOwnerId` as the setter. A batch takes at most 20 attributes (23429 beyond); when some of a
 * batch fail the others are applied and the answer is 23428 naming the failed keys. A missing room
 * is 23410.
 */
import * as v from 'valibot';
import { ChatroomLimits, KV_KEY_PATTERN } from '../../src/protocol/chatroom.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { KvFailures } from '../chatroom/kv.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { parseContent } from './content.js';
import { ApiError, endpoint, flag, id, objectName } from './params.js';

/** Attributes per batch call (the seeds' Server API: 20). */
export const ENTRY_BATCH_MAX = 20;

const kvKey = v.pipe(v.string(), v.regex(KV_KEY_PATTERN, 'must be 1–128 letters, digits or +=-_'));
const kvValue = v.pipe(
  v.string(),
  v.maxLength(ChatroomLimits.KV_VALUE_MAX, `at most ${ChatroomLimits.KV_VALUE_MAX} characters`),
);
const EntrySet = v.object({
  chatroomId: id,
  userId: id,
  key: kvKey,
  value: kvValue,
  autoDelete: flag(false),
  objectName: v.optional(objectName),
  content: v.optional(v.string()),
});
const EntryRemove = v.object({
  chatroomId: id,
  userId: id,
  key: kvKey,
  objectName: v.optional(objectName),
  content: v.optional(v.string()),
});
const EntryQuery = v.object({ chatroomId: id, keys: v.optional(v.union([kvKey, v.array(kvKey)])) });
/** A JSON value given as itself (JSON body) or as a string of JSON (form field). */
const json = <S extends v.GenericSchema>(schema: S) =>
  v.pipe(
    v.unknown(),
    v.transform((x) => {
      if (typeof x !== 'string') return x;
      try {
        return JSON.parse(x) as unknown;
      } catch {
        return x;
      }
    }),
    schema,
  );
const BatchSet = v.object({
  chatroomId: id,
  entryOwnerId: id,
  autoDelete: flag(false),
  entryInfo: json(
    v.pipe(
      v.record(kvKey, kvValue, 'must be a JSON object of key → value'),
      v.check((r) => Object.keys(r).length > 0, 'must not be empty'),
    ),
  ),
});
const BatchRemove = v.object({
  chatroomId: id,
  entryKeys: v.union(
    [
      json(v.pipe(v.array(kvKey), v.minLength(1, 'must not be empty'))),
      v.pipe(
        kvKey,
        v.transform((k) => [k]),
      ),
    ],
    'must be a key or a list of keys',
  ),
});

function sendOptional(ctx: ApiContext, roomId: string, fromUserId: string, name?: string, content?: string): void {
  if (!name || content === undefined) return;
  ctx.chatrooms.messaging.send(
    null,
    roomId,
    {
      senderUserId: fromUserId,
      messageType: name,
      content: parseContent(content),
      isPersisted: true,
      isCounted: false,
      isStatusMessage: false,
    },
    true,
  );
}

function batchSize(n: number): void {
  if (n > ENTRY_BATCH_MAX)
    throw new ApiError(400, ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT, `at most ${ENTRY_BATCH_MAX} attributes per call`);
}

/** 23428 naming the keys a batch could not apply (the others were applied). */
function allApplied(failed: KvFailures): Record<string, unknown> {
  const keys = Object.entries(failed);
  if (keys.length === 0) return {};
  const named = keys.map(([key, code]) => `${key} (${code})`).join(', ');
  throw new ApiError(400, ErrorCode.CHATROOM_KV_STORE_NOT_ALL_SUCCESS, `some attributes were refused: ${named}`);
}

export const chatroomEntryEndpoints = {
  '/chatroom/entry/set.json': endpoint(EntrySet, async (p, ctx) => {
    const input = {
      entries: [{ key: p.key, value: p.value }],
      isAutoDelete: p.autoDelete,
      isForce: true,
      isSendNotification: false,
      notificationExtra: '',
    };
    ctx.chatrooms.kv.set(null, p.chatroomId, input, p.userId);
    sendOptional(ctx, p.chatroomId, p.userId, p.objectName, p.content);
    return {};
  }),
  '/chatroom/entry/remove.json': endpoint(EntryRemove, async (p, ctx) => {
    const failed = ctx.chatrooms.kv.remove(null, p.chatroomId, {
      keys: [p.key],
      isForce: true,
      isSendNotification: false,
      notificationExtra: '',
    });
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
      .map((e) => ({
        key: e.key,
        value: e.value,
        userId: e.userId,
        autoDelete: e.isAutoDelete ? 1 : 0,
        lastSetTime: e.timestamp,
      }));
    return { keys };
  }),
  '/chatroom/entry/batch/set.json': endpoint(BatchSet, async (p, ctx) => {
    const entries = Object.entries(p.entryInfo).map(([key, value]) => ({ key, value }));
    batchSize(entries.length);
    const input = {
      entries,
      isAutoDelete: p.autoDelete,
      isForce: true,
      isSendNotification: false,
      notificationExtra: '',
    };
    return allApplied(ctx.chatrooms.kv.set(null, p.chatroomId, input, p.entryOwnerId));
  }),
  '/chatroom/entry/batch/remove.json': endpoint(BatchRemove, async (p, ctx) => {
    const keys = [...new Set(p.entryKeys)];
    batchSize(keys.length);
    return allApplied(
      ctx.chatrooms.kv.remove(null, p.chatroomId, {
        keys,
        isForce: true,
        isSendNotification: false,
        notificationExtra: '',
      }),
    );
  }),
} satisfies EndpointTable;
