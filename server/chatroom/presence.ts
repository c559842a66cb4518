/**
 * Who is in which chatroom across a cluster, and which node holds them. One node alone needs
 * none of this (its rooms know their members); a cluster keeps it in Redis (`bus/redis-presence.ts`)
 * with a lease per node, so the members of a node that died leave when its lease lapses.
 */
import type { WireMessage } from '../../src/protocol/frames.js';

export interface Presence {
  /**
   * This node holds `userId` in the room now. Resolves the user's first join time, the member count
   * and the other rooms the user is in (on any node).
   */
  join(roomId: string, userId: string, now: number): Promise<{ joinTime: number; count: number; otherRooms: string[] }>;
  /** Forgets that the user is in these rooms (they are being removed from them). */
  leaveOthers(userId: string, roomIds: string[]): Promise<void>;
  /** This node no longer holds the user; `gone` when no node does (the user left the room). */
  leave(roomId: string, userId: string): Promise<{ gone: boolean; count: number }>;
  count(roomId: string): Promise<number>;
  /** Whether the user is in the room (on any node). */
  isMember(roomId: string, userId: string): Promise<boolean>;
  /** Up to `count` members by join time, earliest first (or latest first). */
  members(roomId: string, count: number, latestFirst: boolean): Promise<Array<{ id: string; time: number }>>;
  /** The newest messages of the room, oldest first (the join reply; the bus keeps them). */
  recent(roomId: string, count: number): Promise<WireMessage[]>;
  /** Drops a recalled message from the newest. */
  forget(roomId: string, messageUId: string): void;
  /**
   * Claims a client message id for a send (a resend after a lost reply may reach another node):
   * resolves null when it is new, else the message sent under it first.
   */
  claimSend(roomId: string, senderUserId: string, clientMessageId: string): Promise<WireMessage | null>;
  /** Records the message accepted under a claimed id. */
  recordSend(roomId: string, message: WireMessage): void;
  /** The room saw a join, quit or message (throttled). */
  touch(roomId: string, now: number): void;
  /** Last activity per room (rooms never touched are absent). */
  lastActive(roomIds: string[]): Promise<Map<string, number>>;
  /** Whether this node runs the cluster-wide sweep now (a lease in Redis); renews it. */
  lead(): Promise<boolean>;
  /** Leader only: removes the members held only by nodes whose lease lapsed; returns them. */
  reap(): Promise<Array<{ roomId: string; userId: string }>>;
  /** At start: removes what an earlier process with this node id held; returns who left. */
  reapOwn(): Promise<Array<{ roomId: string; userId: string }>>;
  /** Forgets everything about a destroyed room. */
  clear(roomId: string): Promise<void>;
  close(): Promise<void>;
}
