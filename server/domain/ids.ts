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

function encodeRandom(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
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
