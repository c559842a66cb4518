/** `PushStorage` on SQLite (Web Push subscriptions). */
import type Database from 'better-sqlite3';
import type { PushStorage, WebPushSubscriptionRecord } from './push-storage.js';

export class SqlitePush implements PushStorage {
  constructor(private readonly db: Database.Database) {}

  async saveWebPushSubscription(
    userId: string,
    s: WebPushSubscriptionRecord,
    now: number,
    keep: number,
  ): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO web_push_subscriptions (endpoint, user_id, p256dh, auth, created_time) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
          created_time = excluded.created_time`,
        )
        .run(s.endpoint, userId, s.p256dh, s.auth, now);
      this.db
        .prepare(
          `DELETE FROM web_push_subscriptions WHERE user_id = ? AND endpoint NOT IN (
          SELECT endpoint FROM web_push_subscriptions WHERE user_id = ? ORDER BY created_time DESC, endpoint LIMIT ?)`,
        )
        .run(userId, userId, keep);
    })();
  }

  async removeWebPushSubscription(endpoint: string, userId?: string): Promise<void> {
    if (userId === undefined) this.db.prepare('DELETE FROM web_push_subscriptions WHERE endpoint = ?').run(endpoint);
    else this.db.prepare('DELETE FROM web_push_subscriptions WHERE endpoint = ? AND user_id = ?').run(endpoint, userId);
  }

  async webPushSubscriptions(userId: string): Promise<WebPushSubscriptionRecord[]> {
    return this.db
      .prepare(
        'SELECT endpoint, p256dh, auth FROM web_push_subscriptions WHERE user_id = ? ORDER BY created_time DESC, endpoint',
      )
      .all(userId) as WebPushSubscriptionRecord[];
  }
}
