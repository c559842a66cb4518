/** Connection states, numbered as in the IMLib `ConnectionStatus` table. */
export const ConnectionStatus = {
  CONNECTED: 0,
  CONNECTING: 1,
  /** Disconnected on purpose (`disconnect()`), after an auth failure, or never connected. */
  DISCONNECTED: 2,
  /** The network is down; the client reconnects by itself. */
  NETWORK_UNAVAILABLE: 3,
  /** The socket broke; the client reconnects by itself. */
  SOCKET_ERROR: 4,
  KICKED_OFFLINE_BY_OTHER_CLIENT: 6,
  BLOCKED: 9,
  DOMAIN_INCORRECT: 12,
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];
