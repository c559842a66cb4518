/** WebSocket close codes the gateway uses (4000–4999 belong to the application). */
export const CloseCode = {
  /** The connect request was refused (bad or expired token). */
  CONNECT_REFUSED: 4001,
  /** No successful connect within `Limits.CONNECT_DEADLINE_MS`. */
  CONNECT_DEADLINE: 4002,
  /** The server is shutting down. */
  SHUTDOWN: 1001,
} as const;
