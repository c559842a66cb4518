/** The subscription and hosted profile operations (subscriptions.ts), loaded with the first call of any late table (late-tables.ts). */
import { ErrorCode, SubscribeType } from '../../protocol/constants.js';
import type { SubscriptionPush } from '../../protocol/presence.js';
import type { LateOpTable } from './bind.js';
import type { ClientInternals } from './internals.js';
import type { ISubscribeUserStatusInfo, IUserProfileInfo, IUserProfilePatch } from './subscriptions.js';
import type { IAsyncRes } from './types.js';

type PresenceOp =
  | 'subscribeUserStatus'
  | 'unSubscribeUserStatus'
  | 'getSubscribeUserStatus'
  | 'getSubscribedUserStatusList'
  | 'updateMyUserProfile'
  | 'getMyUserProfile'
  | 'getUserProfiles';

/** Checks the arguments with the op's schema (33003 without the network), then sends. */
async function send<O extends PresenceOp>(ctx: ClientInternals, op: O, data: unknown) {
  const checked = await ctx.port.checkRequest(op, data);
  if (!checked.ok) return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: checked.msg };
  return ctx.call(op, checked.data as never);
}

/** Keeps code and msg, and the seeds' `data` on a refusal (26021 lists the users at their limit). */
function plain<T>(res: IAsyncRes<unknown>, data?: T): IAsyncRes<T> {
  if (res.code === ErrorCode.SUCCESS)
    return data === undefined ? { code: ErrorCode.SUCCESS } : { code: ErrorCode.SUCCESS, data };
  return {
    code: res.code || ErrorCode.UNKNOWN,
    ...(res.msg !== undefined ? { msg: res.msg } : {}),
    ...(res.data !== undefined ? { data: res.data as T } : {}),
  };
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const subscriptionCalls = {
  /**
   * Follows users' online status (`SubscribeType.ONLINE_STATUS`) or hosted profile (`USER_PROFILE`)
   * for `expiry` seconds (60–2592000): up to 200 users a call, 1000 in all (26020), and a user has at
   * most 5000 followers (26021, `data` lists who is full). Changes arrive as SUBSCRIBED_USER_STATUS_CHANGE.
   */
  async subscribeUserStatus(
    ctx: ClientInternals,
    userIds: string[],
    subscribeType: SubscribeType,
    expiry: number,
  ): Promise<IAsyncRes<string[]>> {
    return plain(await send(ctx, 'subscribeUserStatus', { userIds, subscribeType, expiry }));
  },
  /** Stops following the users (up to 200 a call). */
  async unSubscribeUserStatus(
    ctx: ClientInternals,
    userIds: string[],
    subscribeType: SubscribeType,
  ): Promise<IAsyncRes<void>> {
    return plain(await send(ctx, 'unSubscribeUserStatus', { userIds, subscribeType }));
  },
  /** The current state of up to 200 users (followed or not); `expiry` is set where this user follows them. */
  async getSubscribeUserStatus(
    ctx: ClientInternals,
    subscribeType: SubscribeType,
    userIds: string[],
  ): Promise<IAsyncRes<ISubscribeUserStatusInfo[]>> {
    const res = await send(ctx, 'getSubscribeUserStatus', { userIds, subscribeType });
    return plain(
      res,
      res.code === ErrorCode.SUCCESS ? (res.data as { list: ISubscribeUserStatusInfo[] }).list : undefined,
    );
  },
  /**
   * Seeds `getSubscribeUserList`: a page (`pageSize` 1–200 from `offset`) of the users this user
   * follows, with their current state, oldest subscription first.
   */
  async getSubscribeUserList(
    ctx: ClientInternals,
    subscribeType: SubscribeType,
    pageSize: number,
    offset: number,
  ): Promise<IAsyncRes<ISubscribeUserStatusInfo[]>> {
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200 || !Number.isInteger(offset) || offset < 0) {
      return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'pageSize must be 1–200 and offset a whole number' };
    }
    const res = await send(ctx, 'getSubscribedUserStatusList', { subscribeType });
    if (res.code !== ErrorCode.SUCCESS) return plain(res);
    return {
      code: ErrorCode.SUCCESS,
      data: (res.data as { list: ISubscribeUserStatusInfo[] }).list.slice(offset, offset + pageSize),
    };
  },
  /**
   * Sets fields of this user's hosted profile (name ≤ 32, portraitUri ≤ 128, email ≤ 128, birthday ≤ 32,
   * gender, location ≤ 32, role and level 0–100, userExtProfile ≤ 20 keys); other fields stay. Her other
   * devices get OWN_USER_PROFILE_CHANGED, her profile followers SUBSCRIBED_USER_STATUS_CHANGE.
   */
  async updateMyUserProfile(ctx: ClientInternals, profile: IUserProfilePatch): Promise<IAsyncRes<IUserProfileInfo>> {
    let patch: unknown = profile;
    if (profile && typeof profile === 'object' && 'extraProfile' in profile) {
      const { extraProfile, ...rest } = profile;
      patch = { ...rest, userExtProfile: rest.userExtProfile ?? extraProfile };
    }
    const res = await send(ctx, 'updateMyUserProfile', { profile: patch });
    return plain(res, res.code === ErrorCode.SUCCESS ? (res.data as { profile: IUserProfileInfo }).profile : undefined);
  },
  /** This user's hosted profile (empty fields until set). */
  async getMyUserProfile(ctx: ClientInternals): Promise<IAsyncRes<IUserProfileInfo>> {
    const res = await send(ctx, 'getMyUserProfile', {});
    return plain(res, res.code === ErrorCode.SUCCESS ? (res.data as { profile: IUserProfileInfo }).profile : undefined);
  },
  /** Up to 20 users' hosted profiles, in the order asked: name and portrait (the rest if the server makes profiles public). */
  async getUserProfiles(ctx: ClientInternals, userIds: string[]): Promise<IAsyncRes<IUserProfileInfo[]>> {
    const res = await send(ctx, 'getUserProfiles', { userIds });
    return plain(res, res.code === ErrorCode.SUCCESS ? (res.data as { list: IUserProfileInfo[] }).list : undefined);
  },
} satisfies LateOpTable;

