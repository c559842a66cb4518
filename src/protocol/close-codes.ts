/**
 * The WebSocket close code by which the gateway ends a session whose token stopped being valid
 * (expired, or revoked by `/user/token/expire.json`). The close reason starts with the ErrorCode
 * (`RC_CONN_TOKEN_EXPIRED` 31020 or `RC_CONN_TOKEN_INCORRECT` 31004), so the client can tell the
 * app (Events.DISCONNECT with that code) and the app can fetch a new token and connect again.
 */
export const TOKEN_CLOSE_CODE = 4003;

/** The close reason for a token close: `"<errorCode> <text>"`. */
export function tokenCloseReason(errorCode: number, text: string): string {
  return `${errorCode} ${text}`.slice(0, 120);
}

/** The ErrorCode a token close carries, or undefined for any other close. */
export function errorCodeOfTokenClose(code: number, reason: string | undefined): number | undefined {
  if (code !== TOKEN_CLOSE_CODE) return undefined;
  const match = /^(\d{5}) /.exec(reason ?? '');
  return match ? Number(match[1]) : undefined;
}
