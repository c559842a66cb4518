/** The server's HTTP and WebSocket paths: re-exported from constants.ts, where every protocol constant lives (see there). */
export { GATEWAY_PATH, UPLOAD_PATH, MEDIA_PATH_PREFIX } from './constants.js';
