/**
 * Every constant of the protocol (enums, result codes, limits, paths) in one module, apart from the
 * request schemas (no valibot). The browser's initial load and the lazily loaded parts of the kit share
 * it: one module is one shared chunk for a bundler, where ten small modules made ten files, each
 * compressed on its own. The old module names (enums.ts, error-codes.ts, limits.ts, ...) re-export
 * their part, for the server.
 */

// ---- Conversations and messages (enums.ts) ----

/** Conversation kinds, numbered as in the IMLib docs so apps can swap imports. */
export const ConversationType = {
  NONE: 0,
  PRIVATE: 1,
  DISCUSSION: 2,
  GROUP: 3,
  CHATROOM: 4,
  CUSTOMER_SERVICE: 5,
  SYSTEM: 6,
  APP_PUBLIC_SERVICE: 7,
  PUBLIC_SERVICE: 8,
  ULTRA_GROUP: 10,
} as const;
export type ConversationType = (typeof ConversationType)[keyof typeof ConversationType];

/** Conversation types the server accepts messages for in this release. */
export const MESSAGING_CONVERSATION_TYPES: readonly ConversationType[] = [
  ConversationType.PRIVATE,
  ConversationType.GROUP,
];

/** Whether a message was sent by the viewing user (SEND) or to them (RECEIVE). */
export const MessageDirection = { SEND: 1, RECEIVE: 2 } as const;
export type MessageDirection = (typeof MessageDirection)[keyof typeof MessageDirection];

/** Who a group message mentions (seeds' spelling `SINGAL` kept, `SINGLE` added). */
export const MentionedType = { ALL: 1, SINGAL: 2, SINGLE: 2 } as const;
export type MentionedType = (typeof MentionedType)[keyof typeof MentionedType];

/** Built-in message type names ("object names") as the IMLib docs spell them. */
export const MessageType = {
  TEXT: 'RC:TxtMsg',
  IMAGE: 'RC:ImgMsg',
  GIF: 'RC:GIFMsg',
  FILE: 'RC:FileMsg',
  HQ_VOICE: 'RC:HQVCMsg',
  SIGHT: 'RC:SightMsg',
  LOCATION: 'RC:LBSMsg',
  RICH_CONTENT: 'RC:ImgTextMsg',
  REFERENCE: 'RC:ReferenceMsg',
  INFORMATION_NOTIFICATION: 'RC:InfoNtf',
  GROUP_NOTIFICATION: 'RC:GrpNtf',
  RECALL_MESSAGE_NOTIFICATION: 'RC:RcNtf',
  COMMAND: 'RC:CmdMsg',
  TYPING_STATUS: 'RC:TypSts',
  CHATROOM_KV_NOTIFICATION: 'RC:chrmKVNotiMsg',
} as const;
export type BuiltInMessageType = (typeof MessageType)[keyof typeof MessageType];

// ---- Limits shared by client and server (limits.ts) ----

/** Limits shared by client and server; the server enforces them, the client checks early. */
export const Limits = {
  /** Serialized message content, in bytes (seeds: 128 KB). */
  MAX_MESSAGE_CONTENT_BYTES: 128 * 1024,
  /** A whole inbound WebSocket frame, in bytes; larger frames close nothing but are refused. */
  MAX_FRAME_BYTES: 256 * 1024,
  /** getHistoryMessages count range and default (seeds: 1–100, default 20). */
  HISTORY_COUNT_MIN: 1,
  HISTORY_COUNT_MAX: 100,
  HISTORY_COUNT_DEFAULT: 20,
  /** getConversationList count (seeds: default 300, max 1000). */
  CONVERSATION_COUNT_DEFAULT: 300,
  CONVERSATION_COUNT_MAX: 1000,
  /** Sync page size: inbox items per `sync` reply. */
  SYNC_PAGE_MAX: 200,
  /** Ids: user, group and chatroom ids (letters, digits, `_ - = + . @ :`), 1–64 chars. */
  MAX_ID_LENGTH: 64,
  /** Client message id (idempotency key), 1–64 chars. */
  MAX_CLIENT_MESSAGE_ID_LENGTH: 64,
  /** Message type names ("object names"), 1–32 chars. */
  MAX_MESSAGE_TYPE_LENGTH: 32,
  /**
   * Nesting depth of message content (objects/arrays). Deeper content is refused: serialising it
   * would exhaust the stack, and a stored message nobody can serialise would wedge its recipients' sync.
   */
  MAX_CONTENT_DEPTH: 100,
  /** Client send rate (seeds: 5 per second). */
  SENDS_PER_SECOND: 5,
  /** Seconds a socket may stay open without a successful `connect` frame. */
  CONNECT_DEADLINE_MS: 10_000,
} as const;

