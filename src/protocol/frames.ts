/**
 * The WebSocket wire contract between the protocol client and the gateway.
 *
 * Every frame is one JSON text message.
 * - Client → server: a request `{ id, op, data }`; `id` is a positive integer the client picks.
 * - Server → client: a reply `{ reply: id, code, msg?, data? }` to each request (`reply: null` when
 *   the frame was too broken to read an id from), or a push `{ push, data }`.
 * - The first request on a socket must be `connect`; until it succeeds every other op is refused
 *   with `RC_NET_CHANNEL_INVALID` (30001; 31005 is the seeds' "App verification failed"). A bad frame gets an error reply and the socket stays open.
 *
 * Delivery: everything a user must receive is appended to their inbox with a per-user sequence
 * number (`seq`, 1, 2, 3, ...). The server pushes new items live (`push: 'inbox'`) after `connect`;
 * the client pages through `sync` from the last seq it applied. The client applies items strictly in
 * seq order, ignores seq it has applied, and calls `sync` when it sees a gap. On a send, the reply
 * reaches the sending socket before the inbox push of the same message.
 *
 * Status messages (`isStatusMessage`, e.g. typing) are never stored: they are pushed to online
 * sockets only, as items with `seq: 0` and no conversation snapshots; a client delivers them and
 * leaves its seq cursor where it is.
 *
 * Chatrooms (ops and the `chatroom` push) are in `chatroom.ts`: their messages go live to online
 * members only and never through the inbox.
 */
import * as v from 'valibot';
import { ChatroomRequestSchemas, type ChatroomPush, type ChatroomReplyData } from './chatroom.js';
import { PushRequestSchemas, type PushReplyData } from './push.js';
import { ConversationType } from './constants.js';
import { ID_PATTERN, Limits } from './constants.js';
import { DEVICE_PLATFORMS, DevicePlatform } from './constants.js';
import { PresenceRequestSchemas, type PresenceReplyData, type SubscriptionPush } from './presence.js';
import {
  MessagingRequestSchemas,
  SendMessageExtraFields,
  type MessagingInboxItem,
  type MessagingReplyData,
  type WireConversationExtras,
  type WireMessageExtras,
} from './messaging.js';
import type { RecallPolicy } from './constants.js';

const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be 1–64 letters, digits or _-=+.@:'));
// SYSTEM conversations (Server API system messages) can be read, listed and cleared; sends refuse them.
const messagingType = v.picklist([ConversationType.PRIVATE, ConversationType.GROUP, ConversationType.SYSTEM]);
const nonNegativeInt = v.pipe(v.number(), v.integer(), v.minValue(0));
const order = v.optional(v.picklist([0, 1]), 0);

export const ConversationKeySchema = v.object({ conversationType: messagingType, targetId: id });

export const ConnectRequestSchema = v.object({
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  appkey: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** The device's platform (platforms.ts), for the per-platform session limit; default `web`. */
  platform: v.optional(v.picklist(DEVICE_PLATFORMS as DevicePlatform[]), DevicePlatform.WEB),
});

export const SyncRequestSchema = v.object({
  since: nonNegativeInt,
  limit: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Limits.SYNC_PAGE_MAX)),
    Limits.SYNC_PAGE_MAX,
  ),
});

const pushText = v.pipe(v.string(), v.maxLength(1024));

/** What a send asks of the offline push (the seeds' `pushData`, `isVoipPush`, `IPushConfig`); see docs/push.md. */
export const PushFields = {
  pushData: v.optional(pushText),
  isVoipPush: v.optional(v.boolean(), false),
  pushConfig: v.optional(
    v.object({
      pushTitle: v.optional(v.pipe(v.string(), v.maxLength(128))),
      pushContent: v.optional(pushText),
      pushData: v.optional(pushText),
      disablePushTitle: v.optional(v.boolean()),
      forceShowDetailContent: v.optional(v.boolean()),
      /** Passed to the app's push service as they are (platform settings). */
      iOSConfig: v.optional(v.record(v.string(), v.unknown())),
      androidConfig: v.optional(v.record(v.string(), v.unknown())),
    }),
  ),
};

export const SendMessageRequestSchema = v.object({
  conversationType: messagingType,
  targetId: id,
  messageType: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:\-.]{1,32}$/, 'must be 1–32 letters, digits or _:-.')),
  content: v.record(v.string(), v.unknown()),
  clientMessageId: v.pipe(v.string(), v.minLength(1), v.maxLength(Limits.MAX_CLIENT_MESSAGE_ID_LENGTH)),
  isPersisted: v.optional(v.boolean(), true),
  isCounted: v.optional(v.boolean(), true),
  isStatusMessage: v.optional(v.boolean(), false),
  disableNotification: v.optional(v.boolean(), false),
  pushContent: v.optional(v.pipe(v.string(), v.maxLength(1024))),
  ...SendMessageExtraFields,
  ...PushFields,
});

export const GetConversationListRequestSchema = v.object({
  count: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Limits.CONVERSATION_COUNT_MAX)),
    Limits.CONVERSATION_COUNT_DEFAULT,
  ),
  startTime: v.optional(nonNegativeInt, 0),
  order,
});

