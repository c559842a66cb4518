/**
 * How a node's chatrooms follow the cluster: room events from the bus reach the local member
 * sockets, state changes of other nodes are reloaded from the database, a bus outage reloads
 * everything, and one node (the leader) runs the sweep that removes members of dead nodes and
 * destroys rooms, so each destroy happens once and its notice reaches members on every node.
 */
import type { SequencedRoomEvent } from '../bus/bus.js';
import { ChatroomUserChangeType } from '../../src/protocol/chatroom.js';
import type { ChatroomService } from './service.js';

export class ClusterSync {
  private readonly off: Array<() => void>;
  private sweeping = false;

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
        }
        const sent = room.broadcast(event.text, event.skip ? svc.socketsByKey.get(event.skip) : undefined);
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

  /** Another node changed a room ('' = the moderation lists): read it again. */
  async reload(roomId: string): Promise<void> {
    const svc = this.svc;
    try {
      if (roomId === '') return svc.moderation.reload();
      const stored = await svc.deps.state.room(roomId);
      if (stored) svc.adopt(stored);
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
      svc.moderation.reload();
      const stored = await svc.deps.state.allRooms();
      const ids = new Set(stored.map((r) => r.id));
      for (const room of stored) svc.adopt(room);
      for (const room of [...svc.rooms.values()]) if (!ids.has(room.id)) svc.dropLocal(room);
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
      for (const { roomId, userId } of await presence.reap()) {
        const room = svc.rooms.get(roomId);
        if (!room) continue;
        svc.counters.offlineRemovals++;
        svc.memberGone(room, userId);
        room.clusterCount = await presence.count(roomId);
        if (svc.config.userChangeNotify === 'all') svc.toRoom(room, svc.userChange(room, userId, ChatroomUserChangeType.KICKED, now));
      }
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

  close(): void {
    for (const off of this.off) off();
  }
}