/** Ids the server accepts for users, groups and chatrooms. */
export const ID_PATTERN = /^[A-Za-z0-9_\-=+.@:]{1,64}$/;

// ---- Device platforms (platforms.ts) ----

/**
 * Device platforms of the seeds' multi-device rules (多端登录限制: mobile, desktop, Web, mini
 * program). A client names its platform on `connect`; the server can limit a user's sessions per
 * platform (`maxDevicesPerPlatform`), ending the oldest one of that platform with 31010.
 */
export const DevicePlatform = {
  WEB: 'web',
  DESKTOP: 'desktop',
  MOBILE: 'mobile',
  MINIPROGRAM: 'miniprogram',
} as const;
export type DevicePlatform = (typeof DevicePlatform)[keyof typeof DevicePlatform];

/** Every platform, for schemas and option checks. */
export const DEVICE_PLATFORMS: readonly DevicePlatform[] = Object.values(DevicePlatform);

// ---- The server's HTTP and WebSocket paths (paths.ts) ----

/** WebSocket path on the server; the client derives `ws(s)://host/ws` from the `navi` base URL. */
export const GATEWAY_PATH = '/ws';

/** Upload endpoint paths (HTTP, same origin as the gateway). */
export const UPLOAD_PATH = '/upload';
export const MEDIA_PATH_PREFIX = '/media/';

// ---- Messaging features: do-not-disturb, recall rules, limits, uploads (messaging-limits.ts) ----

/** Do-not-disturb levels, numbered as in the seeds (`setConversationNotificationLevel`). */
export const NotificationLevel = {
  ALL_MESSAGE: -1,
  NOT_SET: 0,
  AT_MESSAGE_NOTIFICATION: 1,
  AT_USER_NOTIFICATION: 2,
  AT_GROUP_ALL_USER_NOTIFICATION: 4,
  NOT_MESSAGE_NOTIFICATION: 5,
} as const;
export type NotificationLevel = (typeof NotificationLevel)[keyof typeof NotificationLevel];

/**
 * The older do-not-disturb switch (seeds: `setConversationNotificationStatus`, kept for apps written
 * before levels): OPEN mutes the conversation (level `NOT_MESSAGE_NOTIFICATION`), CLOSE unmutes it
 * (`ALL_MESSAGE`); any level above 0 reads back as OPEN.
 */
export const NotificationStatus = {
  OPEN: 1,
  CLOSE: 2,
} as const;
export type NotificationStatus = (typeof NotificationStatus)[keyof typeof NotificationStatus];

/**
 * Who may recall a private or group message from a client (a server setting, `recallBy`): only its
 * sender (`sender`, Parley's default: the seeds' server switch "只允许撤回自己发送的消息" turned on);
 * also the owner and admins of the message's group (`group-admins`); or any participant
 * (`anyone`, the seeds' default with that switch off). The Server API recalls any message.
 */
export const RECALL_BY = ['sender', 'group-admins', 'anyone'] as const;
export type RecallBy = (typeof RECALL_BY)[number];

/** What the server allows for recalls, told to each client in the connect reply. */
export interface RecallPolicy {
  /** How long after sending a message may be recalled, ms; 0 = no limit. */
  windowMs: number;
  by: RecallBy;
}

/** Limits of the messaging features (seeds' values where they give one). */
export const MessagingLimits = {
  /** Default recall window of the server, ms (configurable with `recallWindowMs`; 0 = no limit). */
  RECALL_WINDOW_MS: 120_000,
  /** Messages per `deleteMessages` call. */
  DELETE_MESSAGES_MAX: 100,
  /** Draft length, characters. */
  DRAFT_MAX_LENGTH: 4096,
  /** Expansion: key length, value length, pairs per update, pairs per message (seeds). */
  EXPANSION_KEY_MAX: 32,
  EXPANSION_VALUE_MAX: 4096,
  EXPANSION_UPDATE_MAX: 20,
  EXPANSION_TOTAL_MAX: 300,
  /** Tags per user, tag name length, conversations per tag operation / per tag (seeds). */
  TAGS_MAX: 20,
  TAG_NAME_MAX: 15,
  TAG_CONVERSATIONS_MAX: 1000,
  /** Typing: the client sends at most one typing status per conversation in this time (ms). */
  TYPING_THROTTLE_MS: 6000,
  /** Typing: how long a received typing status is shown without a refresh (ms). */
  TYPING_EXPIRE_MS: 6000,
  /** Conversations per `getConversations` call (seeds). */
  GET_CONVERSATIONS_MAX: 100,
  /** Group read receipt responses without a message list cover at most this many requests. */
  RECEIPT_AUTO_RESPONSE_MAX: 30,
} as const;

