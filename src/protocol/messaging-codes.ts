/** Result codes of the messaging features: re-exported from constants.ts, where every protocol constant lives (see there). */
export { MessagingErrorCode } from './constants.js';
