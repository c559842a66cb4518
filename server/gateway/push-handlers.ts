/** Gateway handlers of the Web Push ops (docs/push.md); 35004 when the server has no Web Push. */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { PushRequestSchemas } from '../../src/protocol/push.js';
import type { Handler } from './handler-context.js';

type PushOp = keyof typeof PushRequestSchemas;

const NO_WEB_PUSH = 'this server has no Web Push (start it with a Web Push subject)';

export const pushHandlers: { [O in PushOp]: Handler<O> } = {
  async getWebPushPublicKey(conn, id, _data, ctx) {
    if (!ctx.webPush) return conn.reply(id, ErrorCode.NOT_SUPPORT, undefined, NO_WEB_PUSH);
    conn.reply(id, ErrorCode.SUCCESS, { publicKey: ctx.webPush.publicKey });
  },
  async subscribeWebPush(conn, id, data, ctx) {
    if (!ctx.webPush) return conn.reply(id, ErrorCode.NOT_SUPPORT, undefined, NO_WEB_PUSH);
    if (!(await ctx.limiter.take(ctx.userRules.state, conn.userId!))) {
      return conn.reply(
        id,
        ErrorCode.REQUEST_OVER_FREQUENCY,
        undefined,
        `more than ${ctx.userRules.state.limit} state changes per minute`,
      );
    }
    await ctx.webPush.subscribe(conn.userId!, {
      endpoint: data.endpoint,
      p256dh: data.keys.p256dh,
      auth: data.keys.auth,
    });
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async unsubscribeWebPush(conn, id, data, ctx) {
    if (!ctx.webPush) return conn.reply(id, ErrorCode.NOT_SUPPORT, undefined, NO_WEB_PUSH);
    await ctx.webPush.unsubscribe(conn.userId!, data.endpoint);
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
};
