/**
 * Anonymous chatroom guests through the Server API (Parley's paths; seeds 003 names anonymous
 * guests). The app admits guests per room (to read, or to read and send), and its backend issues
 * each visitor a short-lived guest token for one room; the visitor connects with it, no account.
 */
import * as v from 'valibot';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { newId } from '../domain/ids.js';
import { GUEST_PREFIX, GUEST_TOKEN_MAX_SECONDS, issueGuestToken } from '../chatroom/guests.js';
import type { EndpointTable } from './api-context.js';
import { ApiError, endpoint, flag, id, idList, nonNegativeInt } from './params.js';

const Allow = v.object({ chatroomId: idList, canSend: flag(false) });
const Disallow = v.object({ chatroomId: idList });
const Query = v.object({ chatroomId: id });
const Token = v.object({
  chatroomId: id,
  /** The app's own visitor id (a guest reconnecting keeps it); default a random one. */
  guestId: v.optional(
    v.pipe(id, v.maxLength(64 - GUEST_PREFIX.length, `at most ${64 - GUEST_PREFIX.length} characters`)),
  ),
  expireSeconds: v.optional(
    v.pipe(
      nonNegativeInt,
      v.minValue(60, 'at least 60'),
      v.maxValue(GUEST_TOKEN_MAX_SECONDS, `at most ${GUEST_TOKEN_MAX_SECONDS}`),
    ),
    3600,
  ),
});

export const chatroomGuestEndpoints = {
  '/chatroom/guest/allow.json': endpoint(Allow, async (p, ctx) => {
    // Every room first: a missing one (23410) changes nothing.
    for (const roomId of p.chatroomId) ctx.chatrooms.get(roomId);
    ctx.chatrooms.guests.allow(p.chatroomId, p.canSend);
    return {};
  }),
  '/chatroom/guest/disallow.json': endpoint(Disallow, async (p, ctx) => {
    for (const roomId of p.chatroomId) ctx.chatrooms.get(roomId);
    ctx.chatrooms.guests.disallow(p.chatroomId);
    return {};
  }),
  '/chatroom/guest/query.json': endpoint(Query, async (p, ctx) => {
    const guests = ctx.chatrooms.guests.guestsIn(ctx.chatrooms.get(p.chatroomId));
    return {
      policy: ctx.chatrooms.guests.policy(p.chatroomId),
      guestCount: guests.length,
      guests: guests.slice(0, 500),
    };
  }),
  '/chatroom/guest/token.json': endpoint(Token, async (p, ctx) => {
    ctx.chatrooms.get(p.chatroomId);
    if (ctx.chatrooms.guests.policy(p.chatroomId) === 'none') {
      throw new ApiError(
        400,
        ErrorCode.NOT_SUPPORT,
        `chatroom ${p.chatroomId} does not admit guests (see /chatroom/guest/allow.json)`,
      );
    }
    const issuedAt = ctx.clock.now();
    const userId = `${GUEST_PREFIX}${p.guestId ?? newId(16)}`;
    const expireAt = issuedAt + p.expireSeconds * 1000;
    const token = issueGuestToken({ userId, roomId: p.chatroomId, issuedAt, expireAt }, ctx.appKey, ctx.appSecret);
    return { token, userId, expireAt };
  }),
} satisfies EndpointTable;
