/**
 * The wire contract of online status subscriptions and server-hosted user profiles (seeds 5.9.8 订阅用户
 * 在线状态 and 5.10.1 用户信息托管). A user subscribes to other users' online status or profile for a
 * while (60 s – 30 days); the server pushes `{ push: 'subscription' }` frames when a subscribed user
 * comes online, goes offline or changes her profile, and to the user's own other devices when she
 * changes her profile. Subscriptions live on the server, so a reconnecting client reads them back.
 */
import * as v from 'valibot';
import { ID_PATTERN } from './constants.js';
import type { DevicePlatform } from './constants.js';
import { PresenceLimits, SubscribeType, UserGender } from './constants.js';

export { PresenceErrorCode, PresenceLimits, SubscribeType, UserGender } from './constants.js';

const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be 1–64 letters, digits or _-=+.@:'));
const subscribeType = v.picklist([SubscribeType.ONLINE_STATUS, SubscribeType.USER_PROFILE]);
const userIds = (max: number) => v.pipe(v.array(id), v.minLength(1), v.maxLength(max));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const level = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));

/** The fields a user may set on her own profile (seeds' `IUserProfileInfo`; `uniqueId` is not settable). */
export const UserProfilePatchSchema = v.strictObject({
  name: v.optional(text(32)),
  portraitUri: v.optional(text(128)),
  email: v.optional(text(128)),
  birthday: v.optional(text(32)),
  gender: v.optional(v.picklist([UserGender.UNKNOWN, UserGender.MALE, UserGender.FEMALE])),
  location: v.optional(text(32)),
  role: v.optional(level),
  level: v.optional(level),
  userExtProfile: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,32}$/, 'keys are 1–32 letters or digits')), text(256)),
      v.check(
        (r) => Object.keys(r).length <= PresenceLimits.EXT_PROFILE_KEYS_MAX,
        `at most ${PresenceLimits.EXT_PROFILE_KEYS_MAX} keys`,
      ),
    ),
  ),
});
export type UserProfilePatch = v.InferOutput<typeof UserProfilePatchSchema>;

/** Request schemas of this feature, by op (spread into `RequestSchemas`). */
export const PresenceRequestSchemas = {
  subscribeUserStatus: v.object({
    userIds: userIds(PresenceLimits.USERS_PER_CALL),
    subscribeType,
    expiry: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(PresenceLimits.EXPIRY_MIN_S),
      v.maxValue(PresenceLimits.EXPIRY_MAX_S),
    ),
  }),
  unSubscribeUserStatus: v.object({ userIds: userIds(PresenceLimits.USERS_PER_CALL), subscribeType }),
  getSubscribeUserStatus: v.object({ userIds: userIds(PresenceLimits.USERS_PER_CALL), subscribeType }),
  /** Parley: the current state of every live subscription of the caller (the sync after a connect). */
  getSubscribedUserStatusList: v.object({ subscribeType }),
  updateMyUserProfile: v.object({ profile: UserProfilePatchSchema }),
  getMyUserProfile: v.object({}),
  getUserProfiles: v.object({ userIds: userIds(PresenceLimits.PROFILES_PER_CALL) }),
} as const;

/** A hosted profile as it travels (seeds' `IUserProfileInfo`). */
export interface WireUserProfile {
  userId: string;
  name: string;
  portraitUri: string;
  /** Fields beyond name and portrait are shown only to the user herself, unless the server makes them public. */
  email?: string;
  birthday?: string;
  gender?: UserGender;
  location?: string;
  role?: number;
  level?: number;
  userExtProfile?: Record<string, string>;
  /** When it last changed, ms (0: never set). */
  updateTime: number;
}

/** One change of a subscribed user (seeds' `ISubscribeUserStatusInfo`). */
export interface WireSubscribeUserStatus {
  userId: string;
  subscribeType: SubscribeType;
  details: Array<{
    /** ONLINE_STATUS: 1 online, 0 offline. USER_PROFILE: 1 (the profile is in `userProfile`). */
    eventValue: number;
    /** ONLINE_STATUS (Parley): the platforms she is connected on. */
    platforms?: DevicePlatform[];
    /** USER_PROFILE: the profile as the subscriber may see it. */
    userProfile?: WireUserProfile;
    /** When this state began, ms. */
    updateTime: number;
  }>;
  /** When the subscription ends, ms (absent in pushes to someone who does not subscribe). */
  expiry?: number;
}

/** Reply data of this feature's ops. */
export interface PresenceReplyData {
  subscribeUserStatus: Record<string, never>;
  unSubscribeUserStatus: Record<string, never>;
  getSubscribeUserStatus: { list: WireSubscribeUserStatus[] };
  getSubscribedUserStatusList: { list: WireSubscribeUserStatus[] };
  updateMyUserProfile: { profile: WireUserProfile };
  getMyUserProfile: { profile: WireUserProfile };
  getUserProfiles: { list: WireUserProfile[] };
}

/** `{ push: 'subscription' }`: subscribed users changed, or the user's own profile changed on another device. */
export interface SubscriptionPush {
  push: 'subscription';
  /** `origin`: the session that made the profile change (it knows already). */
  data:
    | { kind: 'status'; list: WireSubscribeUserStatus[] }
    | { kind: 'ownProfile'; profile: WireUserProfile; origin: string };
}
