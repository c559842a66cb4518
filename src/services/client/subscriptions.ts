/**
 * Online status subscriptions and server-hosted profiles (seeds 5.9.8 订阅用户在线状态, 5.10.1 用户信息
 * 托管): the operations, the `subscription` pushes turned into events, and the sync after a connect.
 */
import { ErrorCode, SubscribeType } from '../../protocol/constants.js';
import type { SubscriptionPush, WireSubscribeUserStatus, WireUserProfile } from '../../protocol/presence.js';
import { onDefaultClient } from './bind.js';
import { Events } from './events.js';
import type { ClientInternals } from './internals.js';
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

/** A `subscription` push as events; `sessionId` is this socket's (its own profile change is not news to it). */
export function onSubscriptionPush(ctx: ClientInternals, data: SubscriptionPush['data'], sessionId: string): void {
  if (data.kind === 'status') ctx.emitter.emit(Events.SUBSCRIBED_USER_STATUS_CHANGE, data.list);
  else if (data.origin !== sessionId) ctx.emitter.emit(Events.OWN_USER_PROFILE_CHANGED, data.profile);
}

/**
 * After a (re)connect, when the app listens to either event: the current state of everything this user follows, as one
 * SUBSCRIBED_USER_STATUS_CHANGE per type (when there is any), then SYNC_SUBSCRIBED_USER_STATUS_FINISHED
 * with the type. Returns false when a read failed (the next reconnect tries again).
 */
export async function syncSubscriptions(ctx: ClientInternals, stillCurrent: () => boolean): Promise<boolean> {
  // An app that follows nobody's status pays nothing for the feature on each connect.
  if (
    !ctx.emitter.listens(Events.SUBSCRIBED_USER_STATUS_CHANGE) &&
    !ctx.emitter.listens(Events.SYNC_SUBSCRIBED_USER_STATUS_FINISHED)
  )
    return true;
  for (const subscribeType of [SubscribeType.ONLINE_STATUS, SubscribeType.USER_PROFILE]) {
    const res = await ctx.call('getSubscribedUserStatusList', { subscribeType });
    if (!stillCurrent()) return false;
    if (res.code !== ErrorCode.SUCCESS || !res.data) return false;
    if (res.data.list.length > 0) ctx.emitter.emit(Events.SUBSCRIBED_USER_STATUS_CHANGE, res.data.list);
    ctx.emitter.emit(Events.SYNC_SUBSCRIBED_USER_STATUS_FINISHED, subscribeType);
  }
  return true;
}

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
