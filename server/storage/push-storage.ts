/**
 * The storage contract of Web Push subscriptions (docs/push.md). SQLite: `sqlite-push.ts`;
 * PostgreSQL: `pg-push.ts`; both held to `test/server/storage-contract.test.ts`.
 */

/** A browser's push subscription: where to POST, and the keys its payloads are encrypted for. */
export interface WebPushSubscriptionRecord {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushStorage {
  /**
   * Saves a subscription for the user (an endpoint belongs to one user: saving it again moves it),
   * then keeps only her `keep` newest.
   */
  saveWebPushSubscription(
    userId: string,
    subscription: WebPushSubscriptionRecord,
    now: number,
    keep: number,
  ): Promise<void>;
  /** Forgets an endpoint; with `userId`, only when it is hers. */
  removeWebPushSubscription(endpoint: string, userId?: string): Promise<void>;
  /** The user's subscriptions, newest first. */
  webPushSubscriptions(userId: string): Promise<WebPushSubscriptionRecord[]>;
}
