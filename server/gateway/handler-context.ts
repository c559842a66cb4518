/** What every gateway op handler receives. Handler modules import this, never their composer (`handlers.ts`). */
import type { Op, RequestData } from '../../src/protocol/frames.js';
import type { TokenGuard } from '../auth/token-guard.js';
import type { ChatroomApi } from '../chatroom/service.js';
import type { Clock } from '../clock.js';
import type { ChatService } from '../domain/chat.js';
import type { Limiter } from '../limits/limiter.js';
import type { UserRules } from '../limits/user-limits.js';
import type { Connection } from './connection.js';
import type { WebPushSender } from '../push/web-push.js';
import type { PresenceService } from '../presence/service.js';
import type { DevicePlatform } from '../../src/protocol/platforms.js';

/** What handlers need from the server. */
export interface GatewayContext {
  chat: ChatService;
  chatrooms: ChatroomApi;
  appKey: string;
  appSecret: string;
  clock: Clock;
  sendRatePerSecond: number;
  log(line: string): void;
  registry: {
    /** Whether a new session of `userId` on `platform` fits under the socket caps (always, unless the policy refuses). */
    admits(userId: string, sessionId: string, platform: DevicePlatform): Promise<boolean>;
    add(conn: Connection): Promise<void>;
    remove(conn: Connection): void;
  };
  /** Per-user budgets of the stored operations that are not fan-out sends (limits/user-limits.ts). */
  limiter: Limiter;
  userRules: UserRules;
  /** Token revocations (connect checks them; the sweep ends revoked and expired sessions). */
  tokens: TokenGuard;
  /** Web Push subscriptions and the VAPID key; null when the server has no Web Push. */
  webPush: Pick<WebPushSender, 'publicKey' | 'subscribe' | 'unsubscribe'> | null;
  /** Online status subscriptions and hosted profiles (the gateway also reports each user's sockets to it). */
  presence: PresenceService;
}

/** A handler of one op. */
export type Handler<O extends Op> = (
  conn: Connection,
  id: number,
  data: RequestData<O>,
  ctx: GatewayContext,
) => Promise<void>;

/** One handler per op (`handlers.ts` composes it; a missing op fails the type check). */
export type HandlerTable = { [O in Op]: Handler<O> };
