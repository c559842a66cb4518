/**
 * Per-room load shedding through the Server API (Parley; the seeds set it per app only). A room's
 * settings replace the app's (`ChatroomOptions.sheddingCeiling` and friends) for that room id, on
 * every node, until removed; they may be set before the room exists.
 */
import * as v from 'valibot';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { settingsSubject, SHEDDING_LIST, sheddingProblem, type SheddingSettings } from '../chatroom/shedding.js';
import type { ApiContext, EndpointTable } from './api-context.js';
import { ApiError, endpoint, id, nonNegativeInt } from './params.js';

const share = v.pipe(
  v.union([v.pipe(v.string(), v.regex(/^\d*\.?\d+$/, 'must be a number 0–1')), v.number()]),
  v.transform(Number),
  v.minValue(0, 'must be ≥ 0'),
  v.maxValue(1, 'must be ≤ 1'),
);
const Settings = v.object({
  chatroomId: id,
  ceiling: v.optional(nonNegativeInt),
  windowMs: v.optional(nonNegativeInt),
  reservedShare: v.optional(share),
});
const RoomOnly = v.object({ chatroomId: id });

/** The settings that apply to the room and whether they are the room's own. */
function describe(
  ctx: ApiContext,
  roomId: string,
): { chatroomId: string; own: boolean; ceiling: number; windowMs: number; reservedShare: number } {
  const shedder = ctx.chatrooms.messaging.shedder;
  const own = shedder.roomSettings(roomId);
  const { ceiling, windowMs, reservedShare } = own ?? shedder.appSettings();
  return { chatroomId: roomId, own: own !== null, ceiling, windowMs, reservedShare };
}

function removeOwn(ctx: ApiContext, roomId: string): void {
  const rows = ctx.chatrooms.moderation.list(SHEDDING_LIST, roomId).map((r) => r.subject);
  if (rows.length > 0) ctx.chatrooms.moderation.remove(SHEDDING_LIST, roomId, rows);
}

export const sheddingEndpoints = {
  /** Sets the room's settings; omitted fields keep the values that apply now. */
  '/chatroom/shedding/set.json': endpoint(Settings, async (p, ctx) => {
    const current = ctx.chatrooms.messaging.shedder.settingsOf(p.chatroomId);
    const next: SheddingSettings = {
      ceiling: p.ceiling ?? current.ceiling,
      windowMs: p.windowMs ?? current.windowMs,
      reservedShare: p.reservedShare ?? current.reservedShare,
    };
    const problem = sheddingProblem(next);
    if (problem) throw new ApiError(400, ServerApiCode.PARAM_ERROR, problem);
    removeOwn(ctx, p.chatroomId);
    ctx.chatrooms.moderation.add(SHEDDING_LIST, p.chatroomId, [settingsSubject(next)]);
    return describe(ctx, p.chatroomId);
  }),
  /** Drops the room's settings: the app's apply again. */
  '/chatroom/shedding/remove.json': endpoint(RoomOnly, async (p, ctx) => {
    removeOwn(ctx, p.chatroomId);
    return describe(ctx, p.chatroomId);
  }),
  /** The settings that apply to the room (`own`: set for this room). */
  '/chatroom/shedding/query.json': endpoint(RoomOnly, async (p, ctx) => describe(ctx, p.chatroomId)),
} satisfies EndpointTable;
