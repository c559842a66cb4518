/**
 * Web Push ops: a browser hands the server its push subscription (from `PushManager.subscribe`), and
 * the server sends it the offline pushes (docs/push.md). Endpoints are checked against the server's
 * list of push service hosts, so a subscription cannot make the server POST to an arbitrary URL.
 */
import * as v from 'valibot';

const base64url = (max: number) =>
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url'), v.maxLength(max));

export const PushLimits = {
  /** Subscriptions kept per user (a new one beyond replaces her oldest). */
  WEB_PUSH_SUBSCRIPTIONS_PER_USER: 10,
  ENDPOINT_MAX: 2048,
} as const;

export const PushRequestSchemas = {
  /** The seeds have no Web Push; Parley's names. `keys` as in `PushSubscription.toJSON()`. */
  subscribeWebPush: v.object({
    endpoint: v.pipe(v.string(), v.url('must be a URL'), v.maxLength(PushLimits.ENDPOINT_MAX)),
    keys: v.object({ p256dh: base64url(200), auth: base64url(64) }),
  }),
  unsubscribeWebPush: v.object({ endpoint: v.pipe(v.string(), v.maxLength(PushLimits.ENDPOINT_MAX)) }),
  getWebPushPublicKey: v.object({}),
};

export interface PushReplyData {
  subscribeWebPush: Record<string, never>;
  unsubscribeWebPush: Record<string, never>;
  /** The server's VAPID public key (base64url), the `applicationServerKey` of `PushManager.subscribe`. */
  getWebPushPublicKey: { publicKey: string };
}
