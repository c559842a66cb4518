/**
 * Chatroom lifecycle and membership: create, join (and leave the previous room), quit, offline
 * members, destroy (by API, when inactive, or at a fixed time) and the sweep that drives time.
 * Messages live in `messaging.ts`, attributes in `kv.ts`; this class owns the rooms they act on.
 */
import {
  ChatroomSyncReason,
  ChatroomSyncStatus,
  ChatroomUserChangeType,
  type ChatRoomInfoReply,
  type JoinChatRoomReply,
} from '../../src/protocol/chatroom.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { chatroomConfig, type ChatroomConfig, type ChatroomOptions } from './config.js';
import { ChatroomMessaging } from './messaging.js';
import { Moderation } from './moderation.js';
import { ChatroomKv } from './kv.js';
import { InfoRateLimiter, memberList } from './members.js';
import { ChatroomRoles } from './roles.js';
import { eventFrame, Room, type ChatroomSocket, type Member } from './room.js';
import type { ChatroomStore } from './store.js';
import type { StatusEvent } from './status-sync.js';

/** Counters for `server.metrics()`. */
export interface ChatroomMetrics {
  rooms: number;
  members: number;
  roomsCreated: number;
  roomsDestroyed: number;
  messagesAccepted: number;
  /** Socket sends of chatroom message frames. */
  deliveries: number;
  messagesDropped: number;
  lowPriorityDropped: number;
  offlineRemovals: number;
}

/** What the service needs from the rest of the server. */
export interface ChatroomDeps {
  store: ChatroomStore;
  clock: Clock;
  /** Every online socket of a user (for notices to devices that are not in the room). */
  userSockets(userId: string): Iterable<ChatroomSocket>;
  /** Status sync sink (create/destroy/join/quit/kv); a no-op when not configured. */
  status?(event: StatusEvent): void;
  log?(line: string): void;
}

/** All chatrooms of this server process. */
export class ChatroomService {
  readonly config: ChatroomConfig;
  readonly rooms = new Map<string, Room>();
  readonly moderation: Moderation;
  readonly messaging: ChatroomMessaging;
  readonly kv: ChatroomKv;
  readonly roles: ChatroomRoles;
  readonly counters = { roomsCreated: 0, roomsDestroyed: 0, messagesAccepted: 0, deliveries: 0, messagesDropped: 0, lowPriorityDropped: 0, offlineRemovals: 0 };
  private readonly userRooms = new Map<string, Set<string>>();
  private readonly socketRooms = new Map<ChatroomSocket, Set<string>>();
  private readonly infoLimiter: InfoRateLimiter;
  private readonly sweep: NodeJS.Timeout | undefined;

