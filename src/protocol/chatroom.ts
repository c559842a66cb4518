/**
 * The chatroom part of the wire contract (seeds: 001 chatroom overview, 002 chatroom chapters).
 *
 * Chatroom messages do NOT go through the per-user inbox: only sockets that joined a room and are
 * online receive them, live, as `{ push: 'chatroom', data }` frames. Nothing is replayed on
 * reconnect; the client rejoins its rooms and pulls the newest `count` messages instead (and
 * drops those it already has, by `messageUId`).
 */
import * as v from 'valibot';
import { ID_PATTERN } from './constants.js';
import { ChatroomLimits, KV_KEY_PATTERN } from './constants.js';
import type { WireMessage } from './frames.js';
import {
  ChatroomMemberInfoPatchSchema,
  ChatroomProfileRequestSchemas,
  type ChatroomInfo,
  type ChatroomMemberInfo,
  type ChatroomProfileEvents,
  type ChatroomProfileReplyData,
} from './chatroom-profile.js';

export { ChatroomLimits, KV_KEY_PATTERN } from './constants.js';

const roomId = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be 1–64 letters, digits or _-=+.@:'));
const kvKey = v.pipe(v.string(), v.regex(KV_KEY_PATTERN, 'must be 1–128 letters, digits or +=-_'));
const kvValue = v.pipe(
  v.string(),
  v.maxLength(ChatroomLimits.KV_VALUE_MAX, `at most ${ChatroomLimits.KV_VALUE_MAX} characters`),
);
const extra = v.optional(v.pipe(v.string(), v.maxLength(1024)), '');
const messageType = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:\-.]{1,32}$/, 'must be 1–32 letters, digits or _:-.'));

export const JoinChatRoomRequestSchema = v.object({
  chatRoomId: roomId,
  /** Resolved by the client: −1 none, 1–50 (0 is turned into 10 before sending). */
  count: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(ChatroomLimits.JOIN_COUNT_MAX)),
    ChatroomLimits.JOIN_COUNT_DEFAULT,
  ),
  /** The joiner's profile in this room (chatroom-profile.ts); absent keeps the one they had. */
  memberInfo: v.optional(ChatroomMemberInfoPatchSchema),
});
export const QuitChatRoomRequestSchema = v.object({ chatRoomId: roomId });
export const GetChatRoomInfoRequestSchema = v.object({
  chatRoomId: roomId,
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(ChatroomLimits.INFO_COUNT_MAX)), 0),
  /** 1 = earliest joiners first, 2 = latest first (0 = 1). */
  order: v.optional(v.picklist([0, 1, 2]), 0),
});
export const GetChatroomHistoryRequestSchema = v.object({
  chatRoomId: roomId,
  timestamp: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(ChatroomLimits.HISTORY_COUNT_MAX)), 20),
  /** 0: sent before `timestamp` (0 = now); 1: sent after it. */
  order: v.optional(v.picklist([0, 1]), 0),
});
export const SendChatroomMessageRequestSchema = v.object({
  chatRoomId: roomId,
  messageType,
  content: v.record(v.string(), v.unknown()),
  clientMessageId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  isPersisted: v.optional(v.boolean(), true),
  isCounted: v.optional(v.boolean(), true),
  isStatusMessage: v.optional(v.boolean(), false),
});
export const RecallChatroomMessageRequestSchema = v.object({
  chatRoomId: roomId,
  messageUId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});
export const SetChatRoomEntriesRequestSchema = v.object({
  chatRoomId: roomId,
  entries: v.pipe(
    v.array(v.object({ key: kvKey, value: kvValue })),
    v.minLength(1),
    v.maxLength(ChatroomLimits.KV_BATCH_MAX),
  ),
  isAutoDelete: v.optional(v.boolean(), false),
  isForce: v.optional(v.boolean(), false),
  isSendNotification: v.optional(v.boolean(), false),
  notificationExtra: extra,
  /** Batch calls answer 23428 with the failed keys; single calls answer the one failure code. */
  isBatch: v.optional(v.boolean(), false),
});
export const RemoveChatRoomEntriesRequestSchema = v.object({
  chatRoomId: roomId,
  keys: v.pipe(v.array(kvKey), v.minLength(1), v.maxLength(ChatroomLimits.KV_BATCH_MAX)),
  isForce: v.optional(v.boolean(), false),
  isSendNotification: v.optional(v.boolean(), false),
  notificationExtra: extra,
  isBatch: v.optional(v.boolean(), false),
});
export const GetChatRoomEntriesRequestSchema = v.object({
  chatRoomId: roomId,
  /** One key, or absent for all. */
  key: v.optional(kvKey),
});

