/**
 * The chatroom calls of the client (join/quit/info/history/recall/attributes), loaded the first time
 * one is made: a page that never opens a chatroom does not download them. `ChatroomClient`
 * (chatroom.ts) keeps the room state and the pushes, and delegates each call here.
 */
import * as v from 'valibot';
import { ChatroomLimits, KV_KEY_PATTERN, ErrorCode, ID_PATTERN } from '../../protocol/constants.js';
import {
  GetChatroomHistoryRequestSchema,
  GetChatRoomInfoRequestSchema,
  type ChatroomPushData,
} from '../../protocol/chatroom.js';
import {
  ChatroomMemberInfoPatchSchema,
  type ChatroomMemberInfo,
  type ChatroomMemberInfoPatch,
} from '../../protocol/chatroom-profile.js';
import type { RequestInput, WireMessage } from '../../protocol/frames.js';
import type { ChatroomHost } from './chatroom.js';
import type {
  IChatroomEntries,
  IChatroomEntry,
  IChatroomHistoryResult,
  IChatroomInfo,
  IChatroomJoinResponse,
  IChatRoomInfoOption,
  IGetChatroomHistoryOption,
  IJoinChatRoomOption,
  IRemoveChatroomEntries,
  IRemoveChatroomEntry,
} from './chatroom-types.js';
import { toReceivedMessage } from './convert.js';
import type { Events } from './events.js';
import type { IAsyncRes } from './types.js';

/** A room this client is in: what a rejoin pulls again, and the messages already delivered. */
export interface JoinedRoom {
  count: number;
  mustExist: boolean;
  seen: Set<string>;
  /** The room profile the user joined with (or changed to); a rejoin sends it again. */
  memberInfo?: ChatroomMemberInfoPatch | ChatroomMemberInfo;
}

export { toggleCloseStat, updateInfo, updateMemberInfo } from './chatroom-profile-calls.js';

/** What the calls need from `ChatroomClient`. */
export interface ChatroomCallContext {
  host: ChatroomHost;
  rooms: Map<string, JoinedRoom>;
  /** events.ts's, handed in so this lazily loaded module imports no eager one (it would split it into a chunk). */
  events: typeof Events;
}

/** messageUIds remembered per room for dedup after a rejoin (the join pulls at most 50). */
const SEEN_MAX = 500;

/** Delivers a room's messages as MESSAGES, dropping ones already delivered. */
function deliver(ctx: ChatroomCallContext, chatRoomId: string, messages: WireMessage[]): void {
  const room = ctx.rooms.get(chatRoomId);
  if (!room) return;
  const me = ctx.host.userId();
  const fresh = messages.filter((m) => {
    if (room.seen.has(m.messageUId)) return false;
    room.seen.add(m.messageUId);
    if (room.seen.size > SEEN_MAX) room.seen.delete(room.seen.values().next().value!);
    return true;
  });
  if (fresh.length > 0)
    ctx.host.emitter.emit(ctx.events.MESSAGES, { messages: fresh.map((m) => toReceivedMessage(m, me, false)) });
}

/** A `chatroom` push: messages become MESSAGES, events CHATROOM; `left` rooms are forgotten. */
export function onPush(ctx: ChatroomCallContext, data: ChatroomPushData): void {
  if (data.type === 'message') {
    deliver(ctx, data.message.targetId, [data.message]);
    return;
  }
  if (data.left) ctx.rooms.delete(data.left);
  ctx.host.emitter.emit(ctx.events.CHATROOM, data.event);
}

/** After a reconnect: joins every room again, pulling `count` messages and dropping repeats. */
export async function rejoinAll(ctx: ChatroomCallContext): Promise<void> {
  for (const [chatRoomId, room] of [...ctx.rooms]) {
    const memberInfo = room.memberInfo ? { memberInfo: room.memberInfo } : {};
    const res = await ctx.host.call(room.mustExist ? 'joinExistChatRoom' : 'joinChatRoom', {
      chatRoomId,
      count: room.count,
      ...memberInfo,
    });
    if (ctx.rooms.get(chatRoomId) !== room) continue;
    if (res.code === ErrorCode.SUCCESS && res.data) {
      ctx.host.emitter.emit(ctx.events.CHATROOM, { rejoinedRoom: { chatroomId: chatRoomId, count: room.count } });
      deliver(ctx, chatRoomId, res.data.messages);
    } else if (res.code !== ErrorCode.RC_NET_UNAVAILABLE && res.code !== ErrorCode.TIMEOUT) {
      // Refused (destroyed, blocked...): stop trying; a lost socket retries on the next connect.
      ctx.rooms.delete(chatRoomId);
      ctx.host.emitter.emit(ctx.events.CHATROOM, { rejoinedRoom: { chatroomId: chatRoomId, errorCode: res.code } });
    }
  }
}

