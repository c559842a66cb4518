/** Chatroom settings: every duration and limit is configurable; defaults are the seeds'. */

import type { BotOptions } from './bots.js';
import type { GuestOptions } from './guests.js';

/** Options for `startServer({ chatroom })`. */
export interface ChatroomOptions {
  /** A room with no join, quit or message for this long is destroyed (seeds: 1 hour, at most 24 hours). */
  destroyWaitMs?: number;
  /** Let a user be in several rooms at once (seeds: off; joining a room leaves the previous one). */
  multiRoom?: boolean;
  /**
   * Make the user whose `joinChatRoom` creates a missing room its creator (off: such a room has no
   * creator until the app names one, so nobody takes a room over by joining it first).
   */
  joinerIsCreator?: boolean;
  /** Offline removal: an offline member is removed on the first message after this long offline (30 s)... */
  offlineKickMs?: number;
  /** ...or on this many messages within that time (the 31st message). */
  offlineKickMessages?: number;
  /** Store chatroom messages for `getChatroomHistoryMessages` (seeds: a service to turn on; default off). */
  historyEnabled?: boolean;
  /** How long stored chatroom messages are kept (seeds: 2 months). */
  historyRetentionMs?: number;
  /** getChatRoomInfo calls per device: per second and per minute (seeds: 1 and 20). */
  infoPerSecond?: number;
  infoPerMinute?: number;
  /**
   * Let users who are not in a room read its member list and counts with `getChatRoomInfo` (default
   * off: a stranger gets 23406, as for the room's roles, attributes, queue and history).
   */
  publicMemberInfo?: boolean;
  /** Who hears `userChange`: the joining user's own devices (seeds' default) or every member. */
  userChangeNotify?: 'self' | 'all';
  /** Mic queue entries per room (CommsEase allows a large queue; a bound keeps a room's memory and list replies small). */
  queueMaxEntries?: number;
  /**
   * Load shedding (on by default; see shedding.ts): messages each room delivers per window, cluster-wide
   * (default 40; 0 = no shedding). The Server API can set it per room.
   */
  sheddingCeiling?: number;
  /** The shedding window, ms (default 200). */
  sheddingWindowMs?: number;
  /** Share of the ceiling kept for high-priority types and allowlisted users and types (default 0.5). */
  sheddingReservedShare?: number;
  /** Per-user budgets of chatroom ops, across the user's sockets and all nodes (see op-limits.ts). */
  limits?: ChatroomLimitOptions;
  /** How often the sweep (auto-destroy, expiries, retention) runs, real ms; 0 = only `tick()`. */
  sweepMs?: number;
  /** Status sync: POST room and KV changes to this URL (signed like the Server API). */
  statusSyncUrl?: string;
  /** Status sync retries and first backoff delay, ms. */
  statusSyncRetries?: number;
  statusSyncBackoffMs?: number;
  /** Anonymous guests: send rate and per-room cap (guests.ts). */
  guests?: GuestOptions;
  /** Chatroom bots: webhook timeout, call and reply rates (bots.ts). */
  bots?: BotOptions;
}

/** Per-user budgets of chatroom operations; 0 disables one. */
export interface ChatroomLimitOptions {
  /** joinChatRoom, joinExistChatRoom and quitChatRoom per minute (default 60: a person zapping between streams, not a script). */
  joinsPerMinute?: number;
  /** Rooms a user may create by joining an id that does not exist, per minute (default 5). */
  roomsCreatedPerMinute?: number;
  /** Rooms a user may be in at once when `multiRoom` is on (default 10; without it, one). */
  maxJoinedRooms?: number;
  /** Reads (getChatRoomInfo, history, attributes, roles, the queue list) per minute (default 120). */
  readsPerMinute?: number;
  /** Attribute set/remove operations per minute; a batch of n counts n (default 120; 23425 beyond). */
  kvPerMinute?: number;
  /** Mic-queue changes per minute (default 60). */
  queuePerMinute?: number;
  /** Role changes, kicks, mutes and other member management per minute (default 60). */
  managePerMinute?: number;
}

export const DEFAULT_CHATROOM_LIMITS: Required<ChatroomLimitOptions> = {
  joinsPerMinute: 60,
  roomsCreatedPerMinute: 5,
  maxJoinedRooms: 10,
  readsPerMinute: 120,
  kvPerMinute: 120,
  queuePerMinute: 60,
  managePerMinute: 60,
};

/** The seeds' ceiling on the destroy wait time. */
export const MAX_DESTROY_WAIT_MS = 24 * 3_600_000;

export type ChatroomConfig = Required<Omit<ChatroomOptions, 'statusSyncUrl' | 'limits' | 'guests' | 'bots'>> & {
  statusSyncUrl: string;
  limits: Required<ChatroomLimitOptions>;
  guests: GuestOptions;
  bots: BotOptions;
};

/** Fills in defaults and clamps the destroy wait to the seeds' 24 hours. */
export function chatroomConfig(options: ChatroomOptions = {}): ChatroomConfig {
  return {
    destroyWaitMs: Math.min(options.destroyWaitMs ?? 3_600_000, MAX_DESTROY_WAIT_MS),
    multiRoom: options.multiRoom ?? false,
    joinerIsCreator: options.joinerIsCreator ?? false,
    offlineKickMs: options.offlineKickMs ?? 30_000,
    offlineKickMessages: options.offlineKickMessages ?? 31,
    historyEnabled: options.historyEnabled ?? false,
    historyRetentionMs: options.historyRetentionMs ?? 61 * 86_400_000,
    infoPerSecond: options.infoPerSecond ?? 1,
    infoPerMinute: options.infoPerMinute ?? 20,
    publicMemberInfo: options.publicMemberInfo ?? false,
    userChangeNotify: options.userChangeNotify ?? 'self',
    queueMaxEntries: options.queueMaxEntries ?? 500,
    sheddingCeiling: options.sheddingCeiling ?? 40,
    sheddingWindowMs: options.sheddingWindowMs ?? 200,
    sheddingReservedShare: options.sheddingReservedShare ?? 0.5,
    limits: { ...DEFAULT_CHATROOM_LIMITS, ...options.limits },
    sweepMs: options.sweepMs ?? 1000,
    statusSyncUrl: options.statusSyncUrl ?? '',
    statusSyncRetries: options.statusSyncRetries ?? 5,
    statusSyncBackoffMs: options.statusSyncBackoffMs ?? 500,
    guests: options.guests ?? {},
    bots: options.bots ?? {},
  };
}
