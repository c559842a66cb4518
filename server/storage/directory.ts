/**
 * Durable state of subscriptions and server-hosted profiles (the user directory): who follows whom
 * (online status or profile) until when, and each user's hosted profile. Its own component on both
 * engines (`directory.db` beside `parley.db` on SQLite, the `directory` steps on PostgreSQL), so it
 * versions apart from the chat storage.
 */
import type { SubscribeType } from '../../src/protocol/presence.js';
import type { MigrationStep } from './migrations.js';

/** A live subscription: `userId` is followed until `expiresAt` (ms). */
export interface Subscription {
  userId: string;
  expiresAt: number;
  createdAt: number;
}

/** A stored profile: the fields set so far (JSON), and when they last changed. */
export interface StoredProfile {
  userId: string;
  fields: Record<string, unknown>;
  updatedTime: number;
}

export interface DirectoryStorage {
  /**
   * Follows `targets` until `expiresAt` (renewing existing ones), unless the subscriber would follow
   * more than `maxSubscriptions`, or a target would have more than `maxSubscribers` followers
   * (expired subscriptions do not count). Nothing changes when refused.
   */
  subscribe(
    subscriber: string,
    targets: string[],
    type: SubscribeType,
    expiresAt: number,
    now: number,
    max: { maxSubscriptions: number; maxSubscribers: number },
  ): Promise<
    { ok: true } | { ok: false; reason: 'subscriptions' } | { ok: false; reason: 'subscribers'; full: string[] }
  >;
  unsubscribe(subscriber: string, targets: string[], type: SubscribeType): Promise<void>;
  /** The subscriber's live subscriptions of a type (all of them, or those among `targets`). */
  subscriptionsOf(subscriber: string, type: SubscribeType, now: number, targets?: string[]): Promise<Subscription[]>;
  /** Who follows `target` now. */
  subscribersOf(target: string, type: SubscribeType, now: number): Promise<string[]>;
  profiles(userIds: string[]): Promise<StoredProfile[]>;
  /** Merges `fields` into the user's profile; returns the whole profile. */
  updateProfile(userId: string, fields: Record<string, unknown>, now: number): Promise<StoredProfile>;
  close(): Promise<void>;
}

/** The tables, the same on both engines (BIGINT is an INTEGER to SQLite). */
export const DIRECTORY_STEPS: readonly MigrationStep[] = [
  {
    version: 1,
    name: 'subscriptions and hosted profiles',
    sql: `
CREATE TABLE IF NOT EXISTS user_subscriptions (
  subscriber TEXT NOT NULL, target TEXT NOT NULL, type INTEGER NOT NULL, expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL,
  PRIMARY KEY (subscriber, type, target)
);
CREATE INDEX IF NOT EXISTS user_subscriptions_target ON user_subscriptions (target, type, expires_at);
CREATE TABLE IF NOT EXISTS user_profiles (user_id TEXT PRIMARY KEY, fields TEXT NOT NULL, updated_time BIGINT NOT NULL);
`,
  },
];
