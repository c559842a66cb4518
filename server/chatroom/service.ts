/**
 * All chatrooms, as this node serves them: the one object the gateway, the Server API and the
 * server hold. It keeps the rooms and membership indexes and delegates the work: the sub-services
 * are composed in `wiring.ts`, a room's life is in `lifecycle.ts`, joining in `join.ts`, leaving in
 * `leave.ts`, messages in `messaging.ts`, attributes in `kv.ts`, cluster wiring in `cluster-sync.ts`.
 * Everything a room's members see goes through the bus (`toRoom`), so members on every node get
 * it in the room's one order; durable state is written to `ChatroomState` and cached here.
 */
import { type ChatroomHistoryReply, type JoinChatRoomReply } from '../../src/protocol/chatroom.js';
import type { ChatroomMemberInfoPatch } from '../../src/protocol/chatroom-profile.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import type { ChatroomState } from '../storage/chatroom-state.js';
import { StateWrites } from './state-writes.js';
import type { ClusterSync } from './cluster-sync.js';
import { chatroomConfig, type ChatroomConfig, type ChatroomOptions } from './config.js';
import type { ChatroomGuests } from './guests.js';
import type { ChatroomMessaging } from './messaging.js';
import type { Moderation } from './moderation.js';
import type { ChatroomKv } from './kv.js';
import { joinRoom, type ChatroomJoinPort } from './join.js';
import {
  memberGone,
  quitRoom,
  removeMember,
  socketClosed,
  type ChatroomLeavePort,
  type RemovalReason,
} from './leave.js';
import {
  createRoom,
  defineRoom,
  destroyDueRooms,
  destroyRoom,
  dropLocal,
  type ChatroomLifecyclePort,
} from './lifecycle.js';
import { SocketKeys } from './socket-keys.js';
import type { ChatroomMembers } from './members.js';
import type { Presence } from './presence.js';
import type { ChatroomDeps, ToRoom } from './ports.js';
import type { ChatroomProfiles } from './profile.js';
import type { ChatroomQueue } from './queue.js';
import type { ChatroomRoles } from './roles.js';
import { eventFrame, type ChatroomSocket, type Member, type Room } from './room.js';
import { releaseIdleRooms } from './room-memory.js';
import type { RoomDrops } from './shedding.js';
import { wireChatroom } from './wiring.js';

export type { ChatroomDeps } from './ports.js';

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
  private readonly leavePort: ChatroomLeavePort;
  private readonly lifecyclePort: ChatroomLifecyclePort;
  private readonly observers: Array<(room: Room, message: WireMessage) => void> = [];

  constructor(
    readonly deps: ChatroomDeps,
    options: ChatroomOptions = {},
  ) {
    this.config = chatroomConfig(options);
    this.stateWrites = new StateWrites(deps.state, (roomId) => deps.bus.publishState(roomId), deps.log);
    this.sockets = new SocketKeys(deps.bus.nodeId);
    const parts = wireChatroom(this, deps, (room, message) => this.notifyObservers(room, message));
    this.moderation = parts.moderation;
    this.guests = parts.guests;
    this.messaging = parts.messaging;
    this.kv = parts.kv;
    this.roles = parts.roles;
    this.queue = parts.queue;
    this.profiles = parts.profiles;
    this.members = parts.members;
    this.cluster = parts.cluster;
    this.joinPort = parts.joinPort;
    this.leavePort = parts.leavePort;
    this.lifecyclePort = parts.lifecyclePort;
    if (this.config.sweepMs > 0) {
      this.sweep = setInterval(() => this.tick(), this.config.sweepMs);
      this.sweep.unref();
    }
  }

  /** Calls `observer` with every message a room accepted and delivered through this node (activity figures, bots). */
  observe(observer: (room: Room, message: WireMessage) => void): void {
    this.observers.push(observer);
  }

  private notifyObservers(room: Room, message: WireMessage): void {
    // The message is delivered: an observer's failure is logged, never the sender's error.
    for (const observer of this.observers) {
      try {
        observer(room, message);
      } catch (error) {
        this.deps.log?.(`chatroom: message observer failed: ${(error as Error).message}`);
      }
    }
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
    return createRoom(this.lifecyclePort, roomId, name, options);
  }

  /**
   * The app's `create_new`: creates the room, or gives the existing one (say, created by a join)
   * the app's fixed end and, when named, its creator. The session, members and attributes stay.
   */
  define(roomId: string, options: { destroyAt: number; creatorId?: string }): Room {
    return defineRoom(this.lifecyclePort, roomId, options);
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
    quitRoom(this.leavePort, socket, roomId);
  }

  /**
   * Removes a user (all their devices on this node) from a room. Returns the notices to send; the
   * member's sockets are told to forget the room (`left`). The user's attributes marked
   * auto-delete go once no node holds them any more.
   */
  removeMember(room: Room, userId: string, why: RemovalReason): () => void {
    return removeMember(this.leavePort, room, userId, why);
  }

  /**
   * The user left the room for good (no node holds them): their auto-delete attributes and
   * transient queue entries go and the status sync hears it. Returns the attribute notice; sends it now unless `deferred`.
   */
  memberGone(room: Room, userId: string, deferred = false): () => void {
    return memberGone(this.leavePort, room, userId, deferred);
  }

  /** Removes a user from the room on every node (kick, block, joining another room). */
  removeEverywhere(roomId: string, userId: string, why: 'kicked' | 'otherJoin'): void {
    if (this.rooms.has(roomId)) this.deps.bus.publishRoom({ kind: 'remove', roomId, userId, why });
  }

  /** A socket went away: its user turns offline in rooms where no other device of theirs is. */
  socketClosed(socket: ChatroomSocket): void {
    socketClosed(this.leavePort, socket);
  }

  /**
   * Destroys a room on every node: members are told (`chatroomDestroyed`) and removed; the room,
   * its attributes, roles, queue and its own moderation lists are deleted.
   */
  destroy(roomId: string): boolean {
    return destroyRoom(this.lifecyclePort, roomId);
  }

  /** Tells this node's members the room is gone and forgets it here. */
  dropLocal(room: Room): void {
    dropLocal(this.lifecyclePort, room);
  }

  /** The sweep: auto-destroy, list expiry, history retention. Tests call it after moving the clock. */
  tick(): void {
    const now = this.clock.now();
    if (this.presence) void this.cluster.sweep(now);
    else destroyDueRooms(this.lifecyclePort, now);
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
