/**
 * Web Push (Parley; the seeds have none): a page registers its service worker's push subscription,
 * and the server sends it the user's offline pushes (docs/push.md, "Web Push").
 */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/** What `PushSubscription.toJSON()` gives. */
export interface WebPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * The operations of this feature (web-push-calls.ts), loaded with the first call of any of them (late-tables.ts).
 * Kept public (not marked internal): the published `ParleyClient` type refers to it for its methods'
 * signatures and TSDoc.
 */
export const webPushOps = /* @__PURE__ */ lateTable('webPushCalls', {
  getWebPushPublicKey: true,
  subscribeWebPush: true,
  unsubscribeWebPush: true,
});

/** `ParleyClient.getWebPushPublicKey`, on the default client. */
export const getWebPushPublicKey = /* @__PURE__ */ onDefaultClient(webPushOps, 'getWebPushPublicKey');
/** `ParleyClient.subscribeWebPush`, on the default client. */
export const subscribeWebPush = /* @__PURE__ */ onDefaultClient(webPushOps, 'subscribeWebPush');
/** `ParleyClient.unsubscribeWebPush`, on the default client. */
export const unsubscribeWebPush = /* @__PURE__ */ onDefaultClient(webPushOps, 'unsubscribeWebPush');
