/**
 * The blacklist (seeds: 黑名单管理): users in it cannot send this user private messages (they get
 * 405 REJECTED_BY_BLACKLIST); she can still message them. One-way, at most 3000 users (37001).
 */
import { BlacklistStatus } from '../../protocol/moderation.js';
import { onDefaultClient, type OpTable } from './bind.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import type { IAsyncRes } from './types.js';

/**
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const blacklistOps = {
  /** Adds a user to this user's blacklist (idempotent; 37001 BLACK_ADD_ERROR when it holds 3000 already). */
  addToBlacklist: (ctx: ClientInternals, userId: string) => requestVoid(ctx, 'addToBlacklist', { userId }),
  /** Takes a user out of this user's blacklist (no error when she was not in it). */
  removeFromBlacklist: (ctx: ClientInternals, userId: string) => requestVoid(ctx, 'removeFromBlacklist', { userId }),
  /** This user's blacklist: the user ids, oldest first. */
  async getBlacklist(ctx: ClientInternals): Promise<IAsyncRes<string[]>> {
    return mapData(await request(ctx, 'getBlacklist', {}), (d) => d.userIds);
  },
  /** Whether `userId` is in this user's blacklist: `BlacklistStatus.IN_BLACKLIST` (0) or `NOT_IN_BLACKLIST` (1). */
  async getBlacklistStatus(ctx: ClientInternals, userId: string): Promise<IAsyncRes<BlacklistStatus>> {
    return mapData(await request(ctx, 'getBlacklistStatus', { userId }), (d) => d.status);
  },
} satisfies OpTable;

// The module-level functions (the seeds' `RongIMLib.addToBlacklist(...)` style): the same operations on the
// default client, each documented on the `ParleyClient` method of its name.
/** `ParleyClient.addToBlacklist`, on the default client. */
export const addToBlacklist = /* @__PURE__ */ onDefaultClient(blacklistOps, 'addToBlacklist');
/** `ParleyClient.removeFromBlacklist`, on the default client. */
export const removeFromBlacklist = /* @__PURE__ */ onDefaultClient(blacklistOps, 'removeFromBlacklist');
/** `ParleyClient.getBlacklist`, on the default client. */
export const getBlacklist = /* @__PURE__ */ onDefaultClient(blacklistOps, 'getBlacklist');
/** `ParleyClient.getBlacklistStatus`, on the default client. */
export const getBlacklistStatus = /* @__PURE__ */ onDefaultClient(blacklistOps, 'getBlacklistStatus');
