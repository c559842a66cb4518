/**
 * Online status subscriptions and server-hosted profiles (seeds 5.9.8 / 5.10.1): subscribe and
 * unsubscribe with the seeds' limits, read statuses and profiles, and push changes to subscribers
 * (and a user's own other devices) wherever their sockets are.
 */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { DevicePlatform } from '../../src/protocol/platforms.js';
import {
  PresenceLimits,
  SubscribeType,
  type SubscriptionPush,
  type UserProfilePatch,
  type WireSubscribeUserStatus,
  type WireUserProfile,
} from '../../src/protocol/presence.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import type { DirectoryStorage, StoredProfile } from '../storage/directory.js';
import type { OnlineRegistry } from './online.js';

/** Who sees the fields of a profile beyond name and portrait (the seeds' AppKey-level visibility). */
export type ProfileVisibility = 'invisible' | 'everyone';

export interface PresenceDeps {
  directory: DirectoryStorage;
  online: OnlineRegistry;
  clock: Clock;
  /** Sends a serialized push to every socket of the user, on every node. */
  pushToUser(userId: string, text: string): void;
  visibility: ProfileVisibility;
  log(line: string): void;
}

/** A refused subscribe whose answer names the users at their follower limit (seeds: `res.data`). */
export class SubscribersFullError extends DomainError {
  constructor(readonly userIds: string[]) {
    super(
      ErrorCode.RC_BESUBSCRIBED_USERIDS_COUNT_EXCEED_LIMIT,
      `followed by ${PresenceLimits.SUBSCRIBERS_MAX} users already: ${userIds.join(', ')}`,
    );
  }
}

function profileOf(userId: string, stored: StoredProfile | undefined, full: boolean): WireUserProfile {
  const f = (stored?.fields ?? {}) as Partial<WireUserProfile>;
  const base: WireUserProfile = {
    userId,
    name: f.name ?? '',
    portraitUri: f.portraitUri ?? '',
    updateTime: stored?.updatedTime ?? 0,
  };
  if (!full) return base;
  const extra = Object.fromEntries(
    (['email', 'birthday', 'gender', 'location', 'role', 'level', 'userExtProfile'] as const)
      .filter((k) => f[k] !== undefined)
      .map((k) => [k, f[k]]),
  );
  return { ...base, ...extra };
}

export class PresenceService {
  /** Per user, the online updates in the order the gateway reported them. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly d: PresenceDeps) {}

  async subscribe(userId: string, userIds: string[], type: SubscribeType, expirySeconds: number): Promise<void> {
    const targets = [...new Set(userIds)];
    const now = this.d.clock.now();
    const res = await this.d.directory.subscribe(userId, targets, type, now + expirySeconds * 1000, now, {
      maxSubscriptions: PresenceLimits.SUBSCRIPTIONS_MAX,
      maxSubscribers: PresenceLimits.SUBSCRIBERS_MAX,
    });
    if (res.ok) return;
    if (res.reason === 'subscribers') throw new SubscribersFullError(res.full);
    throw new DomainError(
      ErrorCode.RC_SUBSCRIBED_USERIDS_EXCEED_LIMIT,
      `at most ${PresenceLimits.SUBSCRIPTIONS_MAX} subscriptions of one type`,
    );
  }

  unsubscribe(userId: string, userIds: string[], type: SubscribeType): Promise<void> {
    return this.d.directory.unsubscribe(userId, [...new Set(userIds)], type);
  }

  /** The current state of `userIds` (seeds: `getSubscribeUserStatus`), with the caller's expiry where she follows them. */
  async status(viewer: string, userIds: string[], type: SubscribeType): Promise<WireSubscribeUserStatus[]> {
    const targets = [...new Set(userIds)];
    const subs = new Map(
      (await this.d.directory.subscriptionsOf(viewer, type, this.d.clock.now(), targets)).map((s) => [
        s.userId,
        s.expiresAt,
      ]),
    );
    return this.describe(viewer, targets, type, subs);
  }

  /** Every live subscription of the caller with its user's current state (the sync after a connect). */
  async subscribed(viewer: string, type: SubscribeType): Promise<WireSubscribeUserStatus[]> {
    const subs = await this.d.directory.subscriptionsOf(viewer, type, this.d.clock.now());
    return this.describe(
      viewer,
      subs.map((s) => s.userId),
      type,
      new Map(subs.map((s) => [s.userId, s.expiresAt])),
    );
  }

