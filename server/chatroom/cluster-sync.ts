/**
 * How a node's chatrooms follow the cluster: room events from the bus reach the local member
 * sockets, state changes of other nodes are reloaded from the database, a bus outage reloads
 * everything, and one node (the leader) runs the sweep that removes members of dead nodes and
 * destroys rooms, so each destroy happens once and its notice reaches members on every node.
 */
import { FailureLog } from '../failure-log.js';
import type { Bus, SequencedRoomEvent } from '../bus/bus.js';
import { ChatroomUserChangeType } from '../../src/protocol/chatroom.js';
import type { Clock } from '../clock.js';
import type { ChatroomState, StoredRoom } from '../storage/chatroom-state.js';
import type { ChatroomConfig } from './config.js';
import type { ChatroomMessaging } from './messaging.js';
import type { Moderation } from './moderation.js';
import type { RemovalReason } from './leave.js';
import type { PublishToRoom } from './ports.js';
import type { Presence } from './presence.js';
import { ReloadQueue } from './reload-queue.js';
import { Room, type ChatroomSocket } from './room.js';

/** What following the cluster needs from the chatroom service. */
export interface ClusterSyncPort {
  readonly bus: Pick<Bus, 'nodeId' | 'onRoom' | 'onState' | 'onResync'>;
  /** Rooms this node holds (adopting a stored room adds it). */
  readonly rooms: Map<string, Room>;
  readonly clock: Clock;
  readonly config: Pick<ChatroomConfig, 'destroyWaitMs' | 'userChangeNotify'>;
  readonly counters: { busGaps: number; deliveries: number; offlineRemovals: number };
  /** Members across nodes (a cluster); absent on a single node. */
  readonly presence: Presence | undefined;
  /** Reloads and keepalive checks of the moderation lists. */
  readonly moderation: Pick<Moderation, 'load' | 'has' | 'current'>;
  /** Rooms and lists as stored (what other nodes changed). */
  readonly state: Pick<ChatroomState, 'room' | 'allRooms' | 'allLists'>;
  /** The offline rule and delivery budget for messages sent on other nodes. */
  readonly messaging: Pick<ChatroomMessaging, 'offlineRule' | 'countRemoteDelivery'>;
  /** The socket a cluster-wide socket key names (on this node). */
  socketOf(key: string): ChatroomSocket | undefined;
  /** Resolves when every queued write is committed. */
  flushed(): Promise<void>;
  /** Removes a user from a room on this node; returns the notices to send. */
  removeMember(room: Room, userId: string, why: RemovalReason): () => void;
  /** The user left the room for good (no node holds them). */
  memberGone(room: Room, userId: string): void;
  /** Tells this node's members the room is gone and forgets it here. */
  dropLocal(room: Room): void;
  /** Destroys a room on every node. */
  destroy(roomId: string): void;
  toRoom: PublishToRoom;
  /** The serialized `userChange` frame. */
  userChange(room: Room, userId: string, status: number, timestamp: number): string;
  log(line: string): void;
}

export class ClusterSync {
  private readonly off: Array<() => void>;
  private sweeping = false;
  /** The sweep runs every second or so: while Redis is away, one line when it fails and one when it is back. */
  private readonly sweepFailures: FailureLog;
  /** The last room event sequence seen per room, to count what the bus lost. */
  private readonly lastSeq = new Map<string, number>();
  /** State events arrive faster than reads finish: reloads of one room run one after the other. */
  private readonly reloads = new ReloadQueue();
  /** Reading the lists failed: one line when it starts, one when it works again. */
  private readonly listFailures: FailureLog;
  /** The next try to read the lists after a failed one. */
  private listRetry: NodeJS.Timeout | undefined;

