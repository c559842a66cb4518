/**
 * The mic queue (seeds 003, CommsEase's chatroom queue): an ordered key → value list per room.
 * Each entry has an owner, the member who offered it (or '' when the app made it through the
 * Server API); only its owner or a moderator (creator, admins) changes or removes it, and only
 * moderators take the first in line or clear it. The queue holds at most `queueMaxEntries`; a
 * `transient` entry leaves with its owner. Every change reaches the room as `chatroomQueueChange`.
 * It dies with the room.
 */
import { ChatroomLimits, type ChatroomMuteReason, type ChatroomQueueEntry } from '../../src/protocol/chatroom.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { DomainError } from '../domain/errors.js';
import type { ChatroomConfig } from './config.js';
import type { Persist, PublishToRoom, RoomLookup } from './ports.js';
import { eventFrame, type QueueItem, type Room } from './room.js';

/** The seeds' code for "not allowed in this room" is the closest fit for a missing permission. */
const FORBIDDEN = ErrorCode.FORBIDDEN_IN_CHATROOM;

/** What the queue needs from the chatroom service. */
export interface ChatroomQueuePort extends RoomLookup {
  readonly config: Pick<ChatroomConfig, 'queueMaxEntries'>;
  persist: Persist;
  toRoom: PublishToRoom;
  /** Why the user may not send in the room now (see `ChatroomMessaging.muteOf`). */
  muteOf(room: Room, userId: string): { reason: ChatroomMuteReason; until: number } | undefined;
}

/** Who acts: a member (checked) or the app (`null`, trusted). */
type Actor = string | null;

/** A page of the queue. */
export interface QueuePage {
  entries: ChatroomQueueEntry[];
  total: number;
}

/** Queue operations on the chatrooms. */
export class ChatroomQueue {
  constructor(private readonly port: ChatroomQueuePort) {}

  /**
   * Adds an entry, or changes one (it keeps its place and its owner). A member offers in their
   * own name and must be allowed to speak; the app offers for `owner` ('' = itself).
   */
  offer(
    actor: Actor,
    roomId: string,
    key: string,
    value: string,
    options: { transient?: boolean; owner?: string } = {},
  ): void {
    const room = this.port.room(roomId);
    if (actor !== null) {
      this.port.member(room, actor);
      // Every member sees the entry: a member who may not send may not queue either.
      if (this.port.muteOf(room, actor))
        throw new DomainError(FORBIDDEN, `muted in chatroom ${roomId}: no queue offer`);
    }
    const existing = room.queue.get(key);
    if (existing) this.assertMayChange(room, actor, key, existing);
    else if (room.queue.size >= this.port.config.queueMaxEntries) {
      throw new DomainError(
        ErrorCode.CHATROOM_KV_EXCEED,
        `the queue holds at most ${this.port.config.queueMaxEntries} entries`,
      );
    }
    const owner = existing?.userId ?? actor ?? options.owner ?? '';
    room.queue.set(key, {
      value,
      userId: owner,
      transient: existing?.transient ?? (owner !== '' && (options.transient ?? false)),
    });
    this.save(room);
    this.announce(room, 'offer', key, value, owner);
  }

  /** Takes `key` (its owner or a moderator) or the first entry (moderators); null when there is none. */
  poll(actor: Actor, roomId: string, key?: string): ChatroomQueueEntry | null {
    const room = this.port.room(roomId);
    if (actor !== null) this.port.member(room, actor);
    if (key === undefined) this.assertModerator(room, actor);
    const taken = key ?? room.queue.keys().next().value;
    const item = taken === undefined ? undefined : room.queue.get(taken);
    if (taken === undefined || !item) return null;
    if (key !== undefined) this.assertMayChange(room, actor, key, item);
    room.queue.delete(taken);
    this.save(room);
    this.announce(room, 'poll', taken, item.value, item.userId);
    return entryOf(taken, item);
  }

  /** One page of the queue, in order: members and the app. */
  list(actor: Actor, roomId: string, offset = 0, count: number = ChatroomLimits.QUEUE_PAGE_MAX): QueuePage {
    const room = this.port.room(roomId);
    if (actor !== null) this.port.member(room, actor);
    const entries: ChatroomQueueEntry[] = [];
    let i = 0;
    for (const [key, item] of room.queue) {
      if (i++ < offset) continue;
      if (entries.length >= count) break;
      entries.push(entryOf(key, item));
    }
    return { entries, total: room.queue.size };
  }

  /** Empties the queue: moderators and the app. */
  clear(actor: Actor, roomId: string): void {
    const room = this.port.room(roomId);
    if (actor !== null) this.port.member(room, actor);
    this.assertModerator(room, actor);
    room.queue.clear();
    this.save(room);
    this.announce(room, 'clear', '', '', '');
  }

  /** The user left the room for good: their transient entries go (announced as `remove`). Returns the notice. */
  ownerLeft(room: Room, userId: string): () => void {
    const gone: Array<[string, QueueItem]> = [];
    for (const [key, item] of room.queue) if (item.transient && item.userId === userId) gone.push([key, item]);
    if (gone.length === 0) return () => {};
    for (const [key] of gone) room.queue.delete(key);
    this.save(room);
    return () => {
      for (const [key, item] of gone) this.announce(room, 'remove', key, item.value, item.userId);
    };
  }

  private assertModerator(room: Room, actor: Actor): void {
    if (actor !== null && room.creatorId !== actor && !room.admins.has(actor)) {
      throw new DomainError(FORBIDDEN, 'only the creator and admins may do this');
    }
  }

  /** Someone else's entry: only moderators and the app (the attribute code for "not yours"). */
  private assertMayChange(room: Room, actor: Actor, key: string, item: QueueItem): void {
    if (actor === null || item.userId === actor || room.creatorId === actor || room.admins.has(actor)) return;
    throw new DomainError(ErrorCode.CHATROOM_KV_OVERWRITE_INVALID, `queue entry ${key} belongs to someone else`);
  }

  private save(room: Room): void {
    const queue = [...room.queue].map(([key, item]) => ({ key, ...item }));
    this.port.persist(room.id, (state) => state.setQueue(room.id, queue));
  }

  /** `userId`: the entry's owner, so a list kept from these events can name whose entry it is. */
  private announce(
    room: Room,
    type: 'offer' | 'poll' | 'remove' | 'clear',
    key: string,
    value: string,
    userId: string,
  ): void {
    this.port.toRoom(room, eventFrame({ chatroomQueueChange: { chatroomId: room.id, type, key, value, userId } }));
  }
}

function entryOf(key: string, item: QueueItem): ChatroomQueueEntry {
  return { key, value: item.value, userId: item.userId };
}
