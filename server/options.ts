/** The options of `startServer` (also set by `parley-server`'s flags). */
import type { DevicePlatform } from '../src/protocol/platforms.js';
import type { RecallBy } from '../src/protocol/messaging-limits.js';
import type { ChatroomOptions } from './chatroom/config.js';
import type { Clock } from './clock.js';
import type { MediaCleanup } from './media/media-store.js';
import type { UserLimitOptions } from './limits/user-limits.js';
import type { SocketCapPolicy } from './gateway/gateway.js';
import type { ChatroomState } from './storage/chatroom-state.js';
import type { PushOptions } from './push/offline-push.js';
import type { ProfileVisibility } from './presence/service.js';

export interface ServerOptions {
  /** Port to listen on; default 8080; 0 picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Folder for the database and `app.json`; default `./data`. */
  dataDir?: string;
  /**
   * `postgres://user:pass@host:port/db`: keep messages, inboxes, conversations and groups in
   * PostgreSQL (schema created or migrated on start) instead of SQLite under `dataDir`. Default:
   * `PARLEY_DATABASE_URL` is not read here (the CLI reads it); no URL = SQLite.
   */
  databaseUrl?: string;
  /**
   * PostgreSQL only: how long one statement may go unanswered before the request fails with 33002
   * `storage unavailable`, ms (default 30000). Migrations at start are not bounded.
   */
  databaseQueryTimeoutMs?: number;
  /** App Key and App Secret; when absent they are read from (or generated into) `<dataDir>/app.json`. */
  appKey?: string;
  appSecret?: string;
  /** Time source; tests inject one. Default `Date.now`. */
  clock?: Clock;
  /** Gateway sends per second per connection (default `Limits.SENDS_PER_SECOND`); 0 disables the limit. */
  sendRatePerSecond?: number;
  /**
   * How long after sending a message a client may recall it, ms (default 120000, as the kit's
   * `maxRecallDuration`; 0 = no limit). Clients learn it at connect; the Server API has no window.
   */
  recallWindowMs?: number;
  /**
   * Who may recall a private or group message from a client: `sender` (default), `group-admins`
   * (also the group's owner and admins, set with `/group/owner/set.json` and
   * `/group/manager/add.json`) or `anyone` (any participant, the seeds' default).
   */
  recallBy?: RecallBy;
  /** Whether new group members read messages from before they joined (default false, as the seeds). */
  groupHistoryBeforeJoin?: boolean;
  /** Largest media upload (`POST /upload`), bytes (default 20 MB). */
  maxUploadBytes?: number;
  /** Per-user budgets of drafts, pins, tags, expansion, receipts, typing and uploads (per minute). */
  limits?: UserLimitOptions;
  /** Sockets one user may hold (on each node and, with `redisUrl`, over the cluster); one more kicks her oldest with 31010. Default 32; 0 = no cap. */
  maxSocketsPerUser?: number;
  /** At the cap: `kick-oldest` (default, as the seeds: the oldest session ends with 31010) or `refuse` (the new connect gets 31023). */
  socketCapPolicy?: SocketCapPolicy;
  /**
   * Sessions one user may hold per device platform (the seeds' 多端登录限制: one each of mobile,
   * desktop, Web and mini program), over the cluster; one more ends her oldest of that platform with
   * 31010 (or, under `refuse`, is refused with 31023). Default `{}`: no limit per platform (only
   * `maxSocketsPerUser`). The seeds' defaults are `{ web: 1, desktop: 1, mobile: 1, miniprogram: 1 }`.
   */
  maxDevicesPerPlatform?: Partial<Record<DevicePlatform, number>>;
  /**
   * Who sees the fields of a hosted profile (`updateMyUserProfile`) beyond name and portrait:
   * `invisible` (default, the seeds' AppKey default: only the user herself) or `everyone`.
   */
  userProfileVisibility?: ProfileVisibility;
  /** How often open sockets are checked for expired or revoked tokens, ms (default 1000). */
  tokenCheckMs?: number;
  /** Media abuse bounds (docs/server-api.md, "Abuse limits"). */
  media?: {
    /** Bytes one user may keep stored (default 1 GiB); 0 = no quota. */
    quotaBytes?: number;
    /** An upload that sends no body bytes for this long is dropped, ms (default 30000). */
    idleTimeoutMs?: number;
    /** When a message's uploads are deleted with it (default `recall`). */
    deleteWith?: MediaCleanup;
  };
  /** Server API requests per second per App Key (default 1000; over it HTTP 429, code 1008); 0 = no limit. */
  apiRequestsPerSecond?: number;
  /** Log lines per minute about refused or aborted Server API requests (default 20; the rest are counted). */
  apiRefusalLogsPerMinute?: number;
  /** Where log lines go; default nowhere. */
  logger?: (line: string) => void;
  /** Heartbeat ping interval in ms (default 30000). */
  heartbeatMs?: number;
  /** How long a socket may stay unauthenticated, ms (default `Limits.CONNECT_DEADLINE_MS`). */
  connectDeadlineMs?: number;
  /** Chatroom settings (destroy wait, multi-room, history, budgets, status sync...). */
  chatroom?: ChatroomOptions;
  /**
   * Redis for a cluster (`redis://host:port[/db]`): nodes started with the same URL, data and App
   * Key form one cluster. Absent: the in-process bus (one node).
   */
  redisUrl?: string;
  /** This node's id in the cluster (default: a random one); distinct per node. */
  nodeId?: string;
  /** Prefix of Redis keys and channels (default `parley:`); clusters sharing a Redis need distinct ones. */
  redisPrefix?: string;
  /** How long a node's members stay when it stops renewing its lease, ms (default 30000, at most 60000). */
  presenceLeaseMs?: number;
  /**
   * Durable chatroom state (rooms, KV, roles, queue, moderation lists, history). Default: SQLite in
   * `<dataDir>/chatroom.db`; with PostgreSQL pass `await PgChatroomState.open(pool)`.
   */
  chatroomState?: ChatroomState;
  /**
   * Offline push: messages reaching a user with no socket on any node are POSTed, signed and
   * batched, to the app's push webhook (docs/push.md). Absent: no push.
   */
  push?: PushOptions;
}
