/**
 * The Server API signature scheme (as in the seeds' Server API): headers `App-Key`, `Nonce`,
 * `Timestamp` (ms since the epoch) and `Signature` = hex SHA-1 of AppSecret + Nonce + Timestamp.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';

/** How far `Timestamp` may be from the server clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** How long a nonce is remembered; longer than the skew window, so a replay is always caught. */
export const NONCE_TTL_MS = 10 * 60_000;

/** The signature of one request. */
export function signRequest(appSecret: string, nonce: string, timestamp: string): string {
  return createHash('sha1')
    .update(appSecret + nonce + timestamp)
    .digest('hex');
}

/**
 * The `Body-Signature` of what the server POSTs to the app (status sync, push webhook): hex
 * HMAC-SHA256 with the App Secret of Timestamp + "." + body, so a body cannot be swapped under a
 * valid header signature.
 */
export function signBody(appSecret: string, timestamp: string, body: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * For an app's webhook: whether a POST from the server is genuine (its `Signature` and
 * `Body-Signature` match, and its `Timestamp` is within 5 minutes of `now`). Pass the raw body text.
 */
export function verifyWebhook(
  request: { headers: Record<string, string | string[] | undefined>; body: string },
  appSecret: string,
  now = Date.now(),
): boolean {
  const header = (name: string) => {
    const value = request.headers[name] ?? request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const nonce = header('nonce');
  const timestamp = header('timestamp');
  if (!nonce || !timestamp || !/^\d{1,16}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > MAX_CLOCK_SKEW_MS)
    return false;
  const same = (a: string, b: string | undefined) =>
    b !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b.toLowerCase()));
  return (
    same(signRequest(appSecret, nonce, timestamp), header('signature')) &&
    same(signBody(appSecret, timestamp, request.body), header('body-signature'))
  );
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
