/**
 * The WebSocket close code by which the gateway ends a session for a reason the app must act on:
 * its token expired (`RC_CONN_TOKEN_EXPIRED` 31020) or was revoked by `/user/token/expire.json`
 * (`RC_CONN_TOKEN_INCORRECT` 31004), or the user opened more sockets than allowed
 * (`RC_DISCONN_KICK` 31010). The close reason starts with that ErrorCode, so the client can tell
 * the app (Events.DISCONNECT with the code) instead of reconnecting by itself.
 */
export const SESSION_END_CLOSE_CODE = 4003;

/** The close reason of a session end: `"<errorCode> <text>"`. */
export function sessionEndReason(errorCode: number, text: string): string {
  return `${errorCode} ${text}`.slice(0, 120);
}

/** The ErrorCode a session end carries, or undefined for any other close. */
export function errorCodeOfSessionEnd(code: number, reason: string | undefined): number | undefined {
  if (code !== SESSION_END_CLOSE_CODE) return undefined;
  const match = /^(\d{5}) /.exec(reason ?? '');
  return match ? Number(match[1]) : undefined;
}
