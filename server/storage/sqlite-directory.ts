/** `DirectoryStorage` on SQLite, in its own file (`directory.db`), versioned with its own steps. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SubscribeType } from '../../src/protocol/presence.js';
import { DIRECTORY_STEPS, type DirectoryStorage, type StoredProfile, type Subscription } from './directory.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { useWal } from './sqlite-wal.js';

export class SqliteDirectory implements DirectoryStorage {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    useWal(this.db);
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db, DIRECTORY_STEPS);
  }

  async subscribe(
    ...[subscriber, targets, type, expiresAt, now, max]: Parameters<DirectoryStorage['subscribe']>
  ): ReturnType<DirectoryStorage['subscribe']> {
    return this.db
      .transaction(() => {
        const live = new Set(
          (
            this.db
              .prepare('SELECT target FROM user_subscriptions WHERE subscriber = ? AND type = ? AND expires_at > ?')
              .all(subscriber, type, now) as Array<{ target: string }>
          ).map((r) => r.target),
        );
        const fresh = targets.filter((t) => !live.has(t));
        if (live.size + fresh.length > max.maxSubscriptions) return { ok: false, reason: 'subscriptions' } as const;
        const count = this.db.prepare(
          'SELECT COUNT(*) AS n FROM user_subscriptions WHERE target = ? AND type = ? AND expires_at > ?',
        );
        const full = fresh.filter((t) => (count.get(t, type, now) as { n: number }).n >= max.maxSubscribers);
        if (full.length > 0) return { ok: false, reason: 'subscribers', full } as const;
        const put = this.db
          .prepare(`INSERT INTO user_subscriptions (subscriber, target, type, expires_at, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (subscriber, type, target) DO UPDATE SET expires_at = excluded.expires_at,
        created_at = CASE WHEN user_subscriptions.expires_at > ? THEN user_subscriptions.created_at ELSE excluded.created_at END`);
        for (const target of targets) put.run(subscriber, target, type, expiresAt, now, now);
        return { ok: true } as const;
      })
      .immediate();
  }

  async unsubscribe(subscriber: string, targets: string[], type: SubscribeType): Promise<void> {
    const del = this.db.prepare('DELETE FROM user_subscriptions WHERE subscriber = ? AND type = ? AND target = ?');
    this.db.transaction(() => {
      for (const target of targets) del.run(subscriber, type, target);
    })();
  }

  async subscriptionsOf(
    subscriber: string,
    type: SubscribeType,
    now: number,
    targets?: string[],
  ): Promise<Subscription[]> {
    const rows = this.db
      .prepare(
        'SELECT target AS userId, expires_at AS expiresAt, created_at AS createdAt FROM user_subscriptions WHERE subscriber = ? AND type = ? AND expires_at > ? ORDER BY created_at, target',
      )
      .all(subscriber, type, now) as Subscription[];
    if (!targets) return rows;
    const wanted = new Set(targets);
    return rows.filter((r) => wanted.has(r.userId));
  }

  async subscribersOf(target: string, type: SubscribeType, now: number): Promise<string[]> {
    return (
      this.db
        .prepare('SELECT subscriber FROM user_subscriptions WHERE target = ? AND type = ? AND expires_at > ?')
        .all(target, type, now) as Array<{ subscriber: string }>
    ).map((r) => r.subscriber);
  }

  async profiles(userIds: string[]): Promise<StoredProfile[]> {
    const get = this.db.prepare('SELECT fields, updated_time AS updatedTime FROM user_profiles WHERE user_id = ?');
    return userIds.flatMap((userId) => {
      const row = get.get(userId) as { fields: string; updatedTime: number } | undefined;
      return row
        ? [{ userId, fields: JSON.parse(row.fields) as Record<string, unknown>, updatedTime: row.updatedTime }]
        : [];
    });
  }

  async updateProfile(userId: string, fields: Record<string, unknown>, now: number): Promise<StoredProfile> {
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT fields FROM user_profiles WHERE user_id = ?').get(userId) as
          { fields: string } | undefined;
        const merged = { ...(row ? (JSON.parse(row.fields) as Record<string, unknown>) : {}), ...fields };
        this.db
          .prepare(
            'INSERT INTO user_profiles (user_id, fields, updated_time) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET fields = excluded.fields, updated_time = excluded.updated_time',
          )
          .run(userId, JSON.stringify(merged), now);
        return { userId, fields: merged, updatedTime: now };
      })
      .immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