  constructor(private readonly port: ClusterSyncPort) {
    this.sweepFailures = new FailureLog('chatroom: cluster sweep', (line) => port.log(line));
    this.listFailures = new FailureLog('chatroom: reloading moderation', (line) => port.log(line));
    const bus = this.port.bus;
    this.off = [
      bus.onRoom((event) => this.onRoomEvent(event)),
      bus.onState((event) => void this.reload(event.roomId)),
      bus.onResync(() => void this.reloadAll()),
    ];
  }

  /** Applies a room event to this node's sockets. */
  onRoomEvent(event: SequencedRoomEvent): void {
    const room = this.port.rooms.get(event.roomId);
    if (!room) return;
    if (room.members.size > 0) {
      const last = this.lastSeq.get(event.roomId);
      // A node starts hearing a room mid-stream, and the counter restarts with Redis: count only forward gaps.
      if (last !== undefined && event.seq > last + 1) this.port.counters.busGaps += event.seq - last - 1;
      this.lastSeq.set(event.roomId, event.seq);
    }
    switch (event.kind) {
      case 'frame': {
        if (event.toUser !== undefined) {
          for (const socket of room.members.get(event.toUser)?.sockets ?? []) socket.pushText(event.text);
          return;
        }
        if (event.delivery && event.origin !== this.port.bus.nodeId) {
          // The sending node ran these for its own members already.
          room.lastActive = this.port.clock.now();
          this.port.messaging.offlineRule(room);
          this.port.messaging.countRemoteDelivery(room);
        }
        const sent = room.broadcast(event.text, event.skip ? this.port.socketOf(event.skip) : undefined);
        if (event.delivery) this.port.counters.deliveries += sent;
        return;
      }
      case 'remove':
        this.port.removeMember(room, event.userId, event.why)();
        return;
      case 'destroy':
        if (event.origin !== this.port.bus.nodeId) this.port.dropLocal(room);
        return;
    }
  }

  /** Caches a stored room (at start, or when another node changed it). */
  adopt(stored: StoredRoom): Room {
    let room = this.port.rooms.get(stored.id);
    if (!room) {
      room = new Room(
        stored.id,
        stored.name,
        stored.sessionId,
        stored.createdTime,
        this.port.clock.now(),
        stored.destroyAt,
      );
      this.port.rooms.set(stored.id, room);
    }
    room.name = stored.name;
    room.sessionId = stored.sessionId;
    room.destroyAt = stored.destroyAt;
    room.creatorId = stored.creatorId;
    Object.assign(room, {
      announcement: stored.announcement,
      broadcastUrl: stored.broadcastUrl,
      ext: stored.ext,
      closed: stored.closed,
    });
    replace(room.admins, stored.admins);
    replace(room.permanent, stored.permanent);
    room.entries.clear();
    for (const entry of stored.entries) room.entries.set(entry.key, entry);
    room.queue.clear();
    for (const { key, ...item } of stored.queue) room.queue.set(key, item);
    return room;
  }

  /** The node stops hearing the room: the next event it hears there is no gap. */
  forget(roomId: string): void {
    this.lastSeq.delete(roomId);
  }

  /**
   * Another node changed a room ('' = the moderation lists): read it again, after any read of it
   * still in flight, so the last announced change is what the cache ends up with.
   */
  reload(roomId: string): Promise<void> {
    return this.reloads.run(roomId, () => this.readAgain(roomId));
  }

