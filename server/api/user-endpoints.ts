/** Server API endpoints of users: tokens. */
import * as v from 'valibot';
import { issueToken } from '../auth/token.js';
import type { EndpointTable } from './api-context.js';
import { endpoint, id, nonNegativeInt, text } from './params.js';

const GetToken = v.object({
  userId: id,
  name: v.optional(text(64), ''),
  portraitUri: v.optional(text(1024), ''),
  /** Optional expiry, ms since the epoch; absent = the token never expires. */
  expireAt: v.optional(nonNegativeInt),
});

export const userEndpoints = {
  '/user/getToken.json': endpoint(GetToken, async (p, ctx) => {
    const now = ctx.clock.now();
    await ctx.chat.storage.upsertUser({ id: p.userId, name: p.name, portraitUri: p.portraitUri }, now);
    const token = issueToken(
      { userId: p.userId, appKey: ctx.appKey, issuedAt: now, expireAt: p.expireAt },
      ctx.appSecret,
    );
    return { userId: p.userId, token };
  }),
} satisfies EndpointTable;
