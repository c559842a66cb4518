/**
 * Chatroom lifecycle and membership: create, join (and leave the previous room), quit, offline
 * members, destroy (by API, when inactive, or at a fixed time) and the sweep that drives time.
 * Messages live in `messaging.ts`, attributes in `kv.ts`, cluster wiring in `cluster-sync.ts`.
 * Everything a room's members see goes through the bus (`toRoom`), so members on every node get
 * it in the room's one order; durable state is written to `ChatroomState` and cached here.
 */
import {
  ChatroomSyncReason,
  ChatroomSyncStatus,
  ChatroomUserChangeType,
  type ChatroomHistoryReply,
  type JoinChatRoomReply,
} from '../../src/protocol/chatroom.js';
import type { ChatroomMemberInfoPatch } from '../../src/protocol/chatroom-profile.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { ChatroomState } from '../storage/chatroom-state.js';
import { StateWrites } from './state-writes.js';
import { ClusterSync } from './cluster-sync.js';
import { chatroomConfig, type ChatroomConfig, type ChatroomOptions } from './config.js';
import { ChatroomGuests } from './guests.js';
import { ChatroomMessaging } from './messaging.js';
import { Moderation } from './moderation.js';
import { ChatroomKv } from './kv.js';
import { joinRoom, type ChatroomJoinPort } from './join.js';
import { SocketKeys } from './socket-keys.js';
import { ChatroomMembers, InfoRateLimiter } from './members.js';
import type { Presence } from './presence.js';
import type { RoomLookup, ToRoom } from './ports.js';
import { ChatroomProfiles } from './profile.js';
import { ChatroomQueue } from './queue.js';
import { ChatroomRoles } from './roles.js';
import { eventFrame, Room, type ChatroomSocket, type Member } from './room.js';
import type { StatusEvent } from './status-sync.js';
import { releaseIdleRooms } from './room-memory.js';
import type { RoomDrops } from './shedding.js';

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
  /** Room events this node never got from the bus (gaps in a room's sequence; cluster only). */
  busGaps: number;
  /** Load-shedding drops per room this node holds (the rooms with the most drops, at most 100). */
  droppedByRoom: Record<string, RoomDrops>;
}

/** What the service needs from the rest of the server. */
export interface ChatroomDeps {
  /** Durable rooms, attributes, roles, queue, moderation lists and history. */
  state: ChatroomState;
  bus: Bus;
  /** Members across nodes (a cluster); absent on a single node. */
  presence?: Presence;
  clock: Clock;
  /** Every online socket of a user on this node (for notices to devices that are not in the room). */
  userSockets(userId: string): Iterable<ChatroomSocket>;
  /** Status sync sink (create/destroy/join/quit/kv); a no-op when not configured. A promise holds its place until known. */
  status?(event: StatusEvent | Promise<StatusEvent | null>): void;
  log?(line: string): void;
}

/**
 * What the Server API endpoints and the gateway's chatroom handlers use of the chatrooms: the
 * sub-services and the room operations. Membership bookkeeping, the sweep and the cluster wiring
 * stay the service's own.
 */
export type ChatroomApi = Pick<
  ChatroomService,
  | 'config'
  | 'durably'
  | 'moderation'
  | 'messaging'
  | 'roles'
  | 'queue'
  | 'kv'
  | 'profiles'
  | 'rooms'
  | 'get'
  | 'create'
  | 'define'
  | 'destroy'
  | 'members'
  | 'join'
  | 'quit'
  | 'socketClosed'
  | 'toRoom'
  | 'toUser'
  | 'removeEverywhere'
  | 'userRooms'
  | 'guests'
  | 'observe'
  | 'storedHistory'
>;

