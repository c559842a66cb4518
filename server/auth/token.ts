import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token asserts. */
export interface TokenClaims {
  userId: string;
  appKey: string;
  /** Issued at, ms since the epoch. */
  issuedAt: number;
  /** Expiry, ms since the epoch; absent = never expires. */
  expireAt?: number;
}

/** Why a token was refused: `incorrect` (forged, malformed, another app) or `expired`. */
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'incorrect' | 'expired' };

/** base64url of 32 bytes: 43 characters, the last one carrying only 2 significant bits. */
const CANONICAL_SIGNATURE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * Issues a compact token: base64url(JSON claims) + '.' + base64url(HMAC-SHA256(payload, secret)).
 * Stateless: any server process holding the App Secret can verify it.
 */
export function issueToken(claims: TokenClaims, secret: string): string {
  const body: Record<string, unknown> = { u: claims.userId, k: claims.appKey, i: claims.issuedAt };
  if (claims.expireAt !== undefined) body.e = claims.expireAt;
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** Verifies signature, app and expiry; the signature is compared in constant time. */
export function verifyToken(token: string, appKey: string, secret: string, now: number): TokenCheck {
  const bad = { ok: false, reason: 'incorrect' } as const;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return bad;
  const payload = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  // One spelling per token: Node's base64url decoder skips padding, whitespace and stray
  // characters, so only the canonical 43-character base64url form of the 32-byte HMAC is read.
  if (!CANONICAL_SIGNATURE.test(signature) || !/^[A-Za-z0-9_-]+$/.test(payload)) return bad;
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload, secret);
  if (
    given.length !== expected.length ||
    given.toString('base64url') !== signature ||
    !timingSafeEqual(given, expected)
  )
    return bad;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return bad;
  }
  if (typeof body !== 'object' || body === null) return bad;
  const { u, k, i, e } = body as Record<string, unknown>;
  if (typeof u !== 'string' || typeof k !== 'string' || typeof i !== 'number') return bad;
  if (e !== undefined && typeof e !== 'number') return bad;
  if (k !== appKey) return bad;
  if (e !== undefined && e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { userId: u, appKey: k, issuedAt: i, expireAt: e } };
}
