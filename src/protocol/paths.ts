/** The server's HTTP and WebSocket paths (a module of its own: the browser's initial load needs them, not the schemas). */

/** WebSocket path on the server; the client derives `ws(s)://host/ws` from the `navi` base URL. */
export const GATEWAY_PATH = '/ws';

/** Upload endpoint paths (HTTP, same origin as the gateway). */
export const UPLOAD_PATH = '/upload';
export const MEDIA_PATH_PREFIX = '/media/';
