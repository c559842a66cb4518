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
