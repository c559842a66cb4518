/**
 * The narrow ports the chatroom's sub-services receive from `ChatroomService`, which composes them.
 * A sub-service names exactly what it needs here instead of holding its whole parent, so it can be
 * read (and changed) without the service, and it never imports `service.ts`.
 */
import type { ChatroomState } from '../storage/chatroom-state.js';
import type { ChatroomSocket, Member, Room } from './room.js';

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