  constructor(
    readonly deps: ChatroomDeps,
    options: ChatroomOptions = {},
  ) {
    this.config = chatroomConfig(options);
    this.moderation = new Moderation(deps.store, deps.clock);
    this.infoLimiter = new InfoRateLimiter(deps.clock, this.config.infoPerSecond, this.config.infoPerMinute);
    this.messaging = new ChatroomMessaging(this);
    this.kv = new ChatroomKv(this);
    this.roles = new ChatroomRoles(this);
    if (this.config.sweepMs > 0) {
      this.sweep = setInterval(() => this.tick(), this.config.sweepMs);
      this.sweep.unref();
    }
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** Creates a room (no-op when it exists). `destroyAt` > 0 fixes its end; otherwise it ends when inactive. */
  create(roomId: string, name = '', options: { destroyAt?: number; creatorId?: string } = {}): Room {
    const existing = this.rooms.get(roomId);
    if (existing) return existing;
    const now = this.clock.now();
    const room = new Room(roomId, name, newId(16), now, now, options.destroyAt ?? 0);
    room.creatorId = options.creatorId ?? '';
    this.rooms.set(roomId, room);
    this.counters.roomsCreated++;
    this.deps.status?.({ type: 'create', chatroomId: roomId, userIds: room.creatorId ? [room.creatorId] : [], time: now });
    return room;
  }

  /** The room, or `RC_CHATROOM_NOT_EXIST`. */
  get(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new DomainError(ErrorCode.RC_CHATROOM_NOT_EXIST, `chatroom ${roomId} does not exist`);
    return room;
  }

  /** The member, or `NOT_IN_CHATROOM`. */
  member(room: Room, userId: string): Member {
    const member = room.members.get(userId);
    if (!member) throw new DomainError(ErrorCode.NOT_IN_CHATROOM, `not in chatroom ${room.id}`);
    return member;
  }

  /**
   * Joins a socket to a room (creating it unless `mustExist`). Unless multi-room is on, the user
   * leaves their other rooms first. Call `publish` after replying: notices follow the reply.
   */
  join(socket: ChatroomSocket, roomId: string, count: number, mustExist: boolean): { reply: JoinChatRoomReply; publish(): void } {
    const userId = socket.userId!;
    if (this.moderation.has('block', roomId, userId)) {
      throw new DomainError(ErrorCode.RC_CHATROOM_USER_KICKED, `blocked in chatroom ${roomId}`);
    }
    if (mustExist) this.get(roomId);
    const room = this.create(roomId, '', { creatorId: userId });
    const notices: Array<() => void> = [];
    if (!this.config.multiRoom) {
      for (const other of [...(this.userRooms.get(userId) ?? [])]) {
        if (other !== roomId) notices.push(this.removeMember(this.rooms.get(other)!, userId, 'otherJoin'));
      }
    }
    const now = this.clock.now();
    let member = room.members.get(userId);
    const isNew = !member;
    if (!member) {
      member = { userId, joinTime: now, sockets: new Set(), offlineSince: null, missed: 0 };
      room.members.set(userId, member);
      this.index(this.userRooms, userId, roomId);
    }
    if (member.offlineSince !== null) {
      member.offlineSince = null;
      member.missed = 0;
      room.offline.delete(userId);
    }
    member.sockets.add(socket);
    this.index(this.socketRooms, socket, roomId);
    room.lastActive = now;
    const messages = count > 0 ? room.recent.slice(-count) : [];
    const mute = this.messaging.muteOf(room, userId);
    const reply: JoinChatRoomReply = {
      chatroomId: roomId,
      sessionId: room.sessionId,
      joinTime: member.joinTime,
      userCount: room.members.size,
      isMuted: mute !== undefined,
      ...(mute ? { muteReason: mute.reason, mutedUntil: mute.until } : {}),
      messages,
    };
    if (isNew) this.deps.status?.({ type: 'join', chatroomId: roomId, userIds: [userId], time: now });
    return {
      reply,
      publish: () => {
        for (const notice of notices) notice();
        const change = this.userChange(room, userId, ChatroomUserChangeType.JOIN, now);
        if (this.config.userChangeNotify === 'all') room.broadcast(change);
        else socket.pushText(change);
        const sync = eventFrame({ chatroomNotifyMultiLoginSync: { chatroomId: roomId, status: ChatroomSyncStatus.JOIN, reason: ChatroomSyncReason.LEAVE_ON_MY_OWN, time: now } });
        for (const s of this.deps.userSockets(userId)) if (s !== socket) s.pushText(sync);
      },
    };
  }

  /** One device quits; the user leaves the room when no device of theirs is left in it. */
  quit(socket: ChatroomSocket, roomId: string): void {
    const userId = socket.userId!;
    const room = this.get(roomId);
    const member = this.member(room, userId);
    member.sockets.delete(socket);
    this.socketRooms.get(socket)?.delete(roomId);
    const now = this.clock.now();
    socket.pushText(this.userChange(room, userId, ChatroomUserChangeType.QUIT, now));
    const sync = eventFrame({ chatroomNotifyMultiLoginSync: { chatroomId: roomId, status: ChatroomSyncStatus.QUIT, reason: ChatroomSyncReason.LEAVE_ON_MY_OWN, time: now } });
    for (const s of this.deps.userSockets(userId)) if (s !== socket) s.pushText(sync);
    if (member.sockets.size === 0) this.removeMember(room, userId, 'quit')();
  }

  /**
   * Removes a user (all their devices) from a room. Returns the notices to send; the member's
   * sockets are told to forget the room (`left`).
   */
  removeMember(room: Room, userId: string, why: 'quit' | 'otherJoin' | 'kicked' | 'offline'): () => void {
    const member = room.members.get(userId);
    if (!member) return () => {};
    const now = this.clock.now();
    room.members.delete(userId);
    room.offline.delete(userId);
    room.lastActive = now;
    this.userRooms.get(userId)?.delete(room.id);
    for (const s of member.sockets) this.socketRooms.get(s)?.delete(room.id);
    const dropped = this.kvHook?.(room, userId) ?? (() => {});
    this.deps.status?.({ type: 'quit', chatroomId: room.id, userIds: [userId], time: now });
    return () => {
      dropped();
      if (why === 'otherJoin') {
        const sync = eventFrame(
          { chatroomNotifyMultiLoginSync: { chatroomId: room.id, status: ChatroomSyncStatus.QUIT, reason: ChatroomSyncReason.OTHER_JOIN_NEW_CHATROOM, time: now } },
          room.id,
        );
        for (const s of this.deps.userSockets(userId)) s.pushText(sync);
        // The seeds tell the room this user was moved out.
        room.broadcast(this.userChange(room, userId, ChatroomUserChangeType.KICKED, now));
        return;
      }
      const status = why === 'quit' ? ChatroomUserChangeType.QUIT : ChatroomUserChangeType.KICKED;
      const change = this.userChange(room, userId, status, now, room.id);
      for (const s of member.sockets) s.pushText(change);
      if (this.config.userChangeNotify === 'all') room.broadcast(this.userChange(room, userId, status, now));
    };
  }

  /** Set by the KV module: removes a leaving user's `isAutoDelete` entries. */
  kvHook: ((room: Room, userId: string) => () => void) | undefined;

  /** A socket went away: its user turns offline in rooms where no other device of theirs is. */
  socketClosed(socket: ChatroomSocket): void {
    const roomIds = this.socketRooms.get(socket);
    if (!roomIds) return;
    this.socketRooms.delete(socket);
    const now = this.clock.now();
    for (const roomId of roomIds) {
      const room = this.rooms.get(roomId);
      const member = room?.members.get(socket.userId!);
      if (!room || !member) continue;
      member.sockets.delete(socket);
      if (member.sockets.size === 0 && member.offlineSince === null) {
        member.offlineSince = now;
        member.missed = 0;
        room.offline.set(member.userId, member);
      }
    }
  }

  /** Member count and up to 20 members by join time (order 2 = latest first). Rate-limited per device. */
  info(socket: ChatroomSocket, roomId: string, count: number, order: 0 | 1 | 2): ChatRoomInfoReply {
    this.infoLimiter.take(socket);
    const room = this.get(roomId);
    return { userCount: room.members.size, userInfos: memberList(room, count, order === 2) };
  }

  /** Destroys a room: members are told (`chatroomDestroyed`) and removed, attributes and queue dropped. */
  destroy(roomId: string): boolean {
    const room = this.rooms.get(roomId);
    if (!room) return false;
    this.rooms.delete(roomId);
    room.broadcast(eventFrame({ chatroomDestroyed: roomId }, roomId));
    for (const member of room.members.values()) {
      this.userRooms.get(member.userId)?.delete(roomId);
      for (const s of member.sockets) this.socketRooms.get(s)?.delete(roomId);
    }
    room.members.clear();
    room.offline.clear();
    room.entries.clear();
    room.queue.clear();
    this.counters.roomsDestroyed++;
    this.deps.status?.({ type: 'destroy', chatroomId: roomId, userIds: [], time: this.clock.now() });
    return true;
  }

  /** The sweep: auto-destroy, list expiry, history retention. Tests call it after moving the clock. */
  tick(): void {
    const now = this.clock.now();
    for (const room of [...this.rooms.values()]) {
      if (this.moderation.has('keepalive', '', room.id)) continue;
      const due = room.destroyAt > 0 ? now >= room.destroyAt : now - room.lastActive >= this.config.destroyWaitMs;
      if (due) this.destroy(room.id);
    }
    this.moderation.expire();
    this.messaging.prune(now);
  }

  /** Counters and sizes. */
  metrics(): ChatroomMetrics {
    let members = 0;
    for (const room of this.rooms.values()) members += room.members.size;
    return { rooms: this.rooms.size, members, ...this.counters };
  }

  /** Sends a serialized frame to every online socket of a user. */
  toUser(userId: string, text: string): void {
    for (const s of this.deps.userSockets(userId)) s.pushText(text);
  }

  close(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  private userChange(room: Room, userId: string, status: number, timestamp: number, left?: string): string {
    return eventFrame({ userChange: { chatroomId: room.id, memberCount: room.members.size, ups: [{ userId, status, timestamp }] } }, left);
  }

  private index<K>(map: Map<K, Set<string>>, key: K, roomId: string): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(roomId);
  }
}
