/**
 * The chatrooms' constants (limits, the key pattern, event enums), apart from the request schemas in
 * chatroom.ts, so the browser's initial load can use them without valibot.
 */
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
