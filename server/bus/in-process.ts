import type {
  Bus,
  BusHealth,
  InboxEvent,
  InboxHandler,
  RoomEvent,
  RoomHandler,
  SequencedRoomEvent,
  StateHandler,
} from './bus.js';
import { HandlerSet } from './handler-set.js';

/**
 * A bus for one server process: `publish` calls the subscribers synchronously, so an item pushed
 * right after a reply reaches the socket after that reply. There are no other nodes: watching a
 * user only records that she is online, and state events have nobody to tell.
 */
export class InProcessBus implements Bus {
  readonly nodeId: string;
  private readonly inbox = new HandlerSet<InboxEvent>();
  private readonly rooms = new HandlerSet<SequencedRoomEvent>();
  private readonly roomSeqs = new Map<string, number>();
  private readonly watchedUsers = new Set<string>();
  private published = 0;

  constructor(nodeId = 'local') {
    this.nodeId = nodeId;
  }

  publish(event: InboxEvent): void {
    this.published++;
    this.inbox.emit(event);
  }

  subscribe(handler: InboxHandler): () => void {
    return this.inbox.add(handler);
  }

  async watchUser(userId: string, on: boolean): Promise<void> {
    if (on) this.watchedUsers.add(userId);
    else this.watchedUsers.delete(userId);
  }

  async usersOnline(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.filter((userId) => this.watchedUsers.has(userId)));
  }

  async watchRoom(roomId: string, on: boolean): Promise<void> {
    if (!on) this.roomSeqs.delete(roomId);
  }

  publishRoom(event: RoomEvent): void {
    this.published++;
    const seq = (this.roomSeqs.get(event.roomId) ?? 0) + 1;
    this.roomSeqs.set(event.roomId, seq);
    this.rooms.emit({ ...event, seq, origin: this.nodeId });
  }

  onRoom(handler: RoomHandler): () => void {
    return this.rooms.add(handler);
  }

  publishUserFrame(): void {}

  onUserFrame(): () => void {
    return () => {};
  }

  publishState(): void {}

  onState(_handler: StateHandler): () => void {
    return () => {};
  }

  onResync(): () => void {
    return () => {};
  }

  health(): BusHealth {
    return { kind: 'in-process', ready: true, published: this.published, received: this.published };
  }

  async close(): Promise<void> {
    this.inbox.clear();
    this.rooms.clear();
  }
}
