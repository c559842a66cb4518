/**
 * Durable chatroom state: what a room is (id, name, session, creator, fixed end), its attributes
 * (KV), roles and mic queue, the moderation and keep-alive lists, and message history. Every node
 * of a cluster reads and writes the same database, so rooms outlive restarts and a rejoin finds the
 * room that exists instead of creating it again. Members and who is online are not here (they live
 * with the bus: Redis in a cluster). Writes are whole small facts, so a node can reload a room (or
 * the lists) at any time.
 */
import type { ChatroomHistoryReply, WireChatroomEntry } from '../../src/protocol/chatroom.js';
import type { ChatroomMemberInfo } from '../../src/protocol/chatroom-profile.js';
import type { WireMessage } from '../../src/protocol/frames.js';

/** One row of a moderation list; `roomId` is '' for app-wide lists, `expiresAt` 0 for "never". */
export interface ListRow {
  kind: string;
  roomId: string;
  subject: string;
  expiresAt: number;
  createdAt: number;
}

/** What defines a room; fixed at creation. */
export interface RoomDefinition {
  id: string;
  name: string;
  /** One lifetime of the id (a destroyed and re-created room gets a new one). */
  sessionId: string;
  createdTime: number;
  /** Fixed destroy time (ms), 0 = when inactive. */
  destroyAt: number;
  creatorId: string;
}

/** What the creator, admins and the app change of a room (seeds 003); its name is in the definition. */
export interface RoomProfile {
  name: string;
  announcement: string;
  broadcastUrl: string;
  /** JSON text, '' when none. */
  ext: string;
  /** Closed: nobody new joins. */
  closed: boolean;
}

/** A room with everything durable about it. */
export interface StoredRoom extends RoomDefinition {
  /** The profile besides the name (rooms stored before profiles existed read as empty and open). */
  announcement: string;
  broadcastUrl: string;
  ext: string;
  closed: boolean;
  admins: string[];
  permanent: string[];
  entries: WireChatroomEntry[];
  /** The mic queue, first in line first. */
  queue: StoredQueueEntry[];
}

/** One mic-queue entry: its owner ('' = the app) and whether it leaves with the owner. */
export interface StoredQueueEntry {
  key: string;
  value: string;
  userId: string;
  transient: boolean;
}

export interface ChatroomState {
  /** Every room (a node loads them at start). */
  allRooms(): Promise<StoredRoom[]>;
  room(roomId: string): Promise<StoredRoom | null>;
  /** Creates the room unless it exists; resolves with the stored definition (the first creator wins). */
  createRoom(definition: RoomDefinition): Promise<RoomDefinition>;
  /** Changes what the app may change of a room's definition (its creator and fixed end). */
  updateRoom(roomId: string, change: Pick<RoomDefinition, 'creatorId' | 'destroyAt'>): Promise<void>;
  /** Deletes the room with its attributes, roles, queue and member profiles. */
  deleteRoom(roomId: string): Promise<void>;
  /** Inserts or replaces attributes. */
  putEntries(roomId: string, entries: WireChatroomEntry[]): Promise<void>;
  deleteEntries(roomId: string, keys: string[]): Promise<void>;
  /** Replaces the room's administrators and permanent members. */
  setRoles(roomId: string, admins: string[], permanent: string[]): Promise<void>;
  /** Replaces the room's queue (it is short: mic slots). */
  setQueue(roomId: string, queue: StoredQueueEntry[]): Promise<void>;
  /** Replaces the room's profile (name, announcement, stream URL, ext, closed). */
  setRoomProfile(roomId: string, profile: RoomProfile): Promise<void>;
  /** Stores a member's profile in a room; `null` deletes it. */
  putMemberInfo(roomId: string, userId: string, info: ChatroomMemberInfo | null): Promise<void>;
  /** The stored profiles of these members (absent when none). */
  memberInfos(roomId: string, userIds: string[]): Promise<Map<string, ChatroomMemberInfo>>;

  /** Every moderation and keep-alive list row (expired ones too, until `deleteList`). */
  allLists(): Promise<ListRow[]>;
  /** Inserts or replaces one row (same kind, room and subject). */
  putList(row: ListRow): Promise<void>;
  deleteList(kind: string, roomId: string, subject: string): Promise<void>;

  /** History (when the app turned it on): stores a message once per `messageUId`. */
  saveMessage(message: WireMessage): Promise<void>;
  /** Replaces a stored message (recall turns it into an `RC:RcNtf`). */
  replaceMessage(messageUId: string, message: WireMessage): Promise<void>;
  getMessage(messageUId: string): Promise<WireMessage | null>;
  /** order 0: before `timestamp`; 1: after it. Always oldest first. */
  history(roomId: string, timestamp: number, count: number, order: 0 | 1): Promise<ChatroomHistoryReply>;
  /** Drops messages older than `before`; resolves how many. */
  prune(before: number): Promise<number>;

  close(): Promise<void>;
}
