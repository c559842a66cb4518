/**
 * The messaging features' constants (limits, do-not-disturb levels, upload defaults), apart from the
 * request schemas in messaging.ts, so the browser's initial load can use them without valibot.
 */
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
