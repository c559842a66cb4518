/** What every Server API endpoint receives, and the shape of an endpoint table. Feature modules import this, never their composer (`endpoints.ts`). */
import type { Clock } from '../clock.js';
import type { RoomActivity } from '../chatroom/activity.js';
import type { ChatroomBots } from '../chatroom/bots.js';
import type { ChatroomApi } from '../chatroom/service.js';
import type { ChatService } from '../domain/chat.js';
import type { GroupService } from '../domain/groups.js';
import type { MediaStore } from '../media/media-store.js';

export interface ApiContext {
  appKey: string;
  appSecret: string;
  clock: Clock;
  chat: ChatService;
  groups: GroupService;
  chatrooms: ChatroomApi;
  /** Revokes a user's tokens issued before a time, and ends their sessions holding one. */
  tokens: { revoke(userId: string, before: number): Promise<void> };
  /** Uploaded media (the admin list and remove). */
  media: MediaStore;
  /** Chatroom bots and their webhooks. */
  bots: ChatroomBots;
  /** Room activity figures (`/chatroom/top.json`). */
  activity: RoomActivity;
}

/** Type-only key: the params a caller of an endpoint passes (its schema's input). */
declare const callerParams: unique symbol;

/**
 * One endpoint: raw params in, the body of a 200 reply out. Endpoints made with `endpoint(schema, …)`
 * also carry their params' type, so the typed Server API client checks calls at compile time.
 */
export interface Endpoint<In = Record<string, unknown>, Out extends Record<string, unknown> = Record<string, unknown>> {
  (params: Record<string, unknown>, ctx: ApiContext): Promise<Out>;
  readonly [callerParams]?: In;
}

/** A feature module's endpoints, keyed by path; `endpoints.ts` spreads them into the one table. */
export type EndpointTable = Record<string, Endpoint>;
