/**
 * Fan-out between the domain and the gateways. The domain publishes "these items reached user X's
 * inbox" and "this happened in chatroom R"; each node's gateway and chatroom service receive the
 * events for the users and rooms it holds locally. `in-process.ts` serves one process;
 * `redis.ts` serves a cluster (per-user and per-room channels, so a node only hears what it needs).
 */
import type { InboxItem, WireConversation } from '../../src/protocol/frames.js';

/** Items for one user's inbox, with the current state of the conversations they touch. */
export interface InboxEvent {
  userId: string;
  /**
   * Stored items in seq order; live-only status messages travel as `seq: 0` items (not stored,
   * never returned by `sync`, not part of the seq sequence).
   */
  items: InboxItem[];
  conversations: WireConversation[];
}

export type InboxHandler = (event: InboxEvent) => void;

/**
 * Something every node holding members of a room must apply to its local sockets, in the room's
 * one order (`seq`, assigned by the bus at publish).
 */
export type RoomEvent =
  /**
   * A serialized push frame for the local member sockets; `toUser` narrows it to one member, `skip`
   * spares one socket; `remember` keeps a message frame among the room's newest (the join reply),
   * in the room's order.
   */
  | {
      kind: 'frame';
      roomId: string;
      text: string;
      toUser?: string;
      skip?: string;
      delivery?: boolean;
      remember?: boolean;
    }
  /** A member leaves the room wherever their sockets are (kick, offline lease, other join). */
  | { kind: 'remove'; roomId: string; userId: string; why: 'quit' | 'otherJoin' | 'kicked' | 'offline' }
  /** The room is gone: local members are told and dropped. */
  | { kind: 'destroy'; roomId: string };

/**
 * A room event as delivered: `seq` increases by one per event of that room, cluster-wide;
 * `origin` is the node that published it.
 */
export type SequencedRoomEvent = RoomEvent & { seq: number; origin: string };

export type RoomHandler = (event: SequencedRoomEvent) => void;

/** A change of durable chatroom state another node made: reload it from storage. */
export interface StateEvent {
  /** Node that made the change (it has applied it already). */
  origin: string;
  /** The room whose state changed; '' = the app-wide moderation lists. */
  roomId: string;
}

export type StateHandler = (event: StateEvent) => void;

/** Bus health for `/health`. */
export interface BusHealth {
  kind: 'in-process' | 'redis';
  ready: boolean;
  /** Messages this node published, and bus messages it received (for the cluster benchmark). */
  published: number;
  received: number;
}

export interface Bus {
  /** This node's id (unique in the cluster). */
  readonly nodeId: string;
  /** Delivers the event to the nodes holding a socket of the user; never throws for a slow one. */
  publish(event: InboxEvent): void;
  /** Returns an unsubscribe function. */
  subscribe(handler: InboxHandler): () => void;
  /**
   * This node holds sockets of the user (`true`) or no longer does. Resolves once events for the
   * user reach this node, so a connect can read the inbox head after it without a window.
   */
  watchUser(userId: string, on: boolean): Promise<void>;
  /** Which of these users hold a socket on some node now (offline push goes to the others). */
  usersOnline(userIds: string[]): Promise<Set<string>>;
  /** Like `watchUser`, for the members of a room. */
  watchRoom(roomId: string, on: boolean): Promise<void>;
  /** Sends a room event to every node watching the room, this one included, in one order per room. */
  publishRoom(event: RoomEvent): void;
  onRoom(handler: RoomHandler): () => void;
  /**
   * A serialized push for a user's sockets on the OTHER nodes (the caller serves its own sockets);
   * a no-op without other nodes.
   */
  publishUserFrame(userId: string, text: string): void;
  onUserFrame(handler: (userId: string, text: string) => void): () => void;
  /** Tells every other node that durable chatroom state changed. */
  publishState(roomId: string): void;
  onState(handler: StateHandler): () => void;
  /**
   * Called after the bus came back from an outage: events may have been lost meanwhile, so the
   * node makes its clients catch up (inbox by seq) and reloads chatroom state.
   */
  onResync(handler: () => void): () => void;
  health(): BusHealth;
  close(): Promise<void>;
}
