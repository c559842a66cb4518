/**
 * The moderation part of the contract: blacklist, mute and sensitive-word result codes (the IMLib
 * error code table's values), their limits, and the `MESSAGE_BLOCKED` block types. Constants only
 * (no valibot), so the client's initial load can use them.
 */

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
