import { randomBytes } from 'node:crypto';

// Crockford base32: sortable as plain strings, no ambiguous letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number, length: number): string {
  let out = '';
  let rest = Math.max(0, Math.floor(ms));
  for (let i = 0; i < length; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** Random bytes drawn in blocks: one call into the CSPRNG per few hundred ids instead of one per id. */
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let used = 0;

function encodeRandom(length: number): string {
  if (length > POOL_BYTES) return encodeBytes(randomBytes(length), 0, length);
  if (used + length > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const out = encodeBytes(pool, used, length);
  used += length;
  return out;
}

function encodeBytes(bytes: Buffer, from: number, length: number): string {
  let out = '';
  for (let i = from; i < from + length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

/**
 * A message UID: 10 chars of time then 12 random chars, so ids sort by time and never collide in
 * practice (60 random bits per ms), even across server processes.
 */
export function newMessageUId(sentTime: number): string {
  return encodeTime(sentTime, 10) + encodeRandom(12);
}

/** A random opaque id (sessions, generated client message ids). */
export function newId(length = 16): string {
  return encodeRandom(length);
}
