/**
 * Chatroom attributes (seeds: "聊天室属性管理 (KV)"): at most 100 keys per room, only the setter
 * overwrites or removes unless forced, `isAutoDelete` entries go when their setter leaves,
 * `isSendNotification` sends an `RC:chrmKVNotiMsg` to the room, every change reaches online
 * members as `updatedEntries`, and everything dies with the room.
 */
import {
  ChatroomEntryType,
  ChatroomLimits,
  type ChatroomMuteReason,
  type WireChatroomEntry,
} from '../../src/protocol/chatroom.js';
import { MessageType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { DomainError } from '../domain/errors.js';
import { eventFrame, type Room } from './room.js';
import type { Clock } from '../clock.js';
import type { ChatroomSendInput } from './messaging.js';
import type { Persist, PublishToRoom, RoomLookup } from './ports.js';
import type { StatusEvent } from './status-sync.js';

export interface KvSetInput {
  entries: Array<{ key: string; value: string }>;
  isAutoDelete: boolean;
  isForce: boolean;
  isSendNotification: boolean;
  notificationExtra: string;
}

export interface KvRemoveInput {
  keys: string[];
  isForce: boolean;
  isSendNotification: boolean;
  notificationExtra: string;
}

/** Per-key failures of a batch; empty when all succeeded. */
export type KvFailures = Record<string, number>;

/** What the attributes need from the chatroom service. */
export interface ChatroomKvPort extends RoomLookup {
  readonly clock: Clock;
  persist: Persist;
  toRoom: PublishToRoom;
  /** Tells the status sync about a change. */
  status(event: StatusEvent): void;
  /** Sends an `RC:chrmKVNotiMsg` (trusted, as the setter) to the room. */
  notify(roomId: string, input: ChatroomSendInput): void;
  /** Why the user may not send in the room now (see `ChatroomMessaging.muteOf`). */
  muteOf(room: Room, userId: string): { reason: ChatroomMuteReason; until: number } | undefined;
}

/** Attribute operations on the chatrooms. */
export class ChatroomKv {
  constructor(private readonly port: ChatroomKvPort) {}

  /**
   * Sets entries as `userId` (`null` = the Server API, which acts as forced). Members only.
   * Applies what it can and returns the keys that failed with their code.
   */
  set(userId: string | null, roomId: string, input: KvSetInput, owner?: string): KvFailures {
    const room = this.port.room(roomId);
    if (userId !== null) this.memberMaySpeak(room, userId, input.isSendNotification);
    this.rate(room, input.entries.length);
    const now = this.port.clock.now();
    const failed: KvFailures = {};
    const changed: WireChatroomEntry[] = [];
    for (const { key, value } of input.entries) {
      const existing = room.entries.get(key);
      if (!existing && room.entries.size >= ChatroomLimits.KV_MAX_KEYS) {
        failed[key] = ErrorCode.CHATROOM_KV_EXCEED;
        continue;
      }
      if (existing && userId !== null && existing.userId !== userId && !input.isForce) {
        failed[key] = ErrorCode.CHATROOM_KV_OVERWRITE_INVALID;
        continue;
      }
      const setter = userId ?? owner ?? existing?.userId ?? '';
      const entry: WireChatroomEntry = {
        key,
        value,
        userId: setter,
        isAutoDelete: setter !== '' && input.isAutoDelete,
        timestamp: now,
      };
      room.entries.set(key, entry);
      changed.push(entry);
    }
    this.save(room, changed, ChatroomEntryType.UPDATE);
    this.announce(room, changed, ChatroomEntryType.UPDATE, userId, input);
    return failed;
  }

  /** Removes entries; only their setter may unless forced (the Server API always may). */
  remove(userId: string | null, roomId: string, input: KvRemoveInput): KvFailures {
    const room = this.port.room(roomId);
    if (userId !== null) this.memberMaySpeak(room, userId, input.isSendNotification);
    this.rate(room, input.keys.length);
    const failed: KvFailures = {};
    const changed: WireChatroomEntry[] = [];
    for (const key of input.keys) {
      const existing = room.entries.get(key);
      if (!existing) {
        failed[key] = ErrorCode.CHATROOM_KEY_NOT_EXIST;
        continue;
      }
      if (userId !== null && existing.userId !== userId && !input.isForce) {
        failed[key] = ErrorCode.CHATROOM_KV_OVERWRITE_INVALID;
        continue;
      }
      room.entries.delete(key);
      changed.push({ ...existing, timestamp: this.port.clock.now() });
    }
    this.save(room, changed, ChatroomEntryType.DELETE);
    this.announce(room, changed, ChatroomEntryType.DELETE, userId, input);
    return failed;
  }

  /** One entry or all of them; members only (the Server API passes `null`). */
  get(userId: string | null, roomId: string, key?: string): WireChatroomEntry[] {
    const room = this.port.room(roomId);
    if (userId !== null) this.port.member(room, userId);
    if (key === undefined) return [...room.entries.values()];
    const entry = room.entries.get(key);
    if (!entry) throw new DomainError(ErrorCode.CHATROOM_KEY_NOT_EXIST, `no attribute ${key}`);
    return [entry];
  }

  /** Removes the leaving user's `isAutoDelete` entries now; returns the notice to send. */
  autoDelete(room: Room, userId: string): () => void {
    const changed: WireChatroomEntry[] = [];
    for (const [key, entry] of room.entries) {
      if (entry.isAutoDelete && entry.userId === userId) {
        room.entries.delete(key);
        changed.push({ ...entry, timestamp: this.port.clock.now() });
      }
    }
    this.save(room, changed, ChatroomEntryType.DELETE);
    return () =>
      this.announce(room, changed, ChatroomEntryType.DELETE, userId, {
        isSendNotification: false,
        notificationExtra: '',
      });
  }

  /**
   * Members only; a notice is a message to the room in the member's name, so a gagged, globally
   * gagged or muted-all member may not send one (the whole call is refused, nothing changes).
   */
  private memberMaySpeak(room: Room, userId: string, notifies: boolean): void {
    this.port.member(room, userId);
    if (notifies && this.port.muteOf(room, userId)) {
      throw new DomainError(ErrorCode.FORBIDDEN_IN_CHATROOM, `muted in chatroom ${room.id}: no attribute notice`);
    }
  }

  /** Writes the change to the database (the other nodes reload the room after it). */
  private save(room: Room, changed: WireChatroomEntry[], type: number): void {
    if (changed.length === 0) return;
    if (type === ChatroomEntryType.UPDATE) this.port.persist(room.id, (state) => state.putEntries(room.id, changed));
    else
      this.port.persist(room.id, (state) =>
        state.deleteEntries(
          room.id,
          changed.map((e) => e.key),
        ),
      );
  }

  /** The seeds' 100 operations per room per second (one batch of n counts n). */
  private rate(room: Room, n: number): void {
    const now = this.port.clock.now();
    if (now - room.kvWindowStart >= 1000) {
      room.kvWindowStart = now;
      room.kvWindowCount = 0;
    }
    if (room.kvWindowCount + n > ChatroomLimits.KV_OPS_PER_SECOND) {
      throw new DomainError(
        ErrorCode.CHATROOM_SET_PROPERTY_OVER_FREQUENCY,
        `more than ${ChatroomLimits.KV_OPS_PER_SECOND} attribute operations per second`,
      );
    }
    room.kvWindowCount += n;
  }

  private announce(
    room: Room,
    changed: WireChatroomEntry[],
    type: number,
    userId: string | null,
    input: { isSendNotification: boolean; notificationExtra: string },
  ): void {
    if (changed.length === 0) return;
    this.port.toRoom(room, eventFrame({ updatedEntries: changed.map((e) => ({ ...e, chatroomId: room.id, type })) }));
    this.port.status({
      type: 'kv',
      chatroomId: room.id,
      userIds: userId ? [userId] : [],
      time: this.port.clock.now(),
      entries: changed.map((e) => ({ key: e.key, value: e.value, type, userId: e.userId })),
    });
    if (!input.isSendNotification) return;
    for (const e of changed) {
      this.port.notify(room.id, {
        senderUserId: userId ?? e.userId,
        messageType: MessageType.CHATROOM_KV_NOTIFICATION,
        content: {
          type,
          key: e.key,
          value: type === ChatroomEntryType.UPDATE ? e.value : '',
          extra: input.notificationExtra,
        },
        isPersisted: true,
        isCounted: false,
        isStatusMessage: false,
      });
    }
  }
}
