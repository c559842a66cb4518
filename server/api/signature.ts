/**
 * The Server API signature scheme (as in the seeds' Server API): headers `App-Key`, `Nonce`,
 * `Timestamp` (ms since the epoch) and `Signature` = hex SHA-1 of AppSecret + Nonce + Timestamp.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';

/** How far `Timestamp` may be from the server clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** How long a nonce is remembered; longer than the skew window, so a replay is always caught. */
export const NONCE_TTL_MS = 10 * 60_000;

/** The signature of one request. */
export function signRequest(appSecret: string, nonce: string, timestamp: string): string {
  return createHash('sha1').update(appSecret + nonce + timestamp).digest('hex');
}

/** Nonces seen recently; memory is bounded by the request rate times the TTL. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Records the nonce; false when it was already used within the TTL. */
  use(nonce: string): boolean {
    const now = this.clock.now();
    // Map keeps insertion order, so expired nonces sit at the front.
    for (const [key, expiry] of this.seen) {
      if (expiry > now) break;
      this.seen.delete(key);
    }
    const expiry = this.seen.get(nonce);
    if (expiry !== undefined && expiry > now) return false;
    this.seen.delete(nonce);
    this.seen.set(nonce, now + NONCE_TTL_MS);
    return true;
  }
}

export interface SignedHeaders {
  appKey?: string;
  nonce?: string;
  timestamp?: string;
  signature?: string;
}

/** Checks a request's headers; returns why it is refused, or null when it is good. */
export function checkSignature(
  h: SignedHeaders,
  app: { appKey: string; appSecret: string },
  clock: Clock,
  nonces: NonceCache,
): string | null {
  if (!h.appKey || h.appKey !== app.appKey) return 'unknown App-Key';
  if (!h.nonce || h.nonce.length > 128) return 'missing or too long Nonce';
  if (!h.timestamp || !/^\d{1,16}$/.test(h.timestamp)) return 'missing or malformed Timestamp';
  if (Math.abs(clock.now() - Number(h.timestamp)) > MAX_CLOCK_SKEW_MS) return 'Timestamp is more than 5 minutes off';
  const expected = Buffer.from(signRequest(app.appSecret, h.nonce, h.timestamp), 'utf8');
  const given = Buffer.from((h.signature ?? '').toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad Signature';
  // Only a correctly signed request may spend a nonce, so nobody can burn others' nonces.
  if (!nonces.use(h.nonce)) return 'Nonce already used';
  return null;
}
