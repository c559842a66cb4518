/** Moderation: blacklist, mute and sensitive-word codes, limits, block types: re-exported from constants.ts, where every protocol constant lives (see there). */
export { ModerationErrorCode, ModerationLimits, MessageBlockType, BlacklistStatus } from './constants.js';
