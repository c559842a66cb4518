/**
 * The chatroom part of the client: join/quit/info/history/attributes, the `chatroom` pushes
 * (messages as MESSAGES, the rest as CHATROOM events) and the automatic rejoin after a reconnect,
 * which pulls `count` messages again and drops the ones already delivered.
 */
import * as v from 'valibot';
import {
  ChatroomLimits,
  GetChatroomHistoryRequestSchema,
  GetChatRoomInfoRequestSchema,
  KV_KEY_PATTERN,
  type ChatroomPushData,
} from '../../protocol/chatroom.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import type { Op, ReplyData, RequestInput, WireMessage } from '../../protocol/frames.js';
import { ID_PATTERN } from '../../protocol/limits.js';
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
import { ChatroomRolesClient } from './chatroom-roles.js';
import { toReceivedMessage } from './convert.js';
import { Events, type Emitter } from './events.js';
import type { IAsyncRes } from './types.js';

/** What the chatroom part needs from its `ParleyClient`. */
export interface ChatroomHost {
  call<O extends Op>(op: O, data: RequestInput<O>): Promise<IAsyncRes<ReplyData[O]>>;
  emitter: Emitter;
  userId(): string;
}

/** messageUIds remembered per room for dedup after a rejoin (the join pulls at most 50). */
const SEEN_MAX = 500;

interface JoinedRoom {
  count: number;
  mustExist: boolean;
  seen: Set<string>;
}

const invalid = (msg: string) => ({ code: ErrorCode.RC_CHATROOM_PARAMETER_INVALID, msg });
const validRoom = (id: unknown): id is string => typeof id === 'string' && ID_PATTERN.test(id);
const validKey = (key: unknown): key is string => typeof key === 'string' && KV_KEY_PATTERN.test(key);
const fail = (res: IAsyncRes<unknown>) => ({ code: res.code || ErrorCode.UNKNOWN, ...(res.msg !== undefined ? { msg: res.msg } : {}) });

/** The rooms this client is in, and the chatroom calls. */
export class ChatroomClient {
  private readonly rooms = new Map<string, JoinedRoom>();
  /** Roles and the mic queue (seeds 003). */
  readonly roles: ChatroomRolesClient;

  constructor(private readonly host: ChatroomHost) {
    this.roles = new ChatroomRolesClient(host);
  }

  /** Joins (`mustExist` false creates the room). `count`: 1–50, −1 none, 0/absent = 10. */
  async join(chatRoomId: string, option: IJoinChatRoomOption = {}, mustExist: boolean): Promise<IAsyncRes<IChatroomJoinResponse>> {
    if (!validRoom(chatRoomId)) return invalid('invalid chatRoomId');
    const raw = option?.count ?? 0;
    if (!Number.isInteger(raw) || raw < -1 || raw > ChatroomLimits.JOIN_COUNT_MAX) return invalid('count must be -1 or 0–50');
    const count = raw === 0 ? ChatroomLimits.JOIN_COUNT_DEFAULT : raw;
    const res = await this.host.call(mustExist ? 'joinExistChatRoom' : 'joinChatRoom', { chatRoomId, count });
    if (res.code !== ErrorCode.SUCCESS || !res.data) return fail(res);
    const room = this.rooms.get(chatRoomId) ?? { count, mustExist, seen: new Set<string>() };
    room.count = count;
    room.mustExist = mustExist;
    this.rooms.set(chatRoomId, room);
    const { messages, ...info } = res.data;
    this.deliver(chatRoomId, messages);
    return { code: ErrorCode.SUCCESS, data: info };
  }

  async quit(chatRoomId: string): Promise<IAsyncRes<void>> {
    if (!validRoom(chatRoomId)) return invalid('invalid chatRoomId');
    const res = await this.host.call('quitChatRoom', { chatRoomId });
    // Not in the room (any more) is what the caller wanted too: forget it either way.
    if (res.code === ErrorCode.SUCCESS || res.code === ErrorCode.NOT_IN_CHATROOM || res.code === ErrorCode.RC_CHATROOM_NOT_EXIST) this.rooms.delete(chatRoomId);
    return res.code === ErrorCode.SUCCESS ? { code: ErrorCode.SUCCESS } : fail(res);
  }

