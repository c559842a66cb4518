/** What every Server API endpoint receives, and the shape of an endpoint table. Feature modules import this, never their composer (`endpoints.ts`). */
import type { Clock } from '../clock.js';
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
}

/** One endpoint: validated params in, the body of a 200 reply out. */
export type Endpoint = (params: Record<string, unknown>, ctx: ApiContext) => Promise<Record<string, unknown>>;

/** A feature module's endpoints, keyed by path; `endpoints.ts` spreads them into the one table. */
export type EndpointTable = Record<string, Endpoint>;
