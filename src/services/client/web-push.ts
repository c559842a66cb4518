/**
 * Web Push (Parley; the seeds have none): a page registers its service worker's push subscription,
 * and the server sends it the user's offline pushes (docs/push.md, "Web Push").
 */
import { onDefaultClient, type OpTable } from './bind.js';
import { mapData, request, requestVoid, type ClientInternals } from './internals.js';
import type { IAsyncRes } from './types.js';

/** What `PushSubscription.toJSON()` gives. */
export interface WebPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const webPushOps = {
  /**
   * The server's VAPID public key, for `registration.pushManager.subscribe({ userVisibleOnly: true,
   * applicationServerKey })`; 35004 (`NOT_SUPPORT`) when the server has no Web Push.
   */
  async getWebPushPublicKey(ctx: ClientInternals): Promise<IAsyncRes<string>> {
    return mapData(await request(ctx, 'getWebPushPublicKey', {}), (d) => d.publicKey);
  },
  /**
   * Sends this browser's push subscription to the server: the user's offline pushes reach it until
   * `unsubscribeWebPush` or the push service reports it gone. 33003 for an endpoint that is not one
   * of the server's push services.
   */
  subscribeWebPush: (ctx: ClientInternals, subscription: WebPushSubscription) =>
    requestVoid(ctx, 'subscribeWebPush', {
      endpoint: subscription.endpoint,
      keys: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth },
    }),
  /** Stops pushes to this subscription (call it after `PushSubscription.unsubscribe()`). */
  unsubscribeWebPush: (ctx: ClientInternals, endpoint: string) => requestVoid(ctx, 'unsubscribeWebPush', { endpoint }),
} satisfies OpTable;

/** `ParleyClient.getWebPushPublicKey`, on the default client. */
export const getWebPushPublicKey = /* @__PURE__ */ onDefaultClient(webPushOps, 'getWebPushPublicKey');
/** `ParleyClient.subscribeWebPush`, on the default client. */
export const subscribeWebPush = /* @__PURE__ */ onDefaultClient(webPushOps, 'subscribeWebPush');
/** `ParleyClient.unsubscribeWebPush`, on the default client. */
export const unsubscribeWebPush = /* @__PURE__ */ onDefaultClient(webPushOps, 'unsubscribeWebPush');