/** Expansion keys: letters, digits and `+ = - _`, 1–32 characters (seeds). */
export const EXPANSION_KEY_PATTERN = /^[A-Za-z0-9+=\-_]{1,32}$/;

/** The server's default largest upload (`maxUploadBytes`); the kit checks files against it first. */
export const UPLOAD_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

/** Image types `POST /upload?kind=image` accepts (the server's allowlist); other images go as files. */
export const UPLOAD_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

// ---- Chatrooms: limits, the key pattern, event enums (chatroom-constants.ts) ----

/** Chatroom limits and defaults from the seeds. */
export const ChatroomLimits = {
  /** Messages returned on join: 1–50; −1 = none; 0 = the default (10). */
  JOIN_COUNT_MAX: 50,
  JOIN_COUNT_DEFAULT: 10,
  /** getChatRoomInfo member list: 0–20. */
  INFO_COUNT_MAX: 20,
  /** getChatroomHistoryMessages count: 1–20. */
  HISTORY_COUNT_MAX: 20,
  /** KV: keys per room, key and value lengths, entries per batch call. */
  KV_MAX_KEYS: 100,
  KV_KEY_MAX: 128,
  KV_VALUE_MAX: 4096,
  KV_BATCH_MAX: 10,
  /** KV operations per room per second (seeds: 100). */
  KV_OPS_PER_SECOND: 100,
  /** Mic queue entries per `chatroomQueueList` page (Parley). */
  QUEUE_PAGE_MAX: 100,
} as const;

/** KV keys: letters, digits and `+ = - _`, 1–128 characters. */
export const KV_KEY_PATTERN = /^[A-Za-z0-9+=\-_]{1,128}$/;

/** `userChange` statuses (the seeds' IChatroomUserChangeInfo). */
export const ChatroomUserChangeType = { QUIT: 0, JOIN: 1, KICKED: 3 } as const;
/** `chatroomNotifyMultiLoginSync` status and reason. */
export const ChatroomSyncStatus = { QUIT: 0, JOIN: 1 } as const;
export const ChatroomSyncReason = { LEAVE_ON_MY_OWN: 1, OTHER_JOIN_NEW_CHATROOM: 2 } as const;
/** `chatroomNotifyBlock` / `chatroomNotifyBan` operation: added or lifted. */
export const ChatroomOperateType = { ADD: 0, REMOVE: 1 } as const;
/** `chatroomNotifyBan` kinds: gag users in a room, mute all, the mute-all allowlist, global gag. */
export const ChatroomBanType = { GAG_USERS: 0, MUTE_ALL: 1, MUTE_ALL_ALLOWLIST: 2, GLOBAL_GAG: 3 } as const;
/** `updatedEntries` operation types. */
export const ChatroomEntryType = { UPDATE: 1, DELETE: 2 } as const;

// ---- Subscriptions and hosted profiles (presence-constants.ts) ----

/** What a subscription follows (seeds: `SubscribeType`). */
export const SubscribeType = {
  ONLINE_STATUS: 1,
  USER_PROFILE: 2,
} as const;
export type SubscribeType = (typeof SubscribeType)[keyof typeof SubscribeType];

/** Gender in a hosted profile (seeds: `RCUserGender`). */
export const UserGender = {
  UNKNOWN: 0,
  MALE: 1,
  FEMALE: 2,
} as const;
export type UserGender = (typeof UserGender)[keyof typeof UserGender];

/** The seeds' limits of subscriptions and profiles. */
export const PresenceLimits = {
  /** Users per subscribe, unsubscribe or status query call. */
  USERS_PER_CALL: 200,
  /** Users one user may follow (per subscribe type). */
  SUBSCRIPTIONS_MAX: 1000,
  /** Users who may follow one user (per subscribe type). */
  SUBSCRIBERS_MAX: 5000,
  /** Subscription length, seconds. */
  EXPIRY_MIN_S: 60,
  EXPIRY_MAX_S: 2_592_000,
  /** Users per `getUserProfiles` call. */
  PROFILES_PER_CALL: 20,
  /** Extension keys per profile. */
  EXT_PROFILE_KEYS_MAX: 20,
} as const;

