/** Messaging features: do-not-disturb, recall rules, limits, uploads: re-exported from constants.ts, where every protocol constant lives (see there). */
export {
  NotificationLevel,
  NotificationStatus,
  RECALL_BY,
  type RecallBy,
  type RecallPolicy,
  MessagingLimits,
  EXPANSION_KEY_PATTERN,
  UPLOAD_MAX_BYTES_DEFAULT,
  UPLOAD_IMAGE_TYPES,
} from './constants.js';