/** A `subscription` push as events; `sessionId` is this socket's (its own profile change is not news to it). */
export function onSubscriptionPush(ctx: ClientInternals, data: SubscriptionPush['data'], sessionId: string): void {
  if (data.kind === 'status') ctx.emitter.emit(ctx.port.events.SUBSCRIBED_USER_STATUS_CHANGE, data.list);
  else if (data.origin !== sessionId) ctx.emitter.emit(ctx.port.events.OWN_USER_PROFILE_CHANGED, data.profile);
}

/**
 * After a (re)connect, when the app listens to either event: the current state of everything this user follows, as one
 * SUBSCRIBED_USER_STATUS_CHANGE per type (when there is any), then SYNC_SUBSCRIBED_USER_STATUS_FINISHED
 * with the type. Returns false when a read failed (the next reconnect tries again).
 */
export async function syncSubscriptions(ctx: ClientInternals, stillCurrent: () => boolean): Promise<boolean> {
  // An app that follows nobody's status pays nothing for the feature on each connect.
  if (
    !ctx.emitter.listens(ctx.port.events.SUBSCRIBED_USER_STATUS_CHANGE) &&
    !ctx.emitter.listens(ctx.port.events.SYNC_SUBSCRIBED_USER_STATUS_FINISHED)
  )
    return true;
  for (const subscribeType of [SubscribeType.ONLINE_STATUS, SubscribeType.USER_PROFILE]) {
    const res = await ctx.call('getSubscribedUserStatusList', { subscribeType });
    if (!stillCurrent()) return false;
    if (res.code !== ErrorCode.SUCCESS || !res.data) return false;
    if (res.data.list.length > 0) ctx.emitter.emit(ctx.port.events.SUBSCRIBED_USER_STATUS_CHANGE, res.data.list);
    ctx.emitter.emit(ctx.port.events.SYNC_SUBSCRIBED_USER_STATUS_FINISHED, subscribeType);
  }
  return true;
}