  /** After a bus outage: state events may be lost, so everything is read again. */
  async reloadAll(): Promise<void> {
    try {
      await this.port.flushed();
      await this.reload('');
      const before = this.reloads.snapshot();
      const stored = await this.port.state.allRooms();
      // A room whose own reload ran or is running meanwhile may be newer than this bulk read: read it again in turn.
      const overtaken = (id: string) => this.reloads.busy(id) || this.reloads.count(id) !== (before.get(id) ?? 0);
      const again: Array<Promise<void>> = [];
      const ids = new Set(stored.map((r) => r.id));
      for (const room of stored) {
        if (overtaken(room.id)) again.push(this.reload(room.id));
        else this.adopt(room);
      }
      for (const room of [...this.port.rooms.values()]) {
        if (ids.has(room.id)) continue;
        if (overtaken(room.id)) again.push(this.reload(room.id));
        else this.port.dropLocal(room);
      }
      await Promise.all(again);
      // Redis may have come back empty (restarted without persistence): count our members in again.
      const presence = this.port.presence;
      if (presence) {
        for (const room of this.port.rooms.values()) {
          for (const member of room.members.values()) await presence.join(room.id, member.userId, member.joinTime);
        }
      }
    } catch (error) {
      this.port.log(`chatroom: reload after bus outage failed: ${(error as Error).message}`);
    }
  }

  /** One read of a room (or the lists) into the cache; only `reload` calls it, one at a time per room. */
  private async readAgain(roomId: string): Promise<void> {
    if (roomId === '') return this.readLists();
    try {
      const stored = await this.port.state.room(roomId);
      if (stored) this.adopt(stored);
      else {
        const room = this.port.rooms.get(roomId);
        if (room) this.port.dropLocal(room);
      }
    } catch (error) {
      this.port.log(`chatroom: reloading ${roomId || 'moderation'} failed: ${(error as Error).message}`);
    }
  }

  /**
   * Reads the lists again. Until that works (retried every second) the cached lists may miss a gag
   * another node stored, and `current` false makes chatroom sends wait (33002) instead.
   */
  private async readLists(): Promise<void> {
    try {
      this.port.moderation.load(await this.port.state.allLists());
      this.listFailures.succeeded();
    } catch (error) {
      this.port.moderation.current = false;
      this.listFailures.failed(error);
      this.listRetry ??= setTimeout(() => {
        this.listRetry = undefined;
        void this.reload('');
      }, 1000);
      this.listRetry.unref();
    }
  }

  /** The cluster sweep; only the node holding the leader lease acts. */
  async sweep(now: number): Promise<void> {
    const presence = this.port.presence;
    if (!presence || this.sweeping) return;
    this.sweeping = true;
    try {
      if (!(await presence.lead())) return;
      await this.removeGone(await presence.reap(), now);
      const rooms = [...this.port.rooms.values()];
      const active = await presence.lastActive(rooms.map((r) => r.id));
      for (const room of rooms) {
        if (this.port.moderation.has('keepalive', '', room.id)) continue;
        const last = Math.max(room.lastActive, active.get(room.id) ?? 0);
        const due = room.destroyAt > 0 ? now >= room.destroyAt : now - last >= this.port.config.destroyWaitMs;
        if (due) this.port.destroy(room.id);
      }
      this.sweepFailures.succeeded();
    } catch (error) {
      this.sweepFailures.failed(error);
    } finally {
      this.sweeping = false;
    }
  }

  /** At start: members an earlier process of this node held leave (their sockets died with it). */
  async start(): Promise<void> {
    if (this.port.presence) await this.removeGone(await this.port.presence.reapOwn(), this.port.clock.now());
  }

  /** Members no node holds any more: their auto-delete attributes go and the room hears it. */
  private async removeGone(gone: Array<{ roomId: string; userId: string }>, now: number): Promise<void> {
    for (const { roomId, userId } of gone) {
      const room = this.port.rooms.get(roomId);
      if (!room) continue;
      this.port.counters.offlineRemovals++;
      this.port.memberGone(room, userId);
      room.clusterCount = await this.port.presence!.count(roomId);
      if (this.port.config.userChangeNotify === 'all')
        this.port.toRoom(room, this.port.userChange(room, userId, ChatroomUserChangeType.KICKED, now));
    }
  }

  close(): void {
    for (const off of this.off) off();
    clearTimeout(this.listRetry);
  }
}

function replace(set: Set<string>, values: string[]): void {
  set.clear();
  for (const v of values) set.add(v);
}
