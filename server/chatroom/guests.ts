/**
 * Anonymous chatroom guests (seeds 003: "anonymous guests can join the chat room without logging
 * in"). The app's backend asks the Server API for a guest token naming one room; a guest connects
 * with it (no account), may join only that room and only while the app admits guests there, and
 * reads only unless the app lets guests of that room send. Guests are counted apart from members.
 *
 * A guest token cannot pass for a user token or the reverse: it starts with `g1.` (a user token has
 * one dot) and is signed with a key derived from the App Secret for guest tokens only.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Moderation } from './moderation.js';
import type { Room } from './room.js';

/** Every guest's user id starts with this (apps should not give accounts such ids). */
export const GUEST_PREFIX = 'guest:';
const TOKEN_PREFIX = 'g1.';
/** Longest guest token lifetime the Server API issues, seconds (a day). */
export const GUEST_TOKEN_MAX_SECONDS = 86_400;

/** Guest settings (`startServer({ chatroom: { guests } })`). */
export interface GuestOptions {
  /** Messages one guest may send per minute in rooms that let guests send (default 6; cluster-wide). */
  sendsPerMinute?: number;
  /** Guests one room holds at most on this node (default 0: no cap); one more is refused with 23411. */
  maxPerRoom?: number;
}

export type GuestConfig = Required<GuestOptions>;

export function guestConfig(options: GuestOptions = {}): GuestConfig {
  return { sendsPerMinute: options.sendsPerMinute ?? 6, maxPerRoom: options.maxPerRoom ?? 0 };
}

/** What a guest token asserts. */
export interface GuestClaims {
  /** The guest's user id (`guest:<id>`). */
  userId: string;
  /** The one room the guest may join. */
  roomId: string;
  issuedAt: number;
  expireAt: number;
}

/** How a room admits guests: not at all, to read, or to read and send. */
export type GuestPolicy = 'none' | 'read' | 'send';

function guestKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('parley guest token v1').digest();
}

/** Whether a connect token is a guest token (the gateway then connects a guest). */
export function isGuestToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX);
}

/** Issues a guest token: `g1.` + base64url(JSON claims) + `.` + base64url(HMAC). */
export function issueGuestToken(claims: GuestClaims, appKey: string, secret: string): string {
  const body = { u: claims.userId, r: claims.roomId, k: appKey, i: claims.issuedAt, e: claims.expireAt };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${TOKEN_PREFIX}${payload}.${createHmac('sha256', guestKey(secret)).update(payload).digest('base64url')}`;
}

/** Verifies a guest token (signature in constant time, app, expiry). */
export function verifyGuestToken(
  token: string,
  appKey: string,
  secret: string,
  now: number,
): { ok: true; claims: GuestClaims } | { ok: false; reason: 'incorrect' | 'expired' } {
  const bad = { ok: false, reason: 'incorrect' } as const;
  if (!isGuestToken(token)) return bad;
  const [payload, signature, ...rest] = token.slice(TOKEN_PREFIX.length).split('.');
  if (!payload || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(payload)) return bad;
  const expected = createHmac('sha256', guestKey(secret)).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (
    given.length !== expected.length ||
    given.toString('base64url') !== signature ||
    !timingSafeEqual(given, expected)
  )
    return bad;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return bad;
  }
  const { u, r, k, i, e } = body;
  if (
    typeof u !== 'string' ||
    !u.startsWith(GUEST_PREFIX) ||
    typeof r !== 'string' ||
    typeof i !== 'number' ||
    typeof e !== 'number'
  )
    return bad;
  if (k !== appKey) return bad;
  if (e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { userId: u, roomId: r, issuedAt: i, expireAt: e } };
}

/**
 * Which rooms admit guests (a moderation list, `guests`: durable, on every node) and who the guests
 * are. Guests are room members like any other (fan-out, quit, offline rule); this keeps the ids
 * per room so counts and member lists can tell them apart.
 */
export class ChatroomGuests {
  readonly config: GuestConfig;
  /** Guest sessions by connection (a WeakMap: a closed socket needs no cleanup). */
  private readonly sessions = new WeakMap<object, GuestClaims>();
  /** Guest ids per room on this node; pruned against the room's members when read. */
  private readonly byRoom = new Map<string, Set<string>>();

  constructor(
    private readonly moderation: Pick<Moderation, 'add' | 'remove' | 'has'>,
    options: GuestOptions = {},
  ) {
    this.config = guestConfig(options);
  }

  /** Admits guests to rooms, to read or (`canSend`) to read and send. */
  allow(roomIds: string[], canSend: boolean): void {
    for (const roomId of roomIds) {
      this.moderation.remove('guests', roomId, [canSend ? 'read' : 'send']);
      this.moderation.add('guests', roomId, [canSend ? 'send' : 'read']);
    }
  }

  /** Stops admitting guests (those in the room stay until they leave; kick them to remove them). */
  disallow(roomIds: string[]): void {
    for (const roomId of roomIds) this.moderation.remove('guests', roomId, ['read', 'send']);
  }

  policy(roomId: string): GuestPolicy {
    if (this.moderation.has('guests', roomId, 'send')) return 'send';
    if (this.moderation.has('guests', roomId, 'read')) return 'read';
    return 'none';
  }

  /** Marks a connection as a guest's. */
  bind(conn: object, claims: GuestClaims): void {
    this.sessions.set(conn, claims);
  }

  /** The guest claims of a connection, or undefined for a user's. */
  of(conn: object): GuestClaims | undefined {
    return this.sessions.get(conn);
  }

  /** A guest joined a room (on this node). */
  joined(roomId: string, userId: string): void {
    let set = this.byRoom.get(roomId);
    if (!set) this.byRoom.set(roomId, (set = new Set()));
    set.add(userId);
  }

  /** The guests in a room on this node (those who left are dropped here). */
  guestsIn(room: Room): string[] {
    const set = this.byRoom.get(room.id);
    if (!set) return [];
    for (const userId of set) if (!room.members.has(userId)) set.delete(userId);
    if (set.size === 0) this.byRoom.delete(room.id);
    return [...set];
  }

  count(room: Room): number {
    return this.guestsIn(room).length;
  }
}

/** Whether a user id is a guest's. */
export function isGuest(userId: string): boolean {
  return userId.startsWith(GUEST_PREFIX);
}
