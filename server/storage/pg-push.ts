/** `PushStorage` on PostgreSQL (Web Push subscriptions). */
import type { PgDb } from './pg-db.js';
import type { PushStorage, WebPushSubscriptionRecord } from './push-storage.js';

export class PgPush implements PushStorage {
  constructor(private readonly db: PgDb) {}

  async saveWebPushSubscription(
    userId: string,
    s: WebPushSubscriptionRecord,
    now: number,
    keep: number,
  ): Promise<void> {
    await this.db.tx(async (client) => {
      await this.db.query(
        `INSERT INTO web_push_subscriptions (endpoint, user_id, p256dh, auth, created_time) VALUES ($1, $2, $3, $4, $5)
          ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
          created_time = excluded.created_time`,
        [s.endpoint, userId, s.p256dh, s.auth, now],
        client,
      );
      await this.db.query(
        `DELETE FROM web_push_subscriptions WHERE user_id = $1 AND endpoint NOT IN (
          SELECT endpoint FROM web_push_subscriptions WHERE user_id = $1 ORDER BY created_time DESC, endpoint LIMIT $2)`,
        [userId, keep],
        client,
      );
    });
  }

  async removeWebPushSubscription(endpoint: string, userId?: string): Promise<void> {
    if (userId === undefined) await this.db.query('DELETE FROM web_push_subscriptions WHERE endpoint = $1', [endpoint]);
    else
      await this.db.query('DELETE FROM web_push_subscriptions WHERE endpoint = $1 AND user_id = $2', [
        endpoint,
        userId,
      ]);
  }

  async webPushSubscriptions(userId: string): Promise<WebPushSubscriptionRecord[]> {
    return this.db.query<WebPushSubscriptionRecord>(
      'SELECT endpoint, p256dh, auth FROM web_push_subscriptions WHERE user_id = $1 ORDER BY created_time DESC, endpoint',
      [userId],
    );
  }
}
