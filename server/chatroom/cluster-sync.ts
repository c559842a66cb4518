/**
 * How a node's chatrooms follow the cluster: room events from the bus reach the local member
 * sockets, state changes of other nodes are reloaded from the database, a bus outage reloads
 * everything, and one node (the leader) runs the sweep that removes members of dead nodes and
 * destroys rooms, so each destroy happens once and its notice reaches members on every node.
 */
import type { SequencedRoomEvent } from '../bus/bus.js';
import { ChatroomUserChangeType } from '../../src/protocol/chatroom.js';
import type { StoredRoom } from '../storage/chatroom-state.js';
import { Room } from './room.js';
import type { ChatroomService } from './service.js';

export class ClusterSync {
  private readonly off: Array<() => void>;
  private sweeping = false;
  /** The last room event sequence seen per room, to count what the bus lost. */
  private readonly lastSeq = new Map<string, number>();

  constructor(private readonly svc: ChatroomService) {
    const bus = svc.deps.bus;
    this.off = [
      bus.onRoom((event) => this.onRoomEvent(event)),
      bus.onState((event) => void this.reload(event.roomId)),
      bus.onResync(() => void this.reloadAll()),
    ];
  }

  /** Applies a room event to this node's sockets. */
  onRoomEvent(event: SequencedRoomEvent): void {
    const svc = this.svc;
    const room = svc.rooms.get(event.roomId);
    if (!room) return;
    if (room.members.size > 0) {
      const last = this.lastSeq.get(event.roomId);
      // A node starts hearing a room mid-stream, and the counter restarts with Redis: count only forward gaps.
      if (last !== undefined && event.seq > last + 1) svc.counters.busGaps += event.seq - last - 1;
      this.lastSeq.set(event.roomId, event.seq);
    }
    switch (event.kind) {
      case 'frame': {
        if (event.toUser !== undefined) {
          for (const socket of room.members.get(event.toUser)?.sockets ?? []) socket.pushText(event.text);
          return;
        }
        if (event.delivery && event.origin !== svc.deps.bus.nodeId) {
          // The sending node ran these for its own members already.
          room.lastActive = svc.clock.now();
          svc.messaging.offlineRule(room);
          svc.messaging.countRemoteDelivery(room);
        }
        const sent = room.broadcast(event.text, event.skip ? svc.sockets.socketOf(event.skip) : undefined);
        if (event.delivery) svc.counters.deliveries += sent;
        return;
      }
      case 'remove':
        svc.removeMember(room, event.userId, event.why)();
        return;
      case 'destroy':
        if (event.origin !== svc.deps.bus.nodeId) svc.dropLocal(room);
        return;
    }
  }

  /** Caches a stored room (at start, or when another node changed it). */
  adopt(stored: StoredRoom): Room {
    const svc = this.svc;
    let room = svc.rooms.get(stored.id);
    if (!room) {
      room = new Room(stored.id, stored.name, stored.sessionId, stored.createdTime, svc.clock.now(), stored.destroyAt);
      svc.rooms.set(stored.id, room);
    }
    room.name = stored.name;
    room.sessionId = stored.sessionId;
    room.destroyAt = stored.destroyAt;
    room.creatorId = stored.creatorId;
    replace(room.admins, stored.admins);
    replace(room.permanent, stored.permanent);
    room.entries.clear();
    for (const entry of stored.entries) room.entries.set(entry.key, entry);
    room.queue.clear();
    for (const { key, value } of stored.queue) room.queue.set(key, value);
    return room;
  }

  /** The node stops hearing the room: the next event it hears there is no gap. */
  forget(roomId: string): void {
    this.lastSeq.delete(roomId);
  }

  /** Another node changed a room ('' = the moderation lists): read it again. */
  async reload(roomId: string): Promise<void> {
    const svc = this.svc;
    try {
      if (roomId === '') return svc.moderation.load(await svc.deps.state.allLists());
      const stored = await svc.deps.state.room(roomId);
      if (stored) this.adopt(stored);
      else {
        const room = svc.rooms.get(roomId);
        if (room) svc.dropLocal(room);
      }
    } catch (error) {
      svc.deps.log?.(`chatroom: reloading ${roomId || 'moderation'} failed: ${(error as Error).message}`);
    }
  }

  /** After a bus outage: state events may be lost, so everything is read again. */
  async reloadAll(): Promise<void> {
    const svc = this.svc;
    try {
      await svc.flushed();
      svc.moderation.load(await svc.deps.state.allLists());
      const stored = await svc.deps.state.allRooms();
      const ids = new Set(stored.map((r) => r.id));
      for (const room of stored) this.adopt(room);
      for (const room of [...svc.rooms.values()]) if (!ids.has(room.id)) svc.dropLocal(room);
      // Redis may have come back empty (restarted without persistence): count our members in again.
      const presence = svc.presence;
      if (presence) {
        for (const room of svc.rooms.values()) {
          for (const member of room.members.values()) await presence.join(room.id, member.userId, member.joinTime);
        }
      }
    } catch (error) {
      svc.deps.log?.(`chatroom: reload after bus outage failed: ${(error as Error).message}`);
    }
  }

  /** The cluster sweep; only the node holding the leader lease acts. */
  async sweep(now: number): Promise<void> {
    const svc = this.svc;
    const presence = svc.presence;
    if (!presence || this.sweeping) return;
    this.sweeping = true;
    try {
      if (!(await presence.lead())) return;
      await this.removeGone(await presence.reap(), now);
      const rooms = [...svc.rooms.values()];
      const active = await presence.lastActive(rooms.map((r) => r.id));
      for (const room of rooms) {
        if (svc.moderation.has('keepalive', '', room.id)) continue;
        const last = Math.max(room.lastActive, active.get(room.id) ?? 0);
        const due = room.destroyAt > 0 ? now >= room.destroyAt : now - last >= svc.config.destroyWaitMs;
        if (due) svc.destroy(room.id);
      }
    } catch (error) {
      svc.deps.log?.(`chatroom: cluster sweep failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  /** At start: members an earlier process of this node held leave (their sockets died with it). */
  async start(): Promise<void> {
    if (this.svc.presence) await this.removeGone(await this.svc.presence.reapOwn(), this.svc.clock.now());
  }

  /** Members no node holds any more: their auto-delete attributes go and the room hears it. */
  private async removeGone(gone: Array<{ roomId: string; userId: string }>, now: number): Promise<void> {
    const svc = this.svc;
    for (const { roomId, userId } of gone) {
      const room = svc.rooms.get(roomId);
      if (!room) continue;
      svc.counters.offlineRemovals++;
      svc.memberGone(room, userId);
      room.clusterCount = await svc.presence!.count(roomId);
      if (svc.config.userChangeNotify === 'all') svc.toRoom(room, svc.userChange(room, userId, ChatroomUserChangeType.KICKED, now));
    }
  }

  close(): void {
    for (const off of this.off) off();
  }
}

function replace(set: Set<string>, values: string[]): void {
  set.clear();
  for (const v of values) set.add(v);
}