/** Result codes of this feature (names from the seeds, which do not give their numbers; these are Parley's). */
export const PresenceErrorCode = {
  /** The subscriber would follow more than 1000 users of that type. */
  RC_SUBSCRIBED_USERIDS_EXCEED_LIMIT: 26020,
  /** A user would be followed by more than 5000 users (`data` lists them). */
  RC_BESUBSCRIBED_USERIDS_COUNT_EXCEED_LIMIT: 26021,
} as const;

// ---- Result codes of the messaging features (messaging-codes.ts) ----

/**
 * Result codes of the messaging features (recall, receipts, expansion, tags, uploads), with the
 * values and names of the IMLib error code table. Spread into `ErrorCode`.
 */
export const MessagingErrorCode = {
  /** A client sent into a system conversation (only the Server API sends there). */
  SYS_CONVERSATION_NOT_SUPPORT_MESSAGE: 20109,
  /** Recall refused: bad parameters, unknown message, or the recall window has passed. */
  RECALL_MESSAGE: 25101,
  /** Recall refused: only the sender may recall a message. */
  RECALL_MESSAGE_USER_INVALID: 25107,
  /** More than 20 tags for one user. */
  CONVERSATION_TAG_OVERSIZE: 26004,
  TAG_NOT_EXIST: 33100,
  TAG_EXISTS: 33101,
  NO_TAG_IN_CONVER: 33102,
  /** The message was not sent with `canIncludeExpansion`, or is of a conversation type without expansion. */
  MESSAGE_KV_NOT_SUPPORT: 34008,
  MESSAGE_EXPANDED_ERROR: 34009,
  /** Expansion key > 32 chars, value > 4096 chars, > 20 pairs in one update or > 300 in all. */
  EXPANSION_LIMIT_EXCEET: 34010,
  /** A media upload failed (refused type or size, network, cancelled). */
  UPLOAD_FAIL: 34011,
  /** More than 1000 conversations in one tag operation, or in one tag. */
  CONVER_OUT_LIMIT_ERROR: 34013,
  READ_RECEIPT_ERROR: 34014,
  /** `sendReadReceiptResponseV2`'s `messageList` is malformed or names messages it cannot (not of the group, another sender). */
  MSG_LIMIT_ERROR: 34206,
} as const;

// ---- Moderation: blacklist, mute and sensitive-word codes, limits, block types (moderation.ts) ----

/** Result codes of refused sends and blacklist calls; spread into `ErrorCode`. */
export const ModerationErrorCode = {
  /** The recipient has the sender in their blacklist: the private message was not sent. */
  REJECTED_BY_BLACKLIST: 405,
  /** The sender is muted in private chats (the seeds give 20106 without a name; Parley names it). */
  FORBIDDEN_IN_PRIVATE: 20106,
  /** The text contains a blocked sensitive word: not sent, the recipients get nothing. */
  SENSITIVE_SHIELD: 21501,
  /**
   * Sensitive words were replaced. Parley's send succeeds with the replaced text in the stored
   * message (this code is not a failure and is not used as a reply code).
   */
  SENSITIVE_REPLACE: 21502,
  /** Adding to the blacklist failed (it is full: 3000 users). */
  BLACK_ADD_ERROR: 37001,
  BLACK_GETSTATUS_ERROR: 37002,
  BLACK_REMOVE_ERROR: 37003,
} as const;

/** Limits of the moderation features (seeds' values). */
export const ModerationLimits = {
  /** Users in one blacklist (seeds: 3000 on the top plans). */
  BLACKLIST_MAX: 3000,
  /** Sensitive words per app (seeds: 默认最多设置 50 个敏感词). */
  SENSITIVE_WORDS_MAX: 50,
  /** Length of a sensitive word and of its replacement, characters. */
  SENSITIVE_WORD_MAX_LENGTH: 32,
  /** Users or groups per Server API mute / blacklist call. */
  PER_CALL_MAX: 20,
  /** The longest timed mute, minutes (30 days). */
  MUTE_MAX_MINUTES: 43_200,
} as const;

/** Why a message was blocked (`IBlockedMessageInfo.blockType`). */
export const MessageBlockType = {
  /** A built-in global word (Parley has none; kept for the seeds' numbering). */
  GLOBAL: 1,
  /** One of the app's own sensitive words (Server API `/sensitiveword/*`). */
  CUSTOM: 2,
  /** An external moderation service. */
  THIRD_PARTY: 3,
  /** Parley: the recipient has the sender in their blacklist (405). */
  BLACKLIST: 11,
  /** Parley: the sender is muted, in private chats (20106), in the group (22408) or in the chatroom (23408). */
  MUTED: 12,
} as const;
export type MessageBlockType = (typeof MessageBlockType)[keyof typeof MessageBlockType];