const role = v.picklist(['admin', 'member', 'guest']);
/** Roles (seeds 003): the creator sets admins; the creator and admins set permanent members. */
export const SetChatRoomMemberRoleRequestSchema = v.object({ chatRoomId: roomId, userId: roomId, role });
/** Removes a member (creator and admins; only the creator removes admins); `minute` > 0 also blocks. */
export const KickChatRoomMemberRequestSchema = v.object({
  chatRoomId: roomId,
  userId: roomId,
  minute: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(43_200)), 0),
});
/** Time-limited mute by a creator or admin; `minute` 0 lifts it. */
export const MuteChatRoomMemberRequestSchema = v.object({
  chatRoomId: roomId,
  userId: roomId,
  minute: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(43_200)),
});
export const ChatRoomRoomOnlySchema = v.object({ chatRoomId: roomId });
/**
 * The mic queue: an ordered key → value list. Each entry belongs to the member who offered it;
 * a `transient` entry leaves with its owner (CommsEase's transient queue elements).
 */
export const ChatroomQueueOfferSchema = v.object({
  chatRoomId: roomId,
  key: kvKey,
  value: v.optional(kvValue, ''),
  transient: v.optional(v.boolean(), false),
});
/** One page of the queue: `count` (1–100, default 100) entries from `offset`. */
export const ChatroomQueueListSchema = v.object({
  chatRoomId: roomId,
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)), 0),
  count: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(ChatroomLimits.QUEUE_PAGE_MAX)),
    ChatroomLimits.QUEUE_PAGE_MAX,
  ),
});
export const ChatroomQueuePollSchema = v.object({ chatRoomId: roomId, key: v.optional(kvKey) });

/** The chatroom ops, spread into `RequestSchemas`. */
export const ChatroomRequestSchemas = {
  joinChatRoom: JoinChatRoomRequestSchema,
  joinExistChatRoom: JoinChatRoomRequestSchema,
  quitChatRoom: QuitChatRoomRequestSchema,
  getChatRoomInfo: GetChatRoomInfoRequestSchema,
  getChatroomHistoryMessages: GetChatroomHistoryRequestSchema,
  sendChatroomMessage: SendChatroomMessageRequestSchema,
  recallChatroomMessage: RecallChatroomMessageRequestSchema,
  setChatRoomEntries: SetChatRoomEntriesRequestSchema,
  removeChatRoomEntries: RemoveChatRoomEntriesRequestSchema,
  getChatRoomEntries: GetChatRoomEntriesRequestSchema,
  setChatRoomMemberRole: SetChatRoomMemberRoleRequestSchema,
  kickChatRoomMember: KickChatRoomMemberRequestSchema,
  muteChatRoomMember: MuteChatRoomMemberRequestSchema,
  getChatRoomRoles: ChatRoomRoomOnlySchema,
  chatroomQueueOffer: ChatroomQueueOfferSchema,
  chatroomQueuePoll: ChatroomQueuePollSchema,
  chatroomQueueList: ChatroomQueueListSchema,
  chatroomQueueClear: ChatRoomRoomOnlySchema,
  ...ChatroomProfileRequestSchemas,
} as const;

/** `joinChatRoom` / `joinExistChatRoom` reply (the seeds' IChatroomJoinResponse, plus messages). */
/** Parley: why a member may not send (the most severe reason). */
export type ChatroomMuteReason = 'globalGag' | 'gag' | 'muteAll' | 'guest';

export interface JoinChatRoomReply {
  chatroomId: string;
  /** Id of this lifetime of the room; a room destroyed and created again gets a new one. */
  sessionId: string;
  joinTime: number;
  userCount: number;
  /** Whether the user may not send here now (gagged, muted-all, global gag). */
  isMuted: boolean;
  /** Parley, with `isMuted`: why (`gag` also covers an admin's mute) and until when (ms; 0 = no end). */
  muteReason?: ChatroomMuteReason;
  mutedUntil?: number;
  /** The newest `count` messages, oldest first. */
  messages: WireMessage[];
  /** Parley (seeds 003): the room's profile. */
  info?: ChatroomInfo;
  /** Parley (seeds 003): the joiner's profile in the room. */
  memberInfo?: ChatroomMemberInfo;
}
/** A listed member; `nick`, `avatar`, `ext` are their room profile (seeds 003), present when set. */
export interface ChatRoomMemberEntry extends Partial<ChatroomMemberInfo> {
  id: string;
  time: number;
}
export interface ChatRoomInfoReply {
  /** Everyone in the room (anonymous guests too). */
  userCount: number;
  /** Parley: how many of them are anonymous guests (guests are not in `userInfos`). */
  guestCount?: number;
  userInfos: ChatRoomMemberEntry[];
  /** Parley (seeds 003): the room's profile. */
  info?: ChatroomInfo;
}
export interface ChatroomHistoryReply {
  /** Oldest first. */
  list: WireMessage[];
  hasMore: boolean;
}
/** One KV entry as events and queries carry it. */
export interface WireChatroomEntry {
  key: string;
  value: string;
  /** Who set it. */
  userId: string;
  isAutoDelete: boolean;
  timestamp: number;
}
export interface ChatRoomEntriesReply {
  entries: WireChatroomEntry[];
}
/** Batch KV replies: keys that failed, with their code (only on 23428). */
export interface ChatRoomEntriesFailure {
  failed: Record<string, number>;
}

