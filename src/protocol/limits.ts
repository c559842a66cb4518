/** Limits shared by client and server: re-exported from constants.ts, where every protocol constant lives (see there). */
export { Limits, ID_PATTERN } from './constants.js';
