/**
 * Composes the chatroom's sub-services for `ChatroomService`: each gets a narrow port (each names
 * what it uses), never the service itself. `shared` holds what several ports name, and each
 * constructor's port type admits only its own part.
 */
import type { WireMessage } from '../../src/protocol/frames.js';
import { ClusterSync, type ClusterSyncPort } from './cluster-sync.js';
import type { ChatroomConfig } from './config.js';
import { ChatroomGuests } from './guests.js';
import type { ChatroomJoinPort } from './join.js';
import { ChatroomKv } from './kv.js';
import type { ChatroomLeavePort, RemovalReason } from './leave.js';
import type { ChatroomLifecyclePort } from './lifecycle.js';
import { ChatroomMembers, InfoRateLimiter } from './members.js';
import { ChatroomMessaging, type ChatroomMessagingPort } from './messaging.js';
import { Moderation } from './moderation.js';
import type { ChatroomDeps, Persist, PublishToRoom, RoomLookup } from './ports.js';
import { ChatroomProfiles } from './profile.js';
import { ChatroomQueue } from './queue.js';
import { ChatroomRoles } from './roles.js';
import type { ChatroomSocket, Member, Room } from './room.js';
import type { SocketKeys } from './socket-keys.js';
import type { StatusEvent } from './status-sync.js';

/** What the wiring uses of the service: its state, and the operations the sub-services call back. */
export interface ChatroomWiringHost {
  readonly config: ChatroomConfig;
  readonly rooms: Map<string, Room>;
  readonly counters: ChatroomMessagingPort['counters'] &
    ClusterSyncPort['counters'] &
    ChatroomLifecyclePort['counters'];
  readonly userRooms: Map<string, Set<string>>;
  readonly socketRooms: Map<ChatroomSocket, Set<string>>;
  readonly sockets: SocketKeys;
  get(roomId: string): Room;
  member(room: Room, userId: string): Member;
  persist: Persist;
  flushed(): Promise<void>;
  toRoom: PublishToRoom;
  toUser(userId: string, text: string, skip?: ChatroomSocket): void;
  userChange(room: Room, userId: string, status: number, timestamp: number, left?: string): string;
  create(roomId: string, name?: string, options?: { destroyAt?: number; creatorId?: string }): Room;
  destroy(roomId: string): boolean;
  removeMember(room: Room, userId: string, why: RemovalReason): () => void;
  memberGone(room: Room, userId: string, deferred?: boolean): () => void;
  removeEverywhere(roomId: string, userId: string, why: 'kicked' | 'otherJoin'): void;
  dropLocal(room: Room): void;
}

/** The composed sub-services, and the ports of the operations the service runs itself. */
export interface ChatroomParts {
  moderation: Moderation;
  guests: ChatroomGuests;
  messaging: ChatroomMessaging;
  kv: ChatroomKv;
  roles: ChatroomRoles;
  queue: ChatroomQueue;
  profiles: ChatroomProfiles;
  members: ChatroomMembers;
  cluster: ClusterSync;
  joinPort: ChatroomJoinPort;
  leavePort: ChatroomLeavePort;
  lifecyclePort: ChatroomLifecyclePort;
}

/**
 * Builds the sub-services around `host`. `accepted` hears every message a room accepted and
 * delivered through this node.
 */