  async info(chatRoomId: string, option: IChatRoomInfoOption = {}): Promise<IAsyncRes<IChatroomInfo>> {
    const data = v.safeParse(GetChatRoomInfoRequestSchema, { chatRoomId, ...(option ?? {}) });
    if (!data.success) return invalid(v.summarize(data.issues));
    const res = await this.host.call('getChatRoomInfo', data.output);
    return res.code === ErrorCode.SUCCESS && res.data ? { code: ErrorCode.SUCCESS, data: res.data } : fail(res);
  }

  async history(chatRoomId: string, option: IGetChatroomHistoryOption = {}): Promise<IAsyncRes<IChatroomHistoryResult>> {
    const data = v.safeParse(GetChatroomHistoryRequestSchema, { chatRoomId, ...(option ?? {}) });
    if (!data.success) return invalid(v.summarize(data.issues));
    const res = await this.host.call('getChatroomHistoryMessages', data.output);
    if (res.code !== ErrorCode.SUCCESS || !res.data) return fail(res);
    const me = this.host.userId();
    return { code: ErrorCode.SUCCESS, data: { list: res.data.list.map((m) => toReceivedMessage(m, me, false)), hasMore: res.data.hasMore } };
  }

  async recall(chatRoomId: string, messageUId: string): Promise<IAsyncRes<void>> {
    if (!validRoom(chatRoomId) || typeof messageUId !== 'string' || !messageUId) return invalid('chatRoomId and messageUId are required');
    const res = await this.host.call('recallChatroomMessage', { chatRoomId, messageUId });
    return res.code === ErrorCode.SUCCESS ? { code: ErrorCode.SUCCESS } : fail(res);
  }

  /** One attribute's value. */
  async getEntry(chatRoomId: string, key: string): Promise<IAsyncRes<string>> {
    if (!validRoom(chatRoomId) || !validKey(key)) return invalid('invalid chatRoomId or key');
    const res = await this.host.call('getChatRoomEntries', { chatRoomId, key });
    return res.code === ErrorCode.SUCCESS && res.data ? { code: ErrorCode.SUCCESS, data: res.data.entries[0]!.value } : fail(res);
  }

  /** Every attribute as `{ key: value }`. */
  async getAllEntries(chatRoomId: string): Promise<IAsyncRes<Record<string, string>>> {
    if (!validRoom(chatRoomId)) return invalid('invalid chatRoomId');
    const res = await this.host.call('getChatRoomEntries', { chatRoomId });
    if (res.code !== ErrorCode.SUCCESS || !res.data) return fail(res);
    return { code: ErrorCode.SUCCESS, data: Object.fromEntries(res.data.entries.map((e) => [e.key, e.value])) };
  }

  async setEntry(chatRoomId: string, entry: IChatroomEntry, isForce: boolean): Promise<IAsyncRes<void>> {
    if (!validRoom(chatRoomId) || !entry || !validKey(entry.key)) return invalid('invalid chatRoomId or key');
    if (typeof entry.value !== 'string' || entry.value.length > ChatroomLimits.KV_VALUE_MAX) return invalid('value must be a string of at most 4096 characters');
    return this.kv('setChatRoomEntries', {
      chatRoomId,
      entries: [{ key: entry.key, value: entry.value }],
      isAutoDelete: entry.isAutoDelete ?? false,
      isForce,
      isSendNotification: entry.isSendNotification ?? false,
      notificationExtra: entry.notificationExtra ?? '',
    });
  }

  /** Several attributes; a partial failure resolves 23428 with `data.failed` (key → code). */
  async setEntries(chatRoomId: string, options: IChatroomEntries): Promise<IAsyncRes<unknown>> {
    const entries = options?.entries;
    if (!validRoom(chatRoomId) || !Array.isArray(entries) || entries.length === 0) return invalid('entries are required');
    if (entries.length > ChatroomLimits.KV_BATCH_MAX) return { code: ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT, msg: 'at most 10 entries per call' };
    if (!entries.every((e) => validKey(e?.key) && typeof e.value === 'string' && e.value.length <= ChatroomLimits.KV_VALUE_MAX)) return invalid('invalid entry');
    return this.kv('setChatRoomEntries', { chatRoomId, entries: entries.map((e) => ({ key: e.key, value: e.value })), isAutoDelete: options.isAutoDelete ?? false, isForce: options.isForce ?? false, isBatch: true });
  }