/** `getBlacklistStatus` results (numbered as the SDKs' BlacklistStatus). */
export const BlacklistStatus = {
  IN_BLACKLIST: 0,
  NOT_IN_BLACKLIST: 1,
} as const;
export type BlacklistStatus = (typeof BlacklistStatus)[keyof typeof BlacklistStatus];

// ---- Result codes of the client and the gateway (error-codes.ts) ----

/**
 * Result codes of the protocol client and of gateway replies. Values and names follow the IMLib
 * error code table, so `res.code === ErrorCode.SUCCESS` reads the same as with the seeds' SDK.
 */
export const ErrorCode = {
  SUCCESS: 0,
  /** The request got no reply in time. */
  TIMEOUT: -1,
  UNKNOWN: -2,
  ACTIVE_DISCONNECT: 2,
  SEND_FREQUENCY_TOO_FAST: 20604,
  REQUEST_OVER_FREQUENCY: 20607,
  NOT_IN_GROUP: 22406,
  FORBIDDEN_IN_GROUP: 22408,
  /** Chatroom codes (seeds 002, ~line 11480). */
  NOT_IN_CHATROOM: 23406,
  /** The room is closed: nobody new joins (CommsEase's 13002, "chat room status abnormal"). */
  CHATROOM_CLOSED: 13002,
  GET_USERINFO_ERROR: 23407,
  FORBIDDEN_IN_CHATROOM: 23408,
  RC_CHATROOM_USER_KICKED: 23409,
  RC_CHATROOM_NOT_EXIST: 23410,
  RC_CHATROOM_IS_FULL: 23411,
  RC_CHATROOM_PARAMETER_INVALID: 23412,
  CHATROOM_GET_HISTORYMSG_ERROR: 23413,
  CHATROOM_NOT_OPEN_HISTORYMSG_STORE: 23414,
  CHATROOM_KV_EXCEED: 23423,
  CHATROOM_KV_OVERWRITE_INVALID: 23424,
  CHATROOM_SET_PROPERTY_OVER_FREQUENCY: 23425,
  CHATROOM_KV_STORE_NOT_OPEN: 23426,
  CHATROOM_KEY_NOT_EXIST: 23427,
  CHATROOM_KV_STORE_NOT_ALL_SUCCESS: 23428,
  CHATROOM_KV_STORE_OUT_LIMIT: 23429,
  CHATROOM_KV_SET_ERROR: 23431,
  /** The connection is not usable (yet or any more): also the gateway's answer to any op before `connect`. */
  RC_NET_CHANNEL_INVALID: 30001,
  RC_NET_UNAVAILABLE: 30002,
  RC_MSG_RESP_TIMEOUT: 30003,
  RC_SOCKET_NOT_CREATED: 30010,
  RC_SOCKET_DISCONNECTED: 30011,
  RC_MSG_CONTENT_EXCEED_LIMIT: 30016,
  RC_CONN_ACK_TIMEOUT: 31000,
  RC_CONN_PROTO_VERSION_ERROR: 31001,
  RC_CONN_TOKEN_INCORRECT: 31004,
  /** App verification failed (the seeds' meaning; Parley's gateway has no app verification and never sends it). */
  RC_CONN_NOT_AUTHORIZED: 31005,
  RC_CONN_APP_BLOCKED_OR_DELETED: 31008,
  RC_CONN_USER_BLOCKED: 31009,
  /** The session was ended because the user connected elsewhere (the oldest socket over the cap). */
  RC_DISCONN_KICK: 31010,
  RC_CONN_TOKEN_EXPIRED: 31020,
  /** A connect refused because the user already holds as many sessions as allowed (`socketCapPolicy: 'refuse'`). */
  RC_DISCONN_SAME_CLIENT_ON_LINE: 31023,
  BIZ_ERROR_CLIENT_NOT_INIT: 33001,
  BIZ_ERROR_DATABASE_ERROR: 33002,
  BIZ_ERROR_INVALID_PARAMETER: 33003,
  BIZ_ERROR_CONNECTING: 33006,
  RC_CONNECTION_EXIST: 34001,
  CONNECTION_TIMEOUT: 34006,
  MESSAGE_NOT_REGISTERED: 34021,
  CONVERSATION_TYPE_NOT_SUPPORT: 34201,
  NOT_SUPPORT: 35004,
  ...MessagingErrorCode,
  ...ModerationErrorCode,
  ...PresenceErrorCode,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