export {
  ChatroomBanType,
  ChatroomEntryType,
  ChatroomOperateType,
  ChatroomSyncReason,
  ChatroomSyncStatus,
  ChatroomUserChangeType,
} from './constants.js';

/** One event of `Events.CHATROOM`, keyed as in the seeds; exactly one key is set. */
export interface ChatroomEventPayload extends ChatroomProfileEvents {
  updatedEntries?: Array<WireChatroomEntry & { chatroomId: string; type: number }>;
  userChange?: {
    chatroomId: string;
    memberCount: number;
    ups: Array<{ userId: string; status: number; timestamp: number }>;
  };
  /** The id of the destroyed room. */
  chatroomDestroyed?: string;
  chatroomNotifyMultiLoginSync?: { chatroomId: string; status: number; reason: number; time: number };
  chatroomNotifyBlock?: {
    chatroomId: string;
    operateType: number;
    userIds: string[];
    durationTime: number;
    operateTime: number;
    extra: string;
  };
  /**
   * Parley: to a member whose right to send changed without a moderation notice (an admin role given
   * or taken while the room is muted for everyone): whether they may send now, why not, until when.
   */
  chatroomSendState?: { chatroomId: string; isMuted: boolean; muteReason?: ChatroomMuteReason; mutedUntil?: number };
  /**
   * Parley: the mic queue changed (`type` offer | poll | remove (its owner left) | clear); `userId`
   * is the entry's owner ('' for the app's entries and for `clear`).
   */
  chatroomQueueChange?: {
    chatroomId: string;
    type: 'offer' | 'poll' | 'remove' | 'clear';
    key: string;
    value: string;
    userId?: string;
  };
  chatroomNotifyBan?: {
    chatroomId: string;
    banType: number;
    operateType: number;
    userIds: string[];
    durationTime: number;
    operateTime: number;
    extra: string;
    /**
     * Parley: on mute-all and mute-all-allowlist notices while mute-all is on, who may still send
     * (the allowlist, the creator and the admins). Absent when mute-all is off.
     */
    exemptUserIds?: string[];
  };
}

/** What a `chatroom` push carries. `left` names a room this socket is no longer in (do not rejoin it). */
export type ChatroomPushData =
  { type: 'message'; message: WireMessage } | { type: 'event'; event: ChatroomEventPayload; left?: string };

export interface ChatroomPush {
  push: 'chatroom';
  data: ChatroomPushData;
}

/**
 * Why the server accepted a chatroom message but did not deliver it (load shedding): a low-priority
 * type over its share of the room's window, or any type over the room's ceiling.
 */
export type ChatroomDropReason = 'lowPriority' | 'overCeiling';

/**
 * The ack of a chatroom send. `dropped` (Parley) is present only when load shedding discarded the
 * message: it was accepted (code 0, with its id and time) but nobody received it.
 */
export interface SendChatroomMessageReply {
  message: WireMessage;
  dropped?: ChatroomDropReason;
}

/** Reply data of the chatroom ops. */
export interface ChatroomReplyData extends ChatroomProfileReplyData {
  joinChatRoom: JoinChatRoomReply;
  joinExistChatRoom: JoinChatRoomReply;
  quitChatRoom: Record<string, never>;
  getChatRoomInfo: ChatRoomInfoReply;
  getChatroomHistoryMessages: ChatroomHistoryReply;
  sendChatroomMessage: SendChatroomMessageReply;
  recallChatroomMessage: { message: WireMessage };
  setChatRoomEntries: Record<string, never>;
  removeChatRoomEntries: Record<string, never>;
  getChatRoomEntries: ChatRoomEntriesReply;
  setChatRoomMemberRole: Record<string, never>;
  kickChatRoomMember: Record<string, never>;
  muteChatRoomMember: Record<string, never>;
  getChatRoomRoles: ChatRoomRolesReply;
  chatroomQueueOffer: Record<string, never>;
  chatroomQueuePoll: { entry: ChatroomQueueEntry | null };
  /** One page; `total` entries in all, `hasMore` when entries follow it. */
  chatroomQueueList: { entries: ChatroomQueueEntry[]; total: number; hasMore: boolean };
  chatroomQueueClear: Record<string, never>;
}

/** Roles of a room; permanent members are listed whether online or not. */
export interface ChatRoomRolesReply {
  creatorId: string;
  admins: string[];
  permanentMembers: string[];
}
/** One mic-queue entry. */
export interface ChatroomQueueEntry {
  key: string;
  value: string;
  /** Its owner: the member who offered it, or '' for an entry the app made. */
  userId: string;
}