const invalid = (msg: string) => ({ code: ErrorCode.RC_CHATROOM_PARAMETER_INVALID, msg });
const validRoom = (id: unknown): id is string => typeof id === 'string' && ID_PATTERN.test(id);
const validKey = (key: unknown): key is string => typeof key === 'string' && KV_KEY_PATTERN.test(key);
const fail = (res: IAsyncRes<unknown>) => ({
  code: res.code || ErrorCode.UNKNOWN,
  ...(res.msg !== undefined ? { msg: res.msg } : {}),
});

/** Joins (`mustExist` false creates the room). `count`: 1–50, −1 none, 0/absent = 10. */
export async function join(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  option: IJoinChatRoomOption = {},
  mustExist: boolean,
): Promise<IAsyncRes<IChatroomJoinResponse>> {
  if (!validRoom(chatRoomId)) return invalid('invalid chatRoomId');
  const raw = option?.count ?? 0;
  if (!Number.isInteger(raw) || raw < -1 || raw > ChatroomLimits.JOIN_COUNT_MAX)
    return invalid('count must be -1 or 0–50');
  const count = raw === 0 ? ChatroomLimits.JOIN_COUNT_DEFAULT : raw;
  const memberInfo =
    option?.memberInfo === undefined ? undefined : v.safeParse(ChatroomMemberInfoPatchSchema, option.memberInfo);
  if (memberInfo && !memberInfo.success) return invalid(`memberInfo: ${v.summarize(memberInfo.issues)}`);
  const res = await ctx.host.call(mustExist ? 'joinExistChatRoom' : 'joinChatRoom', {
    chatRoomId,
    count,
    ...(memberInfo ? { memberInfo: memberInfo.output } : {}),
  });
  if (res.code !== ErrorCode.SUCCESS || !res.data) return fail(res);
  const room = ctx.rooms.get(chatRoomId) ?? { count, mustExist, seen: new Set<string>() };
  room.count = count;
  room.mustExist = mustExist;
  if (res.data.memberInfo) room.memberInfo = res.data.memberInfo;
  ctx.rooms.set(chatRoomId, room);
  const { messages, ...info } = res.data;
  deliver(ctx, chatRoomId, messages);
  return { code: ErrorCode.SUCCESS, data: info };
}

export async function quit(ctx: ChatroomCallContext, chatRoomId: string): Promise<IAsyncRes<void>> {
  if (!validRoom(chatRoomId)) return invalid('invalid chatRoomId');
  const res = await ctx.host.call('quitChatRoom', { chatRoomId });
  // Not in the room (any more) is what the caller wanted too: forget it either way.
  if (
    res.code === ErrorCode.SUCCESS ||
    res.code === ErrorCode.NOT_IN_CHATROOM ||
    res.code === ErrorCode.RC_CHATROOM_NOT_EXIST
  )
    ctx.rooms.delete(chatRoomId);
  return res.code === ErrorCode.SUCCESS ? { code: ErrorCode.SUCCESS } : fail(res);
}

export async function info(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  option: IChatRoomInfoOption = {},
): Promise<IAsyncRes<IChatroomInfo>> {
  const data = v.safeParse(GetChatRoomInfoRequestSchema, { chatRoomId, ...(option ?? {}) });
  if (!data.success) return invalid(v.summarize(data.issues));
  const res = await ctx.host.call('getChatRoomInfo', data.output);
  return res.code === ErrorCode.SUCCESS && res.data ? { code: ErrorCode.SUCCESS, data: res.data } : fail(res);
}

export async function history(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  option: IGetChatroomHistoryOption = {},
): Promise<IAsyncRes<IChatroomHistoryResult>> {
  const data = v.safeParse(GetChatroomHistoryRequestSchema, { chatRoomId, ...(option ?? {}) });
  if (!data.success) return invalid(v.summarize(data.issues));
  const res = await ctx.host.call('getChatroomHistoryMessages', data.output);
  if (res.code !== ErrorCode.SUCCESS || !res.data) return fail(res);
  const me = ctx.host.userId();
  return {
    code: ErrorCode.SUCCESS,
    data: { list: res.data.list.map((m) => toReceivedMessage(m, me, false)), hasMore: res.data.hasMore },
  };
}

export async function recall(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  messageUId: string,
): Promise<IAsyncRes<void>> {
  if (!validRoom(chatRoomId) || typeof messageUId !== 'string' || !messageUId)
    return invalid('chatRoomId and messageUId are required');
  const res = await ctx.host.call('recallChatroomMessage', { chatRoomId, messageUId });
  return res.code === ErrorCode.SUCCESS ? { code: ErrorCode.SUCCESS } : fail(res);
}