/** All chatrooms, as this node serves them. */
export class ChatroomService {
  readonly config: ChatroomConfig;
  readonly rooms = new Map<string, Room>();
  readonly moderation: Moderation;
  readonly messaging: ChatroomMessaging;
  readonly kv: ChatroomKv;
  readonly roles: ChatroomRoles;
  readonly queue: ChatroomQueue;
  /** Room and member profiles, open/closed (seeds 003). */
  readonly profiles: ChatroomProfiles;
  readonly members: ChatroomMembers;
  /** Anonymous guests: which rooms admit them, who they are. */
  readonly guests: ChatroomGuests;
  readonly cluster: ClusterSync;
  readonly counters = {
    roomsCreated: 0,
    roomsDestroyed: 0,
    messagesAccepted: 0,
    deliveries: 0,
    messagesDropped: 0,
    lowPriorityDropped: 0,
    offlineRemovals: 0,
    busGaps: 0,
  };
  readonly userRooms = new Map<string, Set<string>>();
  readonly socketRooms = new Map<ChatroomSocket, Set<string>>();
  readonly sockets: SocketKeys;
  private readonly sweep: NodeJS.Timeout | undefined;
  private readonly stateWrites: StateWrites;
  private readonly joinPort: ChatroomJoinPort;
  private readonly observers: Array<(room: Room, message: WireMessage) => void> = [];

  constructor(
    readonly deps: ChatroomDeps,
    options: ChatroomOptions = {},
  ) {
    this.config = chatroomConfig(options);
    this.stateWrites = new StateWrites(deps.state, (roomId) => deps.bus.publishState(roomId), deps.log);
    this.sockets = new SocketKeys(deps.bus.nodeId);
    this.moderation = new Moderation((write) => this.persist('', write), deps.clock);
    this.guests = new ChatroomGuests(this.moderation, this.config.guests);
    // The sub-services get narrow ports (each names what it uses), never the service itself; `shared`
    // holds what several ports name, and each constructor's port type admits only its own part.
    const lookup: RoomLookup = {
      room: (roomId) => this.get(roomId),
      member: (room, userId) => this.member(room, userId),
      isMember: async (room, userId) =>
        room.members.has(userId) || ((await deps.presence?.isMember(room.id, userId)) ?? false),
    };
    const shared = {
      ...lookup,
      clock: deps.clock,
      config: this.config,
      moderation: this.moderation,
      presence: deps.presence,
      persist: this.persist.bind(this),
      flushed: () => this.flushed(),
      toRoom: this.toRoom.bind(this),
      findRoom: (roomId: string) => this.rooms.get(roomId),
      status: (event: StatusEvent) => deps.status?.(event),
      muteOf: (room: Room, userId: string) => this.messaging.muteOf(room, userId),
      userChange: (room: Room, userId: string, status: number, timestamp: number) =>
        this.userChange(room, userId, status, timestamp),
    };
    this.messaging = new ChatroomMessaging({
      ...shared,
      busReady: () => deps.bus.health().ready,
      counters: this.counters,
      history: deps.state,
      removeOffline: (room, userId) => this.removeMember(room, userId, 'offline')(),
      accepted: (room, message) => {
        // The message is delivered: an observer's failure is logged, never the sender's error.
        for (const observer of this.observers) {
          try {
            observer(room, message);
          } catch (error) {
            deps.log?.(`chatroom: message observer failed: ${(error as Error).message}`);
          }
        }
      },
    });
    this.kv = new ChatroomKv({
      ...shared,
      notify: (roomId, input) => void this.messaging.send(null, roomId, input, true),
    });
    this.roles = new ChatroomRoles({
      ...shared,
      kick: (roomId, userId) => this.removeEverywhere(roomId, userId, 'kicked'),
    });
    this.queue = new ChatroomQueue(shared);
    const infoLimiter = new InfoRateLimiter(deps.clock, this.config.infoPerSecond, this.config.infoPerMinute);
    const profiles = new ChatroomProfiles({
      ...shared,
      isModerator: (room, userId) => this.roles.isModerator(room, userId),
      stored: deps.state,
    });
    this.profiles = profiles;
    this.members = new ChatroomMembers({
      ...shared,
      infoLimiter,
      withProfiles: (room, list) => profiles.withProfiles(room, list),
      guestsIn: (room) => this.guests.guestsIn(room),
    });
    this.joinPort = {
      ...shared,
      userRooms: this.userRooms,
      socketRooms: this.socketRooms,
      create: (roomId, name, options) => this.create(roomId, name, options),
      rememberSocket: (socket) => void this.sockets.keyOf(socket),
      watchRoom: (roomId) => deps.bus.watchRoom(roomId, true),
      moveOut: (room, userId) => this.removeMember(room, userId, 'otherJoin'),
      moveOutEverywhere: (roomId, userId) => this.removeEverywhere(roomId, userId, 'otherJoin'),
      history: deps.state,
      profiles,
      toUser: (userId, text, skip) => this.toUser(userId, text, skip),
    };
    this.cluster = new ClusterSync({
      ...shared,
      bus: deps.bus,
      rooms: this.rooms,
      counters: this.counters,
      state: deps.state,
      messaging: this.messaging,
      socketOf: (key) => this.sockets.socketOf(key),
      removeMember: (room, userId, why) => this.removeMember(room, userId, why),
      memberGone: (room, userId) => void this.memberGone(room, userId),
      dropLocal: (room) => this.dropLocal(room),
      destroy: (roomId) => void this.destroy(roomId),
      log: (line) => deps.log?.(line),
    });
    if (this.config.sweepMs > 0) {
      this.sweep = setInterval(() => this.tick(), this.config.sweepMs);
      this.sweep.unref();
    }
  }

