/**
 * The Parley IM server: one HTTP server that serves the Server API and upgrades `GET /ws` to the
 * WebSocket gateway, over SQLite storage and an in-process bus.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { GATEWAY_PATH } from '../src/protocol/frames.js';
import { Limits } from '../src/protocol/limits.js';
import type { DevicePlatform } from '../src/protocol/platforms.js';
import type { RecallBy } from '../src/protocol/messaging-limits.js';
import { createServerApi } from './api/server-api.js';
import { appRate } from './api/app-rate.js';
import { resolveCredentials } from './auth/credentials.js';
import type { ChatroomOptions } from './chatroom/config.js';
import { ChatroomService, type ChatroomMetrics } from './chatroom/service.js';
import { RoomActivity, type RoomFigures } from './chatroom/activity.js';
import { ChatroomBots, type BotStats } from './chatroom/bots.js';
import { StatusSync } from './chatroom/status-sync.js';
import type { Bus } from './bus/bus.js';
import { InProcessBus } from './bus/in-process.js';
import { RedisBus } from './bus/redis.js';
import { answerHealth } from './health.js';
import { systemClock, type Clock } from './clock.js';
import { ChatService } from './domain/chat.js';
import { GroupService } from './domain/groups.js';
import { newId } from './domain/ids.js';
import { DEFAULT_MEDIA_QUOTA_BYTES, DEFAULT_UPLOAD_IDLE_MS, createMediaHandler } from './media/media.js';
import { MediaStore, type MediaCleanup } from './media/media-store.js';
import { TokenGuard } from './auth/token-guard.js';
import { MemoryLimiter, type Limiter } from './limits/limiter.js';
import { RedisLimiter } from './limits/redis-limiter.js';
import { RedisSocketCap } from './limits/redis-socket-cap.js';
import { userRules, type UserLimitOptions } from './limits/user-limits.js';
import { Gateway, type SocketCapPolicy } from './gateway/gateway.js';
import { openStorage } from './storage/open.js';
import type { ChatroomState } from './storage/chatroom-state.js';
import { SqliteChatroomState } from './storage/sqlite-chatroom-state.js';
import { PgChatroomState } from './storage/pg-chatroom-state.js';
import { RedisPresence } from './bus/redis-presence.js';
import { OfflinePush, checkPushOptions, type PushOptions } from './push/offline-push.js';
import { WebPushSender, resolveVapidKeys } from './push/web-push.js';
import { LocalOnline, RedisOnline } from './presence/online.js';
import { PresenceService, type ProfileVisibility } from './presence/service.js';
import type { DirectoryStorage } from './storage/directory.js';
import { SqliteDirectory } from './storage/sqlite-directory.js';
import { PgDirectory } from './storage/pg-directory.js';

export type { Clock } from './clock.js';
export type { ChatroomOptions } from './chatroom/config.js';
export type { ChatroomMetrics } from './chatroom/service.js';
export type { StatusEvent } from './chatroom/status-sync.js';
export { issueToken, verifyToken, type TokenClaims } from './auth/token.js';
export { signRequest } from './api/signature.js';
export {
  createServerApiClient,
  ServerApiError,
  type ApiParams,
  type ServerApiClient,
  type ServerApiClientOptions,
  type ServerApiParams,
  type ServerApiPath,
  type ServerApiReply,
} from './api-client.js';
export { DevicePlatform } from '../src/protocol/platforms.js';
export { RECALL_BY, type RecallBy, type RecallPolicy } from '../src/protocol/messaging-limits.js';
export type { ChatroomState } from './storage/chatroom-state.js';
export { PgChatroomState, type PgPoolLike } from './storage/pg-chatroom-state.js';
export { verifyWebhook } from './api/signature.js';
export type { PushOptions };
export type { PushNotice } from './push/push-notice.js';
export { DEFAULT_PUSH_SERVICE_HOSTS, type WebPushOptions } from './push/web-push.js';

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

/** What `server.metrics()` and `GET /metrics` report. */
export interface ServerMetrics {
  chatroom: ChatroomMetrics;
  statusSync: { posted: number; failedAttempts: number; dropped: number } | null;
  /** Offline pushes posted to the webhook, failed attempts and pushes dropped; Web Push sends (null without push). */
  push: OfflinePush['stats'] | null;
  /** Chatroom bot webhook calls and replies (this node). */
  bots: BotStats;
  /** The 10 busiest rooms over the last 5 and 60 minutes, by messages (this node's) and by peak members. */
  chatroomTop: Record<'messages5m' | 'messages60m' | 'members5m' | 'members60m', RoomFigures[]>;
}

/** Default cap on one user's sockets (per node and over a cluster). */
export const DEFAULT_MAX_SOCKETS_PER_USER = 32;

