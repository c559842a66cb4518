/**
 * The steps every `connect` shares, for a user's token and a chatroom guest's alike: refuse a bad,
 * expired or revoked token (and close the socket), admit the session under the device policy,
 * register it (so its bus channel is heard before anything is read), reply, then start pushes.
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { TokenCheck } from '../auth/token.js';
import { newId } from '../domain/ids.js';
import { CloseCode } from './close-codes.js';
import type { Connection } from './connection.js';
import type { GatewayContext } from './handler-context.js';

export interface SessionKind {
  /** Names the session in the log line ("" for users, "guest " for guests). */
  label: string;
  /** Runs once the session is authenticated, before it is registered. */
  bind?(conn: Connection): void;
  /** The reply's fields besides userId, sessionId and serverTime; read after registering. */
  reply(userId: string): Promise<Record<string, unknown>>;
}

export async function openSession(
  conn: Connection,
  id: number,
  platform: Connection['platform'],
  ctx: GatewayContext,
  check: TokenCheck,
  kind: SessionKind,
): Promise<void> {
  conn.connecting = true;
  try {
    if (!check.ok) {
      const expired = check.reason === 'expired';
      const why = expired ? 'token expired' : 'token incorrect';
      conn.reply(id, expired ? ErrorCode.RC_CONN_TOKEN_EXPIRED : ErrorCode.RC_CONN_TOKEN_INCORRECT, undefined, why);
      conn.socket.close(CloseCode.CONNECT_REFUSED, why);
      return;
    }
    const claims = check.claims;
    if (await ctx.tokens.isRevoked(claims)) {
      conn.reply(id, ErrorCode.RC_CONN_TOKEN_INCORRECT, undefined, 'token revoked');
      conn.socket.close(CloseCode.CONNECT_REFUSED, 'token revoked');
      return;
    }
    const sessionId = newId(12);
    conn.platform = platform;
    if (!(await ctx.registry.admits(claims.userId, sessionId, platform))) {
      conn.reply(
        id,
        ErrorCode.RC_DISCONN_SAME_CLIENT_ON_LINE,
        undefined,
        'already connected on as many devices as allowed',
      );
      conn.socket.close(CloseCode.CONNECT_REFUSED, 'too many sessions');
      return;
    }
    conn.authenticated(claims.userId, sessionId, claims);
    kind.bind?.(conn);
    // Register (and hear the user's bus channel) before reading anything for the reply: whatever is
    // appended after that read arrives as a (held) push.
    let fields: Record<string, unknown>;
    try {
      await ctx.registry.add(conn);
      fields = await kind.reply(claims.userId);
    } catch (error) {
      conn.unauthenticated();
      throw error;
    }
    conn.reply(id, ErrorCode.SUCCESS, { userId: claims.userId, sessionId, serverTime: ctx.clock.now(), ...fields });
    conn.startPushes();
    ctx.log(`gateway: ${kind.label}${claims.userId} connected (session ${sessionId})`);
  } finally {
    conn.connecting = false;
  }
}
