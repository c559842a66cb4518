/**
 * Online status subscriptions and server-hosted profiles (seeds 5.9.8 订阅用户在线状态, 5.10.1 用户信息
 * 托管): the operations, the `subscription` pushes turned into events, and the sync after a connect.
 */
import type { WireSubscribeUserStatus, WireUserProfile } from '../../protocol/presence.js';
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/** A subscribed user's change (seeds' `ISubscribeUserStatusInfo`); see docs/client.md for `details`. */
export type ISubscribeUserStatusInfo = WireSubscribeUserStatus;
/** A hosted profile (seeds' `IUserProfileInfo`). */
export type IUserProfileInfo = WireUserProfile;
/** What `updateMyUserProfile` takes: any of the settable fields (`uniqueId` is not settable). */
export type IUserProfilePatch = Partial<Omit<WireUserProfile, 'userId' | 'updateTime'>> & {
  /** The seeds' example spells `userExtProfile` so; taken as `userExtProfile`. */
  extraProfile?: Record<string, string>;
};

/**
 * The operations of this feature (subscription-calls.ts), loaded with the first call of any of them (late-tables.ts).
 * Kept public (not marked internal): the published `ParleyClient` type refers to it for its methods'
 * signatures and TSDoc.
 */
export const subscriptionOps = /* @__PURE__ */ lateTable('subscriptionCalls', {
  subscribeUserStatus: true,
  unSubscribeUserStatus: true,
  getSubscribeUserStatus: true,
  getSubscribeUserList: true,
  updateMyUserProfile: true,
  getMyUserProfile: true,
  getUserProfiles: true,
});

// The module-level functions (the seeds' `RongIMLib.subscribeUserStatus(...)` style), on the default client.
/** `ParleyClient.subscribeUserStatus`, on the default client. */
export const subscribeUserStatus = /* @__PURE__ */ onDefaultClient(subscriptionOps, 'subscribeUserStatus');
/** `ParleyClient.unSubscribeUserStatus`, on the default client. */
export const unSubscribeUserStatus = /* @__PURE__ */ onDefaultClient(subscriptionOps, 'unSubscribeUserStatus');
/** `ParleyClient.getSubscribeUserStatus`, on the default client. */
export const getSubscribeUserStatus = /* @__PURE__ */ onDefaultClient(subscriptionOps, 'getSubscribeUserStatus');
/** `ParleyClient.getSubscribeUserList`, on the default client. */
export const getSubscribeUserList = /* @__PURE__ */ onDefaultClient(subscriptionOps, 'getSubscribeUserList');
/** `ParleyClient.updateMyUserProfile`, on the default client. */
export const updateMyUserProfile = /* @__PURE__ */ onDefaultClient(subscriptionOps, 'updateMyUserProfile');
/** `ParleyClient.getMyUserProfile`, on the default client. */
export const getMyUserProfile = /* @__PURE__ */ onDefaultClient(subscriptionOps, 'getMyUserProfile');
/** `ParleyClient.getUserProfiles`, on the default client. */
export const getUserProfiles = /* @__PURE__ */ onDefaultClient(subscriptionOps, 'getUserProfiles');
