/** Device platforms: re-exported from constants.ts, where every protocol constant lives (see there). */
export { DevicePlatform, DEVICE_PLATFORMS } from './constants.js';