  async myProfile(userId: string): Promise<WireUserProfile> {
    const [stored] = await this.d.directory.profiles([userId]);
    return profileOf(userId, stored, true);
  }

  /** Others' profiles: name and portrait, the rest only when the server makes profiles public. */
  async profiles(viewer: string, userIds: string[]): Promise<WireUserProfile[]> {
    const targets = [...new Set(userIds)];
    const stored = new Map((await this.d.directory.profiles(targets)).map((p) => [p.userId, p]));
    return targets.map((u) => profileOf(u, stored.get(u), u === viewer || this.d.visibility === 'everyone'));
  }

  /**
   * Merges the patch into the user's profile; her other devices get it (`ownProfile`), and her
   * profile subscribers a SUBSCRIBED_USER_STATUS_CHANGE of type USER_PROFILE.
   */
  async updateProfile(userId: string, patch: UserProfilePatch, origin: string): Promise<WireUserProfile> {
    const stored = await this.d.directory.updateProfile(userId, patch as Record<string, unknown>, this.d.clock.now());
    const own: SubscriptionPush = {
      push: 'subscription',
      data: { kind: 'ownProfile', profile: profileOf(userId, stored, true), origin },
    };
    this.d.pushToUser(userId, JSON.stringify(own));
    const subscribers = await this.d.directory.subscribersOf(userId, SubscribeType.USER_PROFILE, this.d.clock.now());
    const seen = profileOf(userId, stored, this.d.visibility === 'everyone');
    const change: WireSubscribeUserStatus = {
      userId,
      subscribeType: SubscribeType.USER_PROFILE,
      details: [{ eventValue: 1, userProfile: seen, updateTime: stored.updatedTime }],
    };
    this.notify(
      subscribers.filter((s) => s !== userId),
      change,
    );
    return own.data.kind === 'ownProfile' ? own.data.profile : seen;
  }

  /**
   * The gateway's report: this node now holds the user on `platforms`. Reports of one user are
   * applied in order; a change of her online state or platforms goes to her status subscribers.
   */
  socketsChanged(userId: string, platforms: DevicePlatform[]): Promise<void> {
    const run = (this.chains.get(userId) ?? Promise.resolve()).then(() => this.applyOnline(userId, platforms));
    const tail = run.catch((error: unknown) =>
      this.d.log(`presence: update of ${userId} failed: ${(error as Error).message}`),
    );
    this.chains.set(userId, tail);
    void tail.then(() => {
      if (this.chains.get(userId) === tail) this.chains.delete(userId);
    });
    return tail;
  }

  /** Resolves once every reported change is applied (before the server closes its stores). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private async applyOnline(userId: string, platforms: DevicePlatform[]): Promise<void> {
    const { before, after } = await this.d.online.update(userId, platforms);
    if (before.join(',') === after.join(',')) return;
    const now = this.d.clock.now();
    const subscribers = await this.d.directory.subscribersOf(userId, SubscribeType.ONLINE_STATUS, now);
    if (subscribers.length === 0) return;
    this.notify(subscribers, {
      userId,
      subscribeType: SubscribeType.ONLINE_STATUS,
      details: [{ eventValue: after.length > 0 ? 1 : 0, platforms: after, updateTime: now }],
    });
  }

  private notify(subscribers: string[], change: WireSubscribeUserStatus): void {
    if (subscribers.length === 0) return;
    const text = JSON.stringify({
      push: 'subscription',
      data: { kind: 'status', list: [change] },
    } satisfies SubscriptionPush);
    for (const s of subscribers) this.d.pushToUser(s, text);
  }

  private async describe(
    viewer: string,
    userIds: string[],
    type: SubscribeType,
    expiry: Map<string, number>,
  ): Promise<WireSubscribeUserStatus[]> {
    const now = this.d.clock.now();
    const withExpiry = (u: string) => (expiry.has(u) ? { expiry: expiry.get(u)! } : {});
    if (type === SubscribeType.ONLINE_STATUS) {
      const online = await this.d.online.status(userIds);
      return userIds.map((u) => ({
        userId: u,
        subscribeType: type,
        details: [{ eventValue: online.has(u) ? 1 : 0, platforms: online.get(u) ?? [], updateTime: now }],
        ...withExpiry(u),
      }));
    }
    const profiles = await this.profiles(viewer, userIds);
    return profiles.map((p) => ({
      userId: p.userId,
      subscribeType: type,
      details: [{ eventValue: 1, userProfile: p, updateTime: p.updateTime }],
      ...withExpiry(p.userId),
    }));
  }
}