/** One attribute's value. */
export async function getEntry(ctx: ChatroomCallContext, chatRoomId: string, key: string): Promise<IAsyncRes<string>> {
  if (!validRoom(chatRoomId) || !validKey(key)) return invalid('invalid chatRoomId or key');
  const res = await ctx.host.call('getChatRoomEntries', { chatRoomId, key });
  return res.code === ErrorCode.SUCCESS && res.data
    ? { code: ErrorCode.SUCCESS, data: res.data.entries[0]!.value }
    : fail(res);
}

/** Every attribute as `{ key: value }`. */
export async function getAllEntries(
  ctx: ChatroomCallContext,
  chatRoomId: string,
): Promise<IAsyncRes<Record<string, string>>> {
  if (!validRoom(chatRoomId)) return invalid('invalid chatRoomId');
  const res = await ctx.host.call('getChatRoomEntries', { chatRoomId });
  if (res.code !== ErrorCode.SUCCESS || !res.data) return fail(res);
  return { code: ErrorCode.SUCCESS, data: Object.fromEntries(res.data.entries.map((e) => [e.key, e.value])) };
}

export async function setEntry(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  entry: IChatroomEntry,
  isForce: boolean,
): Promise<IAsyncRes<void>> {
  if (!validRoom(chatRoomId) || !entry || !validKey(entry.key)) return invalid('invalid chatRoomId or key');
  if (typeof entry.value !== 'string' || entry.value.length > ChatroomLimits.KV_VALUE_MAX)
    return invalid('value must be a string of at most 4096 characters');
  return kv(ctx, 'setChatRoomEntries', {
    chatRoomId,
    entries: [{ key: entry.key, value: entry.value }],
    isAutoDelete: entry.isAutoDelete ?? false,
    isForce,
    isSendNotification: entry.isSendNotification ?? false,
    notificationExtra: entry.notificationExtra ?? '',
  });
}

/** Several attributes; a partial failure resolves 23428 with `data.failed` (key → code). */
export async function setEntries(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  options: IChatroomEntries,
): Promise<IAsyncRes<unknown>> {
  const entries = options?.entries;
  if (!validRoom(chatRoomId) || !Array.isArray(entries) || entries.length === 0) return invalid('entries are required');
  if (entries.length > ChatroomLimits.KV_BATCH_MAX)
    return { code: ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT, msg: 'at most 10 entries per call' };
  if (
    !entries.every(
      (e) => validKey(e?.key) && typeof e.value === 'string' && e.value.length <= ChatroomLimits.KV_VALUE_MAX,
    )
  )
    return invalid('invalid entry');
  return kv(ctx, 'setChatRoomEntries', {
    chatRoomId,
    entries: entries.map((e) => ({ key: e.key, value: e.value })),
    isAutoDelete: options.isAutoDelete ?? false,
    isForce: options.isForce ?? false,
    isBatch: true,
  });
}

export async function removeEntry(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  entry: IRemoveChatroomEntry,
  isForce: boolean,
): Promise<IAsyncRes<void>> {
  if (!validRoom(chatRoomId) || !entry || !validKey(entry.key)) return invalid('invalid chatRoomId or key');
  return kv(ctx, 'removeChatRoomEntries', {
    chatRoomId,
    keys: [entry.key],
    isForce,
    isSendNotification: entry.isSendNotification ?? false,
    notificationExtra: entry.notificationExtra ?? '',
  });
}

export async function removeEntries(
  ctx: ChatroomCallContext,
  chatRoomId: string,
  options: IRemoveChatroomEntries,
): Promise<IAsyncRes<unknown>> {
  const keys = (options?.entries ?? []).map((e) => (typeof e === 'string' ? e : e?.key));
  if (!validRoom(chatRoomId) || keys.length === 0) return invalid('entries are required');
  if (keys.length > ChatroomLimits.KV_BATCH_MAX)
    return { code: ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT, msg: 'at most 10 entries per call' };
  if (!keys.every(validKey)) return invalid('invalid key');
  return kv(ctx, 'removeChatRoomEntries', {
    chatRoomId,
    keys: keys as string[],
    isForce: options.isForce ?? false,
    isBatch: true,
  });
}

/** What `kv` resolves with: serves the one-entry calls (`IAsyncRes<void>`) and the batch calls (`IAsyncRes<unknown>`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assignable to both
type KvResult = IAsyncRes<any>;

async function kv<O extends 'setChatRoomEntries' | 'removeChatRoomEntries'>(
  ctx: ChatroomCallContext,
  op: O,
  data: RequestInput<O>,
): Promise<KvResult> {
  const res = await ctx.host.call(op, data);
  if (res.code === ErrorCode.SUCCESS) return { code: ErrorCode.SUCCESS };
  return res.data === undefined ? fail(res) : { ...fail(res), data: res.data };
}
