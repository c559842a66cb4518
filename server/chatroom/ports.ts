/**
 * The narrow ports the chatroom's sub-services receive from `ChatroomService`, which composes them
 * (`wiring.ts`), and what the service itself needs from the rest of the server (`ChatroomDeps`).
 * A sub-service names exactly what it needs here instead of holding its whole parent, so it can be
 * read (and changed) without the service, and it never imports `service.ts`.
 */
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import type { ChatroomState } from '../storage/chatroom-state.js';
import type { Presence } from './presence.js';
import type { ChatroomSocket, Member, Room } from './room.js';
import type { StatusEvent } from './status-sync.js';

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

/** Options of a frame sent to a room. */
export interface ToRoom {
  /** Spares one socket (the sender's, which has the reply). */
  skip?: ChatroomSocket;
  /** Only this member's sockets. */
  toUser?: string;
  /** Counts as a message delivery (metrics, offline rule on other nodes). */
  delivery?: boolean;
  /** A message the join reply may return (kept by the bus in a cluster). */
  remember?: boolean;
}

/** Rooms and members as this node holds them; both throw the seeds' codes when absent. */
export interface RoomLookup {
  /** The room, or `RC_CHATROOM_NOT_EXIST`. */
  room(roomId: string): Room;
  /** The member (on this node), or `NOT_IN_CHATROOM`. */
  member(room: Room, userId: string): Member;
  /** Whether the user is in the room on any node. */
  isMember(room: Room, userId: string): Promise<boolean>;
}

/** Queues a durable write for a room (`null` = not tied to a room); resolves when committed. */
export type Persist = (roomId: string | null, write: (state: ChatroomState) => Promise<unknown>) => Promise<void>;

/** Sends a serialized frame to the room's members on every node, in the room's order. */
export type PublishToRoom = (room: Room, text: string, options?: ToRoom) => void;