  async removeEntry(chatRoomId: string, entry: IRemoveChatroomEntry, isForce: boolean): Promise<IAsyncRes<void>> {
    if (!validRoom(chatRoomId) || !entry || !validKey(entry.key)) return invalid('invalid chatRoomId or key');
    return this.kv('removeChatRoomEntries', {
      chatRoomId,
      keys: [entry.key],
      isForce,
      isSendNotification: entry.isSendNotification ?? false,
      notificationExtra: entry.notificationExtra ?? '',
    });
  }

  async removeEntries(chatRoomId: string, options: IRemoveChatroomEntries): Promise<IAsyncRes<unknown>> {
    const keys = (options?.entries ?? []).map((e) => (typeof e === 'string' ? e : e?.key));
    if (!validRoom(chatRoomId) || keys.length === 0) return invalid('entries are required');
    if (keys.length > ChatroomLimits.KV_BATCH_MAX) return { code: ErrorCode.CHATROOM_KV_STORE_OUT_LIMIT, msg: 'at most 10 entries per call' };
    if (!keys.every(validKey)) return invalid('invalid key');
    return this.kv('removeChatRoomEntries', { chatRoomId, keys: keys as string[], isForce: options.isForce ?? false, isBatch: true });
  }

  private async kv<O extends 'setChatRoomEntries' | 'removeChatRoomEntries'>(op: O, data: RequestInput<O>): Promise<IAsyncRes<any>> {
    const res = await this.host.call(op, data);
    if (res.code === ErrorCode.SUCCESS) return { code: ErrorCode.SUCCESS };
    return res.data === undefined ? fail(res) : { ...fail(res), data: res.data };
  }

  /** A `chatroom` push: messages become MESSAGES, events CHATROOM; `left` rooms are forgotten. */
  onPush(data: ChatroomPushData): void {
    if (data.type === 'message') {
      this.deliver(data.message.targetId, [data.message]);
      return;
    }
    if (data.left) this.rooms.delete(data.left);
    this.host.emitter.emit(Events.CHATROOM, data.event);
  }

  /** After a reconnect: joins every room again, pulling `count` messages and dropping repeats. */
  async rejoinAll(): Promise<void> {
    for (const [chatRoomId, room] of [...this.rooms]) {
      const res = await this.host.call(room.mustExist ? 'joinExistChatRoom' : 'joinChatRoom', { chatRoomId, count: room.count });
      if (this.rooms.get(chatRoomId) !== room) continue;
      if (res.code === ErrorCode.SUCCESS && res.data) {
        this.host.emitter.emit(Events.CHATROOM, { rejoinedRoom: { chatroomId: chatRoomId, count: room.count } });
        this.deliver(chatRoomId, res.data.messages);
      } else if (res.code !== ErrorCode.RC_NET_UNAVAILABLE && res.code !== ErrorCode.TIMEOUT) {
        // Refused (destroyed, blocked...): stop trying; a lost socket retries on the next connect.
        this.rooms.delete(chatRoomId);
        this.host.emitter.emit(Events.CHATROOM, { rejoinedRoom: { chatroomId: chatRoomId, errorCode: res.code } });
      }
    }
  }

  /** Remembers an own send, so a rejoin's pull does not deliver it again. */
  markSeen(chatRoomId: string, messageUId: string): void {
    this.rooms.get(chatRoomId)?.seen.add(messageUId);
  }

  /** Ids of the rooms this client is in. */
  joined(): string[] {
    return [...this.rooms.keys()];
  }

  /** Forgets every room (explicit disconnect, another user). */
  reset(): void {
    this.rooms.clear();
  }

  private deliver(chatRoomId: string, messages: WireMessage[]): void {
    const room = this.rooms.get(chatRoomId);
    if (!room) return;
    const me = this.host.userId();
    const fresh = messages.filter((m) => {
      if (room.seen.has(m.messageUId)) return false;
      room.seen.add(m.messageUId);
      if (room.seen.size > SEEN_MAX) room.seen.delete(room.seen.values().next().value!);
      return true;
    });
    if (fresh.length > 0) this.host.emitter.emit(Events.MESSAGES, { messages: fresh.map((m) => toReceivedMessage(m, me, false)) });
  }
}
