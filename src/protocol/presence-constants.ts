/** Subscriptions and hosted profiles: re-exported from constants.ts, where every protocol constant lives (see there). */
export { SubscribeType, UserGender, PresenceLimits, PresenceErrorCode } from './constants.js';
