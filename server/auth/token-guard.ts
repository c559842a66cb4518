/**
 * Token revocation and expiry on open sockets. `/user/token/expire.json` stores "tokens of this user
 * issued before T are void" durably (both engines); connects check it, and a periodic sweep closes
 * open sockets whose token expired or was revoked, within `checkMs`. In a cluster each node polls
 * the revocations written since its last poll, so a revocation made on any node reaches all.
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import { FailureLog } from '../failure-log.js';
import type { AbuseStorage } from '../storage/abuse-storage.js';
import type { TokenClaims } from './token.js';

/** Default sweep interval: revoked or expired sessions end within about this long. */
export const DEFAULT_TOKEN_CHECK_MS = 1000;
/** Revocations are re-read this far back, so writers on nodes with a slower clock are not missed. */
const CLOCK_SKEW_MS = 30_000;

/** What the sweep needs from a socket. */
export interface TokenHolder {
  userId: string | null;
  token: Pick<TokenClaims, 'issuedAt' | 'expireAt'> | null;
  /** Tells the client why (`{ reply: null, code }`) and closes with SESSION_END_CLOSE_CODE. */
  endSession(code: number, text: string): void;
}

export interface TokenGuardOptions {
  storage: AbuseStorage;
  clock: Clock;
  /** Sweep interval, ms (default 1000). */
  checkMs?: number;
  log(line: string): void;
}

export class TokenGuard {
  private readonly revoked = new Map<string, number>();
  private cursor: number;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** Polled every second: while the database is away, told once (and when it is back), not each time. */
  private readonly readFailures = new FailureLog('tokens: reading revocations', (line) => this.o.log(line));

  constructor(private readonly o: TokenGuardOptions) {
    this.cursor = o.clock.now() - CLOCK_SKEW_MS;
  }

  /** Whether a token was revoked (read from storage, so every node agrees at connect). */
  async isRevoked(claims: TokenClaims): Promise<boolean> {
    const before = await this.o.storage.revokedBefore(claims.userId);
    this.note(claims.userId, before);
    return claims.issuedAt < before;
  }

  /** Voids the user's tokens issued before `before` (ms), durably, and ends their sessions here now. */
  async revoke(userId: string, before: number, holders: Iterable<TokenHolder>): Promise<void> {
    await this.o.storage.revokeTokens(userId, before, this.o.clock.now());
    this.note(userId, before);
    this.enforce(holders);
  }

  /** Starts the sweep over `holders()` (the gateway's sockets). */
  start(holders: () => Iterable<TokenHolder>): void {
    this.timer = setInterval(() => void this.tick(holders()), this.o.checkMs ?? DEFAULT_TOKEN_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Ends every session whose token expired or was revoked. */
  enforce(holders: Iterable<TokenHolder>): void {
    const now = this.o.clock.now();
    for (const holder of [...holders]) {
      if (!holder.userId || !holder.token) continue;
      if (holder.token.expireAt !== undefined && holder.token.expireAt <= now) {
        holder.endSession(ErrorCode.RC_CONN_TOKEN_EXPIRED, 'token expired');
      } else if (holder.token.issuedAt < (this.revoked.get(holder.userId) ?? 0)) {
        holder.endSession(ErrorCode.RC_CONN_TOKEN_INCORRECT, 'token revoked');
      }
    }
  }

  private async tick(holders: Iterable<TokenHolder>): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const started = this.o.clock.now();
      for (const r of await this.o.storage.revocationsSince(this.cursor)) this.note(r.userId, r.before);
      this.cursor = started - CLOCK_SKEW_MS;
      this.readFailures.succeeded();
    } catch (error) {
      // The database is away: keep enforcing what is known (expiry, earlier revocations).
      this.readFailures.failed(error);
    } finally {
      this.polling = false;
    }
    this.enforce(holders);
  }

  private note(userId: string, before: number): void {
    if (before > (this.revoked.get(userId) ?? 0)) this.revoked.set(userId, before);
  }
}
