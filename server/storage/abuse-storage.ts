/**
 * The storage contract of abuse resistance: token revocations (durable, read by every node) and
 * the per-user accounting of media (quota, listing, removal). SQLite: `sqlite-abuse.ts`;
 * PostgreSQL: `pg-abuse.ts`; both held to `test/server/abuse*.test.ts`.
 */
import type { MediaRecord } from './messaging-storage.js';

/** A user's tokens issued before `before` are revoked (`/user/token/expire.json`). */
export interface TokenRevocation {
  userId: string;
  /** Tokens with `issuedAt < before` are refused, ms. */
  before: number;
  /** When the revocation was written (server clock), for nodes that poll for new ones. */
  updatedTime: number;
}

export interface AbuseStorage {
  /** Records (or moves later, never earlier) the time before which the user's tokens are void. */
  revokeTokens(userId: string, before: number, now: number): Promise<void>;
  /** The user's revocation time, 0 when none. */
  revokedBefore(userId: string): Promise<number>;
  /** Revocations written at or after `since`, oldest first (nodes poll this). */
  revocationsSince(since: number): Promise<TokenRevocation[]>;

  /** Whether the server knows the user: registered (got a token) or a member of some group. */
  userExists(userId: string): Promise<boolean>;

  /** Bytes and files a user has stored. */
  mediaUsage(userId: string): Promise<{ bytes: number; files: number }>;
  /** A user's media, newest first, at most `limit`. */
  listMedia(userId: string, limit: number, offset: number): Promise<MediaRecord[]>;
  /** Removes a media record; false when there was none. */
  deleteMedia(id: string): Promise<boolean>;
}