export function wireChatroom(
  host: ChatroomWiringHost,
  deps: ChatroomDeps,
  accepted: (room: Room, message: WireMessage) => void,
): ChatroomParts {
  const { config } = host;
  const log = (line: string) => deps.log?.(line);
  const moderation = new Moderation((write) => host.persist('', write), deps.clock);
  const guests = new ChatroomGuests(moderation, config.guests);
  const lookup: RoomLookup = {
    room: (roomId) => host.get(roomId),
    member: (room, userId) => host.member(room, userId),
    isMember: async (room, userId) =>
      room.members.has(userId) || ((await deps.presence?.isMember(room.id, userId)) ?? false),
  };
  const shared = {
    ...lookup,
    clock: deps.clock,
    config,
    moderation,
    presence: deps.presence,
    persist: host.persist.bind(host),
    flushed: () => host.flushed(),
    toRoom: host.toRoom.bind(host),
    findRoom: (roomId: string) => host.rooms.get(roomId),
    status: (event: StatusEvent | Promise<StatusEvent | null>) => deps.status?.(event),
    muteOf: (room: Room, userId: string) => messaging.muteOf(room, userId),
    userChange: (room: Room, userId: string, status: number, timestamp: number, left?: string) =>
      host.userChange(room, userId, status, timestamp, left),
  };
  const messaging = new ChatroomMessaging({
    ...shared,
    busReady: () => deps.bus.health().ready,
    counters: host.counters,
    history: deps.state,
    removeOffline: (room, userId) => host.removeMember(room, userId, 'offline')(),
    accepted,
  });
  const kv = new ChatroomKv({
    ...shared,
    notify: (roomId, input) => void messaging.send(null, roomId, input, true),
  });
  const roles = new ChatroomRoles({
    ...shared,
    kick: (roomId, userId) => host.removeEverywhere(roomId, userId, 'kicked'),
  });
  const queue = new ChatroomQueue(shared);
  const infoLimiter = new InfoRateLimiter(deps.clock, config.infoPerSecond, config.infoPerMinute);
  const profiles = new ChatroomProfiles({
    ...shared,
    isModerator: (room, userId) => roles.isModerator(room, userId),
    stored: deps.state,
  });
  const members = new ChatroomMembers({
    ...shared,
    infoLimiter,
    withProfiles: (room, list) => profiles.withProfiles(room, list),
    guestsIn: (room) => guests.guestsIn(room),
  });
  const roomIndex = { userRooms: host.userRooms, socketRooms: host.socketRooms };
  const joinPort: ChatroomJoinPort = {
    ...shared,
    ...roomIndex,
    create: (roomId, name, options) => host.create(roomId, name, options),
    rememberSocket: (socket) => void host.sockets.keyOf(socket),
    watchRoom: (roomId) => deps.bus.watchRoom(roomId, true),
    moveOut: (room, userId) => host.removeMember(room, userId, 'otherJoin'),
    moveOutEverywhere: (roomId, userId) => host.removeEverywhere(roomId, userId, 'otherJoin'),
    history: deps.state,
    profiles,
    toUser: (userId, text, skip) => host.toUser(userId, text, skip),
  };
  const cluster = new ClusterSync({
    ...shared,
    bus: deps.bus,
    rooms: host.rooms,
    counters: host.counters,
    state: deps.state,
    messaging,
    socketOf: (key) => host.sockets.socketOf(key),
    removeMember: (room, userId, why) => host.removeMember(room, userId, why),
    memberGone: (room, userId) => void host.memberGone(room, userId),
    dropLocal: (room) => host.dropLocal(room),
    destroy: (roomId) => void host.destroy(roomId),
    log,
  });
  // This node holds no member of the room any more: stop hearing it.
  const unwatch = (roomId: string) => {
    cluster.forget(roomId);
    void deps.bus.watchRoom(roomId, false);
  };
  const leavePort: ChatroomLeavePort = {
    ...shared,
    ...roomIndex,
    kv,
    queue,
    profiles,
    forgetSocket: (socket) => host.sockets.forget(socket),
    unwatch,
    userSockets: (userId) => deps.userSockets(userId),
    log,
    toUser: (userId, text, skip) => host.toUser(userId, text, skip),
  };
  const lifecyclePort: ChatroomLifecyclePort = {
    ...shared,
    ...roomIndex,
    rooms: host.rooms,
    counters: host.counters,
    bus: deps.bus,
    unwatch,
  };
  return {
    moderation,
    guests,
    messaging,
    kv,
    roles,
    queue,
    profiles,
    members,
    cluster,
    joinPort,
    leavePort,
    lifecyclePort,
  };
}
