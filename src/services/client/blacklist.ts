/**
 * The blacklist (seeds: 黑名单管理): users in it cannot send this user private messages (they get
 * 405 REJECTED_BY_BLACKLIST); she can still message them. One-way, at most 3000 users (37001).
 */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/**
 * The operations of this feature (blacklist-calls.ts), loaded with the first call of any of them (late-tables.ts).
 * Kept public (not marked internal): the published `ParleyClient` type refers to it for its methods'
 * signatures and TSDoc.
 */
export const blacklistOps = /* @__PURE__ */ lateTable('blacklistCalls', {
  addToBlacklist: true,
  removeFromBlacklist: true,
  getBlacklist: true,
  getBlacklistStatus: true,
});

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
