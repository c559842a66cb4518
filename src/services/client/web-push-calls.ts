/** The Web Push operations (web-push.ts), loaded with the first call of any late table (late-tables.ts). */
import type { LateOpTable } from './bind.js';
import type { ClientInternals } from './internals.js';
import type { IAsyncRes } from './types.js';
import type { WebPushSubscription } from './web-push.js';

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const webPushCalls = {
  /**
   * The server's VAPID public key, for `registration.pushManager.subscribe({ userVisibleOnly: true,
   * applicationServerKey })`; 35004 (`NOT_SUPPORT`) when the server has no Web Push.
   */
  async getWebPushPublicKey(ctx: ClientInternals): Promise<IAsyncRes<string>> {
    return ctx.port.mapData(await ctx.port.request(ctx, 'getWebPushPublicKey', {}), (d) => d.publicKey);
  },
  /**
   * Sends this browser's push subscription to the server: the user's offline pushes reach it until
   * `unsubscribeWebPush` or the push service reports it gone. 33003 for an endpoint that is not one
   * of the server's push services.
   */
  subscribeWebPush: (ctx: ClientInternals, subscription: WebPushSubscription) =>
    ctx.port.requestVoid(ctx, 'subscribeWebPush', {
      endpoint: subscription.endpoint,
      keys: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth },
    }),
  /** Stops pushes to this subscription (call it after `PushSubscription.unsubscribe()`). */
  unsubscribeWebPush: (ctx: ClientInternals, endpoint: string) =>
    ctx.port.requestVoid(ctx, 'unsubscribeWebPush', { endpoint }),
} satisfies LateOpTable;
