/**
 * Server API endpoints of abuse resistance: token revocation (RongCloud's `/user/token/expire.json`)
 * and the admin view of a user's media (list and remove).
 */
import * as v from 'valibot';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import type { EndpointTable } from './api-context.js';
import { ApiError, endpoint, id, idList, nonNegativeInt } from './params.js';

const ExpireTokens = v.object({ userId: idList, time: nonNegativeInt });
const ListMedia = v.object({
  userId: id,
  count: v.optional(v.pipe(nonNegativeInt, v.minValue(1), v.maxValue(1000)), 100),
  offset: v.optional(nonNegativeInt, 0),
});
const RemoveMedia = v.object({ userId: id, mediaId: v.optional(idList) });
const HistorySetting = v.object({
  groupId: id,
  enabled: v.union([v.picklist(['0', '1', 'true', 'false', 'default', 0, 1]), v.boolean()], 'must be 0, 1 or default'),
});

export const abuseEndpoints = {
  /**
   * Voids every token of the users issued before `time` (ms). Their sockets holding such a token
   * are closed within seconds (code 31004, "token revoked"); tokens issued at or after `time` work.
   */
  '/user/token/expire.json': endpoint(ExpireTokens, async (p, ctx) => {
    for (const userId of p.userId) await ctx.tokens.revoke(userId, p.time);
    return {};
  }),

  /**
   * Parley: whether new members of this group read the messages sent before they joined
   * (`enabled` 1), only from their join (0, the seeds' default), or as the server is configured
   * (`default`). A dismissed group's messages stay unreadable either way.
   */
  '/group/history/beforeJoin.json': endpoint(HistorySetting, async (p, ctx) => {
    const value =
      p.enabled === 'default'
        ? null
        : p.enabled === 1 || p.enabled === '1' || p.enabled === 'true' || p.enabled === true;
    await ctx.groups.setHistoryBeforeJoin(p.groupId, value);
    return {};
  }),

  /** A user's uploads, newest first, with the total they count against the quota. */
  '/user/media/list.json': endpoint(ListMedia, async (p, ctx) => {
    const [list, usage] = await Promise.all([ctx.media.list(p.userId, p.count, p.offset), ctx.media.usage(p.userId)]);
    return { userId: p.userId, totalBytes: usage.bytes, totalCount: usage.files, list };
  }),

  /** Removes the listed uploads of the user (all of them without `mediaId`); files are deleted. */
  '/user/media/remove.json': endpoint(RemoveMedia, async (p, ctx) => {
    const ids = p.mediaId ?? (await ctx.media.list(p.userId, 100_000, 0)).map((m) => m.id);
    let removed = 0;
    for (const mediaId of ids) {
      const record = await ctx.media.get(mediaId);
      if (!record || record.userId !== p.userId) {
        if (p.mediaId)
          throw new ApiError(400, ServerApiCode.PARAM_ERROR, `mediaId: ${mediaId} is not an upload of ${p.userId}`);
        continue;
      }
      if (await ctx.media.remove(mediaId)) removed++;
    }
    return { removed };
  }),
} satisfies EndpointTable;
