/**
 * A history log export through the Server API: the stored messages of one conversation in a time
 * range, oldest first, in pages joined by a cursor. Chatrooms (type 4) need the chatroom history
 * service on (`historyEnabled`, 23414 otherwise); a private (1) or group (3) conversation is read
 * as the member `userId` sees it (messages she deleted or cleared are left out; a group needs her
 * to be a member, 22406).
 */
import * as v from 'valibot';
import { ConversationType } from '../../src/protocol/enums.js';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { EndpointTable } from './api-context.js';
import { ApiError, endpoint, id, nonNegativeInt } from './params.js';

/** Longest time range one export covers (31 days). */
export const HISTORY_EXPORT_RANGE_MAX_MS = 31 * 86_400_000;
/** Messages per page at most, and by default. */
export const HISTORY_EXPORT_PAGE_MAX = 500;
export const HISTORY_EXPORT_PAGE_DEFAULT = 100;

const CURSOR = /^h1\.(\d{1,16})$/;

const History = v.object({
  conversationType: v.pipe(
    v.union([v.picklist(['1', '3', '4']), v.picklist([1, 3, 4])], 'must be 1 (private), 3 (group) or 4 (chatroom)'),
    v.transform((x) => Number(x) as 1 | 3 | 4),
  ),
  targetId: id,
  /** Whose view of a private or group conversation (required for 1 and 3). */
  userId: v.optional(id),
  startTime: nonNegativeInt,
  endTime: nonNegativeInt,
  limit: v.optional(
    v.pipe(
      nonNegativeInt,
      v.minValue(1, 'must be ≥ 1'),
      v.maxValue(HISTORY_EXPORT_PAGE_MAX, `at most ${HISTORY_EXPORT_PAGE_MAX}`),
    ),
    HISTORY_EXPORT_PAGE_DEFAULT,
  ),
  cursor: v.optional(v.pipe(v.string(), v.regex(CURSOR, 'must be a nextCursor this call returned'))),
});

export const historyEndpoints = {
  /** Messages sent in [startTime, endTime), oldest first; `nextCursor` (null at the end) fetches the next page. */
  '/message/history.json': endpoint(History, async (p, ctx) => {
    if (p.endTime <= p.startTime)
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'endTime: must be after startTime');
    if (p.endTime - p.startTime > HISTORY_EXPORT_RANGE_MAX_MS)
      throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'endTime: the range spans 31 days at most');
    // Messages strictly after `after`: the page before ended there, or the range starts at startTime.
    let after = p.startTime - 1;
    if (p.cursor !== undefined) {
      const last = Number(CURSOR.exec(p.cursor)![1]);
      if (last < p.startTime || last >= p.endTime)
        throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'cursor: not from this time range');
      after = last;
    }
    let page: { list: WireMessage[]; hasMore: boolean };
    if (p.conversationType === ConversationType.CHATROOM) {
      page = await ctx.chatrooms.storedHistory(p.targetId, after, p.limit + 1);
    } else {
      if (p.userId === undefined)
        throw new ApiError(400, ServerApiCode.PARAM_ERROR, 'userId: required for private and group conversations');
      page = await ctx.chat.history(p.userId, {
        conversationType: p.conversationType,
        targetId: p.targetId,
        timestamp: after,
        count: p.limit + 1,
        order: 1,
      });
    }
    // One message past the page tells whether another page has any in the range.
    const inRange = page.list.filter((m) => m.sentTime < p.endTime);
    const messages = inRange.slice(0, p.limit);
    const last = messages[messages.length - 1];
    return { messages, nextCursor: inRange.length > p.limit && last ? `h1.${last.sentTime}` : null };
  }),
} satisfies EndpointTable;
