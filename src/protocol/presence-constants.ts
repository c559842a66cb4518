/**
 * Constants of subscriptions and hosted profiles (presence.ts), apart from its schemas, so the
 * browser's initial load can use them without valibot.
 */
/** What a subscription follows (seeds: `SubscribeType`). */
export const SubscribeType = {
  ONLINE_STATUS: 1,
  USER_PROFILE: 2,
} as const;
export type SubscribeType = (typeof SubscribeType)[keyof typeof SubscribeType];

/** Gender in a hosted profile (seeds: `RCUserGender`). */
export const UserGender = {
  UNKNOWN: 0,
  MALE: 1,
  FEMALE: 2,
} as const;
export type UserGender = (typeof UserGender)[keyof typeof UserGender];

/** The seeds' limits of subscriptions and profiles. */
export const PresenceLimits = {
  /** Users per subscribe, unsubscribe or status query call. */
  USERS_PER_CALL: 200,
  /** Users one user may follow (per subscribe type). */
  SUBSCRIPTIONS_MAX: 1000,
  /** Users who may follow one user (per subscribe type). */
  SUBSCRIBERS_MAX: 5000,
  /** Subscription length, seconds. */
  EXPIRY_MIN_S: 60,
  EXPIRY_MAX_S: 2_592_000,
  /** Users per `getUserProfiles` call. */
  PROFILES_PER_CALL: 20,
  /** Extension keys per profile. */
  EXT_PROFILE_KEYS_MAX: 20,
} as const;

/** Result codes of this feature (names from the seeds, which do not give their numbers; these are Parley's). */
export const PresenceErrorCode = {
  /** The subscriber would follow more than 1000 users of that type. */
  RC_SUBSCRIBED_USERIDS_EXCEED_LIMIT: 26020,
  /** A user would be followed by more than 5000 users (`data` lists them). */
  RC_BESUBSCRIBED_USERIDS_COUNT_EXCEED_LIMIT: 26021,
} as const;
