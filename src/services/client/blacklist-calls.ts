/** The blacklist operations (blacklist.ts), loaded with the first call of any late table (late-tables.ts). */
import type { BlacklistStatus } from '../../protocol/constants.js';
import type { LateOpTable } from './bind.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes } from './types.js';

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const blacklistCalls = {
  /** Adds a user to this user's blacklist (idempotent; 37001 BLACK_ADD_ERROR when it holds 3000 already). */
  addToBlacklist: (ctx: ClientInternals, userId: string) => ctx.port.requestVoid(ctx, 'addToBlacklist', { userId }),
  /** Takes a user out of this user's blacklist (no error when she was not in it). */
  removeFromBlacklist: (ctx: ClientInternals, userId: string) =>
    ctx.port.requestVoid(ctx, 'removeFromBlacklist', { userId }),
  /** This user's blacklist: the user ids, oldest first. */
  async getBlacklist(ctx: ClientInternals): Promise<IAsyncRes<string[]>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getBlacklist', {}), (d) => d.userIds);
  },
  /** Whether `userId` is in this user's blacklist: `BlacklistStatus.IN_BLACKLIST` (0) or `NOT_IN_BLACKLIST` (1). */
  async getBlacklistStatus(ctx: ClientInternals, userId: string): Promise<IAsyncRes<BlacklistStatus>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getBlacklistStatus', { userId }), (d) => d.status);
  },
} satisfies LateOpTable;