  /** Calls `observer` with every message a room accepted and delivered through this node (activity figures, bots). */
  observe(observer: (room: Room, message: WireMessage) => void): void {
    this.observers.push(observer);
  }

  /**
   * Stored messages of a room sent after `after` (exclusive), oldest first, at most `count` (the
   * Server API's history export). Needs `historyEnabled` (23414 otherwise).
   */
  async storedHistory(roomId: string, after: number, count: number): Promise<ChatroomHistoryReply> {
    if (!this.config.historyEnabled)
      throw new DomainError(ErrorCode.CHATROOM_NOT_OPEN_HISTORYMSG_STORE, 'chatroom history storage is off');
    await this.flushed();
    return this.deps.state.history(roomId, after, count, 1);
  }

  /** Loads the rooms and lists that exist (they outlive restarts). */
  async start(): Promise<void> {
    this.moderation.load(await this.deps.state.allLists());
    for (const stored of await this.deps.state.allRooms()) this.cluster.adopt(stored);
    await this.cluster.start();
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  get presence(): Presence | undefined {
    return this.deps.presence;
  }

  /** Queues a durable write (see `StateWrites.persist`); resolves when it is committed. */
  persist(roomId: string | null, write: (state: ChatroomState) => Promise<unknown>): Promise<void> {
    return this.stateWrites.persist(roomId, write);
  }

  /** Runs an operation; resolves once the writes it queued are committed (see `StateWrites.durably`). */
  durably<T>(operation: () => T | Promise<T>): Promise<T> {
    return this.stateWrites.durably(operation);
  }

  /** Resolves when every queued write is done (tests, shutdown). */
  flushed(): Promise<void> {
    return this.stateWrites.flushed();
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
    this.presence?.touch(roomId, now);
    const definition = {
      id: roomId,
      name,
      sessionId: room.sessionId,
      createdTime: now,
      destroyAt: room.destroyAt,
      creatorId: room.creatorId,
    };
    let won = false;
    const inserted = this.persist(roomId, async (state) => {
      // Two nodes may create the same room at once: the first stored definition wins everywhere.
      const stored = await state.createRoom(definition);
      won = stored.sessionId === definition.sessionId;
      Object.assign(room, {
        name: stored.name,
        sessionId: stored.sessionId,
        destroyAt: stored.destroyAt,
        creatorId: stored.creatorId,
      });
    });
    // Only the node whose insert won reports the creation (once for the cluster), in its place in the order.
    const event = {
      type: 'create' as const,
      chatroomId: roomId,
      userIds: room.creatorId ? [room.creatorId] : [],
      time: now,
    };
    this.deps.status?.(
      inserted.then(
        () => (won ? event : null),
        () => null,
      ),
    );
    return room;
  }

  /**
   * The app's `create_new`: creates the room, or gives the existing one (say, created by a join)
   * the app's fixed end and, when named, its creator. The session, members and attributes stay.
   */
  define(roomId: string, options: { destroyAt: number; creatorId?: string }): Room {
    const room = this.rooms.get(roomId);
    if (!room) return this.create(roomId, '', options);
    const change = { creatorId: options.creatorId ?? room.creatorId, destroyAt: options.destroyAt };
    Object.assign(room, change);
    // Applied again once written: a creation still in flight would otherwise put back the stored definition.
    this.persist(roomId, async (state) => {
      await state.updateRoom(roomId, change);
      Object.assign(room, change);
    });
    return room;
  }

  /** The room, or `RC_CHATROOM_NOT_EXIST`. */
  get(roomId: string): Room {
    const room = this.rooms.get(roomId);
    if (!room) throw new DomainError(ErrorCode.RC_CHATROOM_NOT_EXIST, `chatroom ${roomId} does not exist`);
    return room;
  }

  /** The member (on this node), or `NOT_IN_CHATROOM`. */
  member(room: Room, userId: string): Member {
    const member = room.members.get(userId);
    if (!member) throw new DomainError(ErrorCode.NOT_IN_CHATROOM, `not in chatroom ${room.id}`);
    return member;
  }

  /** Sends a serialized frame to the room's members on every node, in the room's order. */
  toRoom(room: Room, text: string, options: ToRoom = {}): void {
    this.deps.bus.publishRoom({
      kind: 'frame',
      roomId: room.id,
      text,
      ...(options.skip ? { skip: this.sockets.keyOf(options.skip) } : {}),
      ...(options.toUser !== undefined ? { toUser: options.toUser } : {}),
      ...(options.delivery ? { delivery: true } : {}),
      ...(options.remember ? { remember: true } : {}),
    });
  }

  /**
   * Joins a socket to a room (creating it unless `mustExist`). Unless multi-room is on, the user
   * leaves their other rooms first. Call `publish` after replying: notices follow the reply.
   */
  join(
    socket: ChatroomSocket,
    roomId: string,
    count: number,
    mustExist: boolean,
    memberInfo?: ChatroomMemberInfoPatch,
  ): Promise<{ reply: JoinChatRoomReply; publish(): void }> {
    return joinRoom(this.joinPort, socket, roomId, count, mustExist, memberInfo);
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
    const sync = eventFrame({
      chatroomNotifyMultiLoginSync: {
        chatroomId: roomId,
        status: ChatroomSyncStatus.QUIT,
        reason: ChatroomSyncReason.LEAVE_ON_MY_OWN,
        time: now,
      },
    });
    this.toUser(userId, sync, socket);
    if (member.sockets.size === 0) this.removeMember(room, userId, 'quit')();
  }

  /**
   * Removes a user (all their devices on this node) from a room. Returns the notices to send; the
   * member's sockets are told to forget the room (`left`). The user's attributes marked
   * auto-delete go once no node holds them any more.
   */
  removeMember(room: Room, userId: string, why: 'quit' | 'otherJoin' | 'kicked' | 'offline'): () => void {
    const member = room.members.get(userId);
    if (!member) return () => {};
    const now = this.clock.now();
    room.members.delete(userId);
    room.offline.delete(userId);
    room.memberInfos.delete(userId);
    if (room.members.size === 0) room.releaseMemory();
    room.lastActive = now;
    this.userRooms.get(userId)?.delete(room.id);
    for (const s of member.sockets) this.socketRooms.get(s)?.delete(room.id);
    let dropped: () => void = () => {};
    if (this.presence) {
      this.presence.touch(room.id, now);
      if (room.members.size === 0) this.unwatch(room.id);
      this.presence.leave(room.id, userId).then(
        ({ gone, count }) => {
          room.clusterCount = count;
          if (gone) this.memberGone(room, userId);
        },
        (error: Error) => this.deps.log?.(`chatroom: leaving ${room.id} in Redis failed: ${error.message}`),
      );
    } else {
      dropped = this.memberGone(room, userId, true);
    }
    return () => {
      dropped();
      if (why === 'otherJoin') {
        const sync = eventFrame(
          {
            chatroomNotifyMultiLoginSync: {
              chatroomId: room.id,
              status: ChatroomSyncStatus.QUIT,
              reason: ChatroomSyncReason.OTHER_JOIN_NEW_CHATROOM,
              time: now,
            },
          },
          room.id,
        );
        for (const s of this.deps.userSockets(userId)) s.pushText(sync);
        // The seeds tell the room this user was moved out.
        this.toRoom(room, this.userChange(room, userId, ChatroomUserChangeType.KICKED, now));
        return;
      }
      const status = why === 'quit' ? ChatroomUserChangeType.QUIT : ChatroomUserChangeType.KICKED;
      const change = this.userChange(room, userId, status, now, room.id);
      for (const s of member.sockets) s.pushText(change);
      if (this.config.userChangeNotify === 'all') this.toRoom(room, this.userChange(room, userId, status, now));
    };
  }

  /**
   * The user left the room for good (no node holds them): their auto-delete attributes and
   * transient queue entries go and the status sync hears it. Returns the attribute notice; sends it now unless `deferred`.
   */
  memberGone(room: Room, userId: string, deferred = false): () => void {
    const attributes = this.kv.autoDelete(room, userId);
    const queued = this.queue.ownerLeft(room, userId);
    this.profiles.memberGone(room, userId);
    const dropped = () => {
      attributes();
      queued();
    };
    this.deps.status?.({ type: 'quit', chatroomId: room.id, userIds: [userId], time: this.clock.now() });
    if (deferred) return dropped;
    dropped();
    return () => {};
  }

  /** Removes a user from the room on every node (kick, block, joining another room). */
  removeEverywhere(roomId: string, userId: string, why: 'kicked' | 'otherJoin'): void {
    if (this.rooms.has(roomId)) this.deps.bus.publishRoom({ kind: 'remove', roomId, userId, why });
  }

  /** A socket went away: its user turns offline in rooms where no other device of theirs is. */
  socketClosed(socket: ChatroomSocket): void {
    this.sockets.forget(socket);
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

  /**
   * Destroys a room on every node: members are told (`chatroomDestroyed`) and removed; the room,
   * its attributes, roles, queue and its own moderation lists are deleted.
   */
  destroy(roomId: string): boolean {
    const room = this.rooms.get(roomId);
    if (!room) return false;
    this.dropLocal(room);
    // Members on other nodes hear it through the room; nodes without members reload and drop it.
    this.deps.bus.publishRoom({ kind: 'destroy', roomId });
    this.moderation.clearRoom(roomId);
    this.persist(roomId, async (state) => {
      await state.deleteRoom(roomId);
      await this.presence?.clear(roomId);
    });
    this.counters.roomsDestroyed++;
    this.deps.status?.({ type: 'destroy', chatroomId: roomId, userIds: [], time: this.clock.now() });
    return true;
  }

  /** This node holds no member of the room any more: stop hearing it. */
  private unwatch(roomId: string): void {
    this.cluster.forget(roomId);
    void this.deps.bus.watchRoom(roomId, false);
  }

  /** Tells this node's members the room is gone and forgets it here. */
  dropLocal(room: Room): void {
    if (this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    room.broadcast(eventFrame({ chatroomDestroyed: room.id }, room.id));
    for (const member of room.members.values()) {
      this.userRooms.get(member.userId)?.delete(room.id);
      for (const s of member.sockets) this.socketRooms.get(s)?.delete(room.id);
    }
    if (room.members.size > 0 && this.presence) this.unwatch(room.id);
    room.members.clear();
    room.offline.clear();
    room.entries.clear();
    room.queue.clear();
  }

  /** The sweep: auto-destroy, list expiry, history retention. Tests call it after moving the clock. */
  tick(): void {
    const now = this.clock.now();
    if (this.presence) void this.cluster.sweep(now);
    else {
      for (const room of [...this.rooms.values()]) {
        if (this.moderation.has('keepalive', '', room.id)) continue;
        const due = room.destroyAt > 0 ? now >= room.destroyAt : now - room.lastActive >= this.config.destroyWaitMs;
        if (due) this.destroy(room.id);
      }
    }
    this.moderation.expire();
    this.messaging.prune(now);
    releaseIdleRooms(this.rooms.values(), now, this.config.offlineKickMs);
  }

  /** Counters and sizes (members on this node). */
  metrics(): ChatroomMetrics {
    let members = 0;
    for (const room of this.rooms.values()) members += room.members.size;
    return {
      rooms: this.rooms.size,
      members,
      ...this.counters,
      droppedByRoom: this.messaging.shedder.dropsByRoom(this.rooms.values()),
    };
  }

  /** Sends a serialized frame to every online socket of a user, on every node (except `skip`). */
  toUser(userId: string, text: string, skip?: ChatroomSocket): void {
    for (const s of this.deps.userSockets(userId)) if (s !== skip) s.pushText(text);
    this.deps.bus.publishUserFrame(userId, text);
  }

  close(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.cluster.close();
  }

  userChange(room: Room, userId: string, status: number, timestamp: number, left?: string): string {
    return eventFrame(
      { userChange: { chatroomId: room.id, memberCount: room.memberCount, ups: [{ userId, status, timestamp }] } },
      left,
    );
  }
}