export const GetHistoryMessagesRequestSchema = v.object({
  conversationType: messagingType,
  targetId: id,
  timestamp: v.optional(nonNegativeInt, 0),
  count: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(Limits.HISTORY_COUNT_MIN), v.maxValue(Limits.HISTORY_COUNT_MAX)),
    Limits.HISTORY_COUNT_DEFAULT,
  ),
  order,
});

export const ClearUnreadRequestSchema = v.object({
  conversationType: messagingType,
  targetId: id,
  /** Read everything sent up to and including this time; 0 = everything up to now. */
  timestamp: v.optional(nonNegativeInt, 0),
});

export const PingRequestSchema = v.object({});

/** Request schemas by op; the gateway validates `data` with the one its `op` names. */
export const RequestSchemas = {
  ...MessagingRequestSchemas,
  connect: ConnectRequestSchema,
  sync: SyncRequestSchema,
  sendMessage: SendMessageRequestSchema,
  getConversationList: GetConversationListRequestSchema,
  getHistoryMessages: GetHistoryMessagesRequestSchema,
  clearMessagesUnreadStatus: ClearUnreadRequestSchema,
  ping: PingRequestSchema,
  ...ChatroomRequestSchemas,
  ...PushRequestSchemas,
  ...PresenceRequestSchemas,
} as const;
export type Op = keyof typeof RequestSchemas;
export type RequestData<O extends Op> = v.InferOutput<(typeof RequestSchemas)[O]>;
export type RequestInput<O extends Op> = v.InferInput<(typeof RequestSchemas)[O]>;

/** The envelope of every client frame; `data` is then checked against `RequestSchemas[op]`. */
export const RequestFrameSchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  op: v.string(),
  data: v.optional(v.record(v.string(), v.unknown()), {}),
});
export type RequestFrame = v.InferOutput<typeof RequestFrameSchema>;

/** A message as it travels on the wire; `targetId` is already from the receiving user's side. */
export interface WireMessage extends WireMessageExtras {
  messageUId: string;
  /** The sender's own id for the message: the idempotency key of the send. */
  clientMessageId: string;
  conversationType: ConversationType;
  targetId: string;
  senderUserId: string;
  messageType: string;
  content: Record<string, unknown>;
  /** Server time of the send, ms since the epoch. */
  sentTime: number;
  isPersisted: boolean;
  isCounted: boolean;
  isStatusMessage: boolean;
  disableNotification: boolean;
  /** Chatroom messages (seeds 003, CommsEase's names): the sender's nickname and avatar in the room, when set. */
  fromNick?: string;
  fromAvatar?: string;
}

/** One user's view of one conversation. */
export interface WireConversation extends WireConversationExtras {
  conversationType: ConversationType;
  targetId: string;
  unreadMessageCount: number;
  latestMessage: WireMessage | null;
  /** Time of the latest message or change, ms; the list is ordered by it, newest first. */
  updatedTime: number;
  /** Time up to which the user has read, ms. */
  lastReadTime: number;
  isTop: boolean;
  notificationLevel: number;
  hasMentioned: boolean;
  draft: string;
}

/** What a user's inbox holds; every item has the user's next sequence number. */
export type InboxItem =
  | { seq: number; type: 'message'; message: WireMessage }
  | { seq: number; type: 'read'; conversationType: ConversationType; targetId: string; timestamp: number }
  | MessagingInboxItem;

export interface ConnectReply {
  userId: string;
  /** This socket's id among the user's devices. */
  sessionId: string;
  /** The newest seq in the user's inbox at connect time. */
  lastSeq: number;
  serverTime: number;
  /** The server's recall rules (absent from servers before they were settings). */
  recall?: RecallPolicy;
  /** Parley: the session is an anonymous chatroom guest's (a guest token; chatroom reads only). */
  isGuest?: boolean;
}
export interface SyncReply {
  items: InboxItem[];
  /** Current state of every conversation the items touch. */
  conversations: WireConversation[];
  /** The newest seq in the user's inbox. */
  lastSeq: number;
  hasMore: boolean;
}
export interface SendMessageReply {
  message: WireMessage;
}
export interface ConversationListReply {
  list: WireConversation[];
}
/** `list` is oldest first for both orders. */
export interface HistoryReply {
  list: WireMessage[];
  hasMore: boolean;
}
export interface ClearUnreadReply {
  conversation: WireConversation;
}
export interface PingReply {
  serverTime: number;
}

/** Reply data by op. */
export interface ReplyData extends MessagingReplyData, ChatroomReplyData, PushReplyData, PresenceReplyData {
  connect: ConnectReply;
  sync: SyncReply;
  sendMessage: SendMessageReply;
  getConversationList: ConversationListReply;
  getHistoryMessages: HistoryReply;
  clearMessagesUnreadStatus: ClearUnreadReply;
  ping: PingReply;
}

export interface ReplyFrame<D = unknown> {
  reply: number | null;
  code: number;
  msg?: string;
  data?: D;
}

/**
 * Live inbox items, with the current state of the conversations they touch.
 * An item with `seq: 0` is a live-only status message (`isStatusMessage`, e.g. typing): it is never
 * stored, never returned by `sync` and not part of the seq order; show it without moving the cursor.
 */
export interface InboxPush {
  push: 'inbox';
  data: { items: InboxItem[]; conversations: WireConversation[] };
}
export type PushFrame = InboxPush | ChatroomPush | SubscriptionPush;
export type ServerFrame = ReplyFrame | PushFrame;

export { GATEWAY_PATH } from './constants.js';