/** Default upload limit: 20 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface RunningServer {
  /** `http://host:port`; the gateway is at `ws://host:port/ws`. */
  url: string;
  host: string;
  port: number;
  appKey: string;
  appSecret: string;
  /** True when the credentials were generated by this start (and saved in `<dataDir>/app.json`). */
  credentialsCreated: boolean;
  /** Absolute path of the data folder. */
  dataDir: string;
  /** The chatrooms of this process: `tick()` runs the sweep (tests move the clock, then tick). */
  chatrooms: ChatroomService;
  /** This node's id (cluster) or `local`. */
  nodeId: string;
  /** The bus between nodes (in-process without a Redis URL). */
  bus: Bus;
  /** Counters: chatroom deliveries, drops, offline removals, status sync. */
  metrics(): ServerMetrics;
  /** Resolves when queued status sync posts are done (tests). */
  statusSyncIdle(): Promise<void>;
  /** Resolves when queued bot webhook calls were posted or dropped (tests). */
  botsIdle(): Promise<void>;
  /** Resolves when queued offline pushes were posted or dropped (tests). */
  pushIdle(): Promise<void>;
  /** Closes sockets, the HTTP server and the database. */
  close(): Promise<void>;
}

/** Starts the server; resolves once it is listening. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? './data');
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? (() => {});
  const credentials = resolveCredentials(dataDir, options.appKey, options.appSecret);
  const nodeId = options.nodeId ?? (options.redisUrl ? `n-${newId(8)}` : 'local');
  const redisPrefix = options.redisPrefix ?? 'parley:';
  const redisBus = options.redisUrl ? await RedisBus.connect({ url: options.redisUrl, nodeId, prefix: redisPrefix, log }) : null;
  const bus: Bus = redisBus ?? new InProcessBus(nodeId);
  const leaseMs = Math.min(options.presenceLeaseMs ?? 30_000, 60_000);
  const presence = redisBus ? new RedisPresence({ redis: redisBus.redis, prefix: redisPrefix, nodeId, leaseMs, log }) : undefined;
  // `database.postgres` (null on SQLite) holds the pool the chatroom state shares on PostgreSQL.
  const database = await openStorage({ databaseUrl: options.databaseUrl, dataDir, log });
  const storage = database.storage;
  const chat = await ChatService.create(storage, bus, clock, {
    recallWindowMs: options.recallWindowMs,
    recallBy: options.recallBy,
    groupHistoryBeforeJoin: options.groupHistoryBeforeJoin,
  });
  const app = { appKey: credentials.appKey, appSecret: credentials.appSecret };
  const chatroomState =
    options.chatroomState ??
    (database.postgres ? await PgChatroomState.open(database.postgres.pool) : new SqliteChatroomState(join(dataDir, 'chatroom.db')));
  const syncUrl = options.chatroom?.statusSyncUrl;
  const statusSync = syncUrl
    ? new StatusSync({
        ...app,
        url: syncUrl,
        clock,
        retries: options.chatroom?.statusSyncRetries ?? 5,
        backoffMs: options.chatroom?.statusSyncBackoffMs ?? 500,
        log,
      })
    : null;
  const directory: DirectoryStorage = database.postgres ? await PgDirectory.open(database.postgres.pool) : new SqliteDirectory(join(dataDir, 'directory.db'));
  let gatewayRef: Gateway | undefined;
  const presenceService = new PresenceService({
    directory,
    online: redisBus ? new RedisOnline(redisBus.redis, redisPrefix, nodeId) : new LocalOnline(),
    clock,
    visibility: options.userProfileVisibility ?? 'invisible',
    log,
    pushToUser: (userId, text) => {
      for (const conn of gatewayRef?.connectionsOf(userId) ?? []) conn.pushText(text);
      bus.publishUserFrame(userId, text);
    },
  });
  const tokens = new TokenGuard({ storage: storage.abuse, clock, checkMs: options.tokenCheckMs, log });
  // One limiter keyed by user for every budget; in a cluster its counters live in Redis, so a user's
  // budget is shared by all nodes.
  const limiter: Limiter = redisBus ? new RedisLimiter({ redis: redisBus.redis, prefix: redisPrefix, clock, log }) : new MemoryLimiter(clock);
  const rules = userRules(options.limits);
  const mediaStore = new MediaStore(join(dataDir, 'media'), storage);
  const deleteWith = options.media?.deleteWith ?? 'recall';
  chat.onMessageGone = (message, reason, byUserId) => mediaStore.messageGone(message, reason, byUserId, deleteWith);
  const pushOptions = options.push ? checkPushOptions(options.push) : null;
  const webPush = pushOptions?.webPush
    ? new WebPushSender({ storage: storage.push, clock, log }, pushOptions.webPush, resolveVapidKeys(pushOptions.webPush, dataDir))
    : null;
  const offlinePush = pushOptions ? new OfflinePush({ bus, storage, clock, ...app, log }, pushOptions, webPush) : null;
  if (offlinePush) chat.onStored = (message, deliveries, push) => offlinePush.afterSend(message, deliveries, push);
  let gateway: Gateway | undefined;
  const chatrooms = new ChatroomService(
    {
      state: chatroomState,
      bus,
      presence,
      clock,
      userSockets: (userId) => gateway?.connectionsOf(userId) ?? [],
      status: statusSync ? (event) => statusSync.push(event) : undefined,
      log,
    },
    options.chatroom,
  );
  await chatrooms.start();
  const activity = new RoomActivity(clock, () => chatrooms.rooms);
  const bots = new ChatroomBots(
    {
      ...app,
      clock,
      moderation: chatrooms.moderation,
      send: (roomId, botId, objectName, content) =>
        chatrooms.messaging.send(null, roomId, { senderUserId: botId, messageType: objectName, content, isPersisted: true, isCounted: true, isStatusMessage: false }, true).message,
      log,
    },
    options.chatroom?.bots,
  );
  chatrooms.observe((room, message) => {
    activity.message(room);
    bots.message(room, message);
  });
  const metrics = (): ServerMetrics => ({
    chatroom: chatrooms.metrics(),
    statusSync: statusSync ? { ...statusSync.stats } : null,
    push: offlinePush ? offlinePush.stats : null,
    bots: bots.stats,
    chatroomTop: {
      messages5m: activity.top('messages', 5, 10),
      messages60m: activity.top('messages', 60, 10),
      members5m: activity.top('members', 5, 10),
      members60m: activity.top('members', 60, 10),
    },
  });
  gateway = new Gateway({
    ...app,
    chat,
    chatrooms,
    clock,
    bus,
    log,
    sendRatePerSecond: options.sendRatePerSecond ?? Limits.SENDS_PER_SECOND,
    heartbeatMs: options.heartbeatMs,
    connectDeadlineMs: options.connectDeadlineMs,
    tokens,
    limiter,
    userRules: rules,
    presence: presenceService,
    maxSocketsPerUser: options.maxSocketsPerUser ?? DEFAULT_MAX_SOCKETS_PER_USER,
    webPush,
    socketCapPolicy: options.socketCapPolicy ?? 'kick-oldest',
    maxDevicesPerPlatform: options.maxDevicesPerPlatform ?? {},
    // In a cluster the cap also holds over all nodes (the per-node one stays as a local bound).
    clusterSocketCap: redisBus
      ? new RedisSocketCap({ redis: redisBus.redis, prefix: redisPrefix, nodeId, cap: options.maxSocketsPerUser ?? DEFAULT_MAX_SOCKETS_PER_USER, log })
      : undefined,
  });
  gatewayRef = gateway;
  const api = createServerApi(
    {
      ...app,
      clock,
      chat,
      chatrooms,
      groups: new GroupService(storage, { now: () => chat.timeMark() }, chat.moderation, chat.groupRoles),
      tokens: { revoke: (userId, before) => tokens.revoke(userId, before, gateway.connections()) },
      media: mediaStore,
      bots,
      activity,
    },
    log,
    { perWindow: options.apiRefusalLogsPerMinute },
    appRate(limiter, options.apiRequestsPerSecond),
  );

  const media = createMediaHandler({
    ...app,
    clock,
    store: mediaStore,
    tokens,
    limiter,
    rules,
    log,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    quotaBytes: options.media?.quotaBytes ?? DEFAULT_MEDIA_QUOTA_BYTES,
    idleTimeoutMs: options.media?.idleTimeoutMs ?? DEFAULT_UPLOAD_IDLE_MS,
  });
  const http: Server = createServer((req, res) => {
    // Counters only (no user data), for a local scraper; everything else is the signed Server API.
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ...metrics(), bus: bus.health() }));
      return;
    }
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/health') {
      void answerHealth(res, {
        nodeId,
        bus: () => bus.health(),
        probeStorage: () => Promise.all([storage.lastSeq(''), chatroomState.room('')]),
        connections: () => gateway?.connectionCount ?? 0,
      });
      return;
    }
    // Media uploads and downloads (user token, not the App Secret); everything else is the Server API.
    if (!media(req, res)) void api(req, res);
  });
  http.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  try {
    await new Promise<void>((ok, fail) => {
      http.once('error', fail);
      http.listen(options.port ?? 8080, host, () => ok());
    });
  } catch (error) {
    chatrooms.close();
    await presence?.close();
    await directory.close();
    await chatroomState.close();
    await storage.close();
    await bus.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  log(`gateway at ${url.replace(/^http/, 'ws')}${GATEWAY_PATH}, Server API at ${url}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    host,
    port,
    ...app,
    credentialsCreated: credentials.created,
    dataDir,
    nodeId,
    bus,
    chatrooms,
    metrics,
    statusSyncIdle: () => statusSync?.idle() ?? Promise.resolve(),
    pushIdle: () => offlinePush?.idle() ?? Promise.resolve(),
    botsIdle: () => bots.idle(),
    close() {
      closing ??= (async () => {
        const httpClosed = new Promise<void>((ok) => http.close(() => ok()));
        http.closeIdleConnections();
        await gateway.close();
        http.closeAllConnections();
        await httpClosed;
        await presenceService.idle();
        await directory.close();
        chatrooms.close();
        await chatrooms.flushed();
        await presence?.close();
        await bus.close();
        statusSync?.close();
        offlinePush?.close();
        bots.close();
        activity.close();
        await chatroomState.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
