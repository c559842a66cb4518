/** Chatrooms: limits, the key pattern, event enums: re-exported from constants.ts, where every protocol constant lives (see there). */
export {
  ChatroomLimits,
  KV_KEY_PATTERN,
  ChatroomUserChangeType,
  ChatroomSyncStatus,
  ChatroomSyncReason,
  ChatroomOperateType,
  ChatroomBanType,
  ChatroomEntryType,
} from './constants.js';
