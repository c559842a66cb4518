/**
 * A room's life: created (by a join or the app), defined by the app (`create_new`), destroyed on
 * every node (by the API, when inactive, or at its fixed time) and dropped from this node.
 */
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import { newId } from '../domain/ids.js';
import type { ChatroomConfig } from './config.js';
import type { Moderation } from './moderation.js';
import type { Persist } from './ports.js';
import type { Presence } from './presence.js';
import { eventFrame, Room, type ChatroomSocket } from './room.js';
import type { StatusEvent } from './status-sync.js';

/** What a room's life needs from the chatroom service. */
export interface ChatroomLifecyclePort {
  readonly clock: Clock;
  readonly config: Pick<ChatroomConfig, 'destroyWaitMs'>;
  /** The rooms this node holds (created and dropped here). */
  readonly rooms: Map<string, Room>;
  readonly counters: { roomsCreated: number; roomsDestroyed: number };
  /** Rooms per user and per socket on this node (a dropped room leaves both). */
  readonly userRooms: Map<string, Set<string>>;
  readonly socketRooms: Map<ChatroomSocket, Set<string>>;
  /** Keep-alive marks, and the room's own lists (cleared with it). */
  readonly moderation: Pick<Moderation, 'has' | 'clearRoom'>;
  /** Members across nodes (a cluster); absent on a single node. */
  readonly presence: Presence | undefined;
  readonly bus: Pick<Bus, 'publishRoom'>;
  persist: Persist;
  /** Status sync sink; a promise holds its place until known. */
  status(event: StatusEvent | Promise<StatusEvent | null>): void;
  /** This node holds no member of the room any more: stop hearing it. */
  unwatch(roomId: string): void;
}

/** Creates a room (no-op when it exists). `destroyAt` > 0 fixes its end; otherwise it ends when inactive. */
export function createRoom(
  port: ChatroomLifecyclePort,
  roomId: string,
  name = '',
  options: { destroyAt?: number; creatorId?: string } = {},
): Room {
  const existing = port.rooms.get(roomId);
  if (existing) return existing;
  const now = port.clock.now();
  const room = new Room(roomId, name, newId(16), now, now, options.destroyAt ?? 0);
  room.creatorId = options.creatorId ?? '';
  port.rooms.set(roomId, room);
  port.counters.roomsCreated++;
  port.presence?.touch(roomId, now);
  const definition = {
    id: roomId,
    name,
    sessionId: room.sessionId,
    createdTime: now,
    destroyAt: room.destroyAt,
    creatorId: room.creatorId,
  };
  let won = false;
  const inserted = port.persist(roomId, async (state) => {
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
  port.status(
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
export function defineRoom(
  port: ChatroomLifecyclePort,
  roomId: string,
  options: { destroyAt: number; creatorId?: string },
): Room {
  const room = port.rooms.get(roomId);
  if (!room) return createRoom(port, roomId, '', options);
  const change = { creatorId: options.creatorId ?? room.creatorId, destroyAt: options.destroyAt };
  Object.assign(room, change);
  // Applied again once written: a creation still in flight would otherwise put back the stored definition.
  port.persist(roomId, async (state) => {
    await state.updateRoom(roomId, change);
    Object.assign(room, change);
  });
  return room;
}

/**
 * Destroys a room on every node: members are told (`chatroomDestroyed`) and removed; the room,
 * its attributes, roles, queue and its own moderation lists are deleted.
 */
export function destroyRoom(port: ChatroomLifecyclePort, roomId: string): boolean {
  const room = port.rooms.get(roomId);
  if (!room) return false;
  dropLocal(port, room);
  // Members on other nodes hear it through the room; nodes without members reload and drop it.
  port.bus.publishRoom({ kind: 'destroy', roomId });
  port.moderation.clearRoom(roomId);
  port.persist(roomId, async (state) => {
    await state.deleteRoom(roomId);
    await port.presence?.clear(roomId);
  });
  port.counters.roomsDestroyed++;
  port.status({ type: 'destroy', chatroomId: roomId, userIds: [], time: port.clock.now() });
  return true;
}

/** Tells this node's members the room is gone and forgets it here. */
export function dropLocal(port: ChatroomLifecyclePort, room: Room): void {
  if (port.rooms.get(room.id) !== room) return;
  port.rooms.delete(room.id);
  room.broadcast(eventFrame({ chatroomDestroyed: room.id }, room.id));
  for (const member of room.members.values()) {
    port.userRooms.get(member.userId)?.delete(room.id);
    for (const s of member.sockets) port.socketRooms.get(s)?.delete(room.id);
  }
  if (room.members.size > 0 && port.presence) port.unwatch(room.id);
  room.members.clear();
  room.offline.clear();
  room.entries.clear();
  room.queue.clear();
}

/**
 * On a single node: destroys the rooms whose fixed end has come or that were inactive too long,
 * except those kept alive. (In a cluster `ClusterSync.sweep` decides, once for all nodes.)
 */
export function destroyDueRooms(port: ChatroomLifecyclePort, now: number): void {
  for (const room of [...port.rooms.values()]) {
    if (port.moderation.has('keepalive', '', room.id)) continue;
    const due = room.destroyAt > 0 ? now >= room.destroyAt : now - room.lastActive >= port.config.destroyWaitMs;
    if (due) destroyRoom(port, room.id);
  }
}
