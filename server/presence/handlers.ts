/** Gateway handlers of subscriptions and hosted profiles; spread into the gateway's handler table. */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { PresenceRequestSchemas } from '../../src/protocol/presence.js';
import type { Connection } from '../gateway/connection.js';
import type { GatewayContext, Handler } from '../gateway/handler-context.js';
import { SubscribersFullError } from './service.js';

type PresenceOp = keyof typeof PresenceRequestSchemas;

/** Writes share the per-user budget of conversation state (60 a minute by default). */
async function withinBudget(conn: Connection, id: number, ctx: GatewayContext, op: string): Promise<boolean> {
  if (await ctx.limiter.take(ctx.userRules.state, conn.userId!)) return true;
  conn.reply(
    id,
    ErrorCode.REQUEST_OVER_FREQUENCY,
    undefined,
    `more than ${ctx.userRules.state.limit} ${op} per minute`,
  );
  return false;
}

export const presenceHandlers: { [O in PresenceOp]: Handler<O> } = {
  async subscribeUserStatus(conn, id, data, ctx) {
    if (!(await withinBudget(conn, id, ctx, 'subscribeUserStatus'))) return;
    try {
      await ctx.presence.subscribe(conn.userId!, data.userIds, data.subscribeType, data.expiry);
    } catch (error) {
      // The seeds answer this refusal with the users who are full in `data`.
      if (error instanceof SubscribersFullError) return conn.reply(id, error.code, error.userIds, error.message);
      throw error;
    }
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async unSubscribeUserStatus(conn, id, data, ctx) {
    await ctx.presence.unsubscribe(conn.userId!, data.userIds, data.subscribeType);
    conn.reply(id, ErrorCode.SUCCESS, {});
  },
  async getSubscribeUserStatus(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, {
      list: await ctx.presence.status(conn.userId!, data.userIds, data.subscribeType),
    });
  },
  async getSubscribedUserStatusList(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, { list: await ctx.presence.subscribed(conn.userId!, data.subscribeType) });
  },
  async updateMyUserProfile(conn, id, data, ctx) {
    if (!(await withinBudget(conn, id, ctx, 'updateMyUserProfile'))) return;
    conn.reply(id, ErrorCode.SUCCESS, {
      profile: await ctx.presence.updateProfile(conn.userId!, data.profile, conn.sessionId!),
    });
  },
  async getMyUserProfile(conn, id, _data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, { profile: await ctx.presence.myProfile(conn.userId!) });
  },
  async getUserProfiles(conn, id, data, ctx) {
    conn.reply(id, ErrorCode.SUCCESS, { list: await ctx.presence.profiles(conn.userId!, data.userIds) });
  },
};
