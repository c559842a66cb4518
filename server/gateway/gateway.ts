/**
 * The WebSocket gateway on `GATEWAY_PATH`: accepts sockets, tracks each user's open sockets
 * (several devices per user), pushes bus events to them, and drops dead sockets.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { GATEWAY_PATH, type InboxPush } from '../../src/protocol/frames.js';
import { Limits } from '../../src/protocol/limits.js';
import type { Bus } from '../bus/bus.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { CloseCode } from './close-codes.js';
import { Connection } from './connection.js';
import { inboxPushJson } from './frame-json.js';
import { handlers } from './handlers.js';
import type { GatewayContext } from './handler-context.js';
import type { PlatformCap, RedisSocketCap } from '../limits/redis-socket-cap.js';
import type { DevicePlatform } from '../../src/protocol/platforms.js';

/** What a new session does at the socket cap. */
export type SocketCapPolicy = 'kick-oldest' | 'refuse';

export interface GatewayOptions extends Omit<GatewayContext, 'registry'> {
  bus: Bus;
  /** Sockets one user may hold on this node; a new one kicks the oldest (31010). 0 = no cap. */
  maxSocketsPerUser?: number;
  /** In a cluster: the same cap over all nodes (limits/redis-socket-cap.ts). */
  clusterSocketCap?: RedisSocketCap;
  /** At the cap, a new session ends the oldest (`kick-oldest`, the seeds' default, 31010) or is refused (`refuse`, 31023). */
  socketCapPolicy?: SocketCapPolicy;
  /**
   * Sessions one user may hold per device platform (the seeds' 多端登录限制), on this node and over
   * the cluster; one more ends her oldest of that platform (31010), or is refused (31023) under
   * `refuse`. A platform left out has no limit beyond `maxSocketsPerUser`.
   */
  maxDevicesPerPlatform?: Partial<Record<DevicePlatform, number>>;
  heartbeatMs?: number;
  connectDeadlineMs?: number;
}

/**
 * Frames over MAX_FRAME_BYTES get an error reply and the socket stays (the contract); only frames
 * over this hard cap make `ws` close the socket, to bound memory.
 */
const HARD_FRAME_CAP = 4 * Limits.MAX_FRAME_BYTES;

/** Owns the WebSocket server, the per-user socket registry and the heartbeat. */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_CAP });
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly all = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void>;
  private readonly ctx: GatewayContext;

  constructor(private readonly options: GatewayOptions) {
    this.ctx = {
      ...options,
      registry: {
        admits: (u, s, p) => this.admits(u, s, p),
        add: (c) => this.register(c),
        remove: (c) => this.unregister(c),
      },
    };
    this.unsubscribe = [
      options.bus.subscribe((event) => {
        const conns = this.byUser.get(event.userId);
        if (!conns) return;
        const frame: InboxPush = { push: 'inbox', data: { items: event.items, conversations: event.conversations } };
        const text = inboxPushJson(frame); // once for all of the user's sockets
        for (const conn of conns) conn.pushText(text);
      }),
      options.bus.onResync(() => void this.catchUpAll()),
      options.bus.onUserFrame((userId, text) => {
        for (const conn of this.byUser.get(userId) ?? []) conn.pushText(text);
      }),
    ];
    // A socket that did not answer the previous ping is gone (half-open TCP); terminate it.
    this.heartbeat = setInterval(() => {
      for (const conn of this.all) {
        if (!conn.alive) {
          conn.socket.terminate();
          continue;
        }
        conn.alive = false;
        conn.socket.ping();
      }
    }, options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    options.tokens.start(() => this.all);
    options.clusterSocketCap?.start((ids) => this.kickSessions(ids));
  }

  /** Ends the local sessions another node evicted over the cluster-wide socket cap. */
  private kickSessions(sessionIds: string[]): void {
    const ids = new Set(sessionIds);
    for (const conn of this.all) {
      if (conn.sessionId && ids.has(conn.sessionId))
        conn.endSession(ErrorCode.RC_DISCONN_KICK, 'connected on too many devices; the oldest session ends', true);
    }
  }

  /** Handles an HTTP upgrade; anything but `GET /ws` is refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== GATEWAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new Connection(
        ws,
        this.ctx,
        handlers,
        this.options.connectDeadlineMs ?? Limits.CONNECT_DEADLINE_MS,
        socket,
      );
      this.all.add(conn);
      ws.on('close', () => this.all.delete(conn));
      ws.on('error', () => ws.terminate());
    });
  }

  /** The authenticated sockets of a user. */
  connectionsOf(userId: string): Iterable<Connection> {
    return this.byUser.get(userId) ?? [];
  }

  /** Authenticated sockets on this node (for `/health`). */
  get connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** Every socket (the token guard sweeps them). */
  connections(): Iterable<Connection> {
    return this.all;
  }

  /** Number of authenticated sockets of a user (for tests and metrics). */
  socketsOf(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.options.tokens.stop();
    this.options.clusterSocketCap?.stop();
    for (const off of this.unsubscribe) off();
    const closed = [...this.all].map(
      (conn) =>
        new Promise<void>((resolve) => {
          if (conn.socket.readyState === conn.socket.CLOSED) return resolve();
          conn.socket.once('close', () => resolve());
          conn.socket.close(CloseCode.SHUTDOWN, 'server shutting down');
          // A peer that never answers the close handshake is cut off.
          setTimeout(() => conn.socket.terminate(), 1000).unref();
        }),
    );
    await Promise.all(closed);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** The per-platform limit of `platform` (null: none), as the cluster cap takes it. */
  private platformCap(platform: DevicePlatform): PlatformCap | null {
    const cap = this.options.maxDevicesPerPlatform?.[platform] ?? 0;
    return cap > 0 ? { platform, cap } : null;
  }

  /** Under the `refuse` policy, whether one more session of `userId` fits (over the cluster too, and then recorded there). */
  private async admits(userId: string, sessionId: string, platform: DevicePlatform): Promise<boolean> {
    if (this.options.socketCapPolicy !== 'refuse') return true;
    const cap = this.options.maxSocketsPerUser ?? 0;
    const perPlatform = this.platformCap(platform);
    const local = this.byUser.get(userId) ?? new Set<Connection>();
    if (cap > 0 && local.size >= cap) return false;
    if (perPlatform && [...local].filter((c) => c.platform === platform).length >= perPlatform.cap) return false;
    const cluster = this.options.clusterSocketCap;
    if (!cluster) return true;
    const now = this.options.clock.now();
    if (cap > 0 && !(await cluster.tryAdmit(userId, sessionId, now))) return false;
    if (perPlatform && !(await cluster.tryAdmit(userId, sessionId, now, perPlatform))) {
      if (cap > 0) cluster.release(userId, sessionId);
      return false;
    }
    return true;
  }

  private register(conn: Connection): Promise<void> {
    const userId = conn.userId!;
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(conn);
    const cap = this.options.maxSocketsPerUser ?? 0;
    const perPlatform = this.platformCap(conn.platform);
    const samePlatform = () => [...set].filter((c) => c.platform === conn.platform);
    // Under `refuse`, `admits` already kept the user under the caps (and recorded the session).
    if (this.options.socketCapPolicy === 'refuse') {
      // Two connects that passed `admits` at the same moment: the later one still goes.
      if ((cap > 0 && set.size > cap) || (perPlatform && samePlatform().length > perPlatform.cap)) {
        conn.endSession(
          ErrorCode.RC_DISCONN_SAME_CLIENT_ON_LINE,
          'already connected on as many devices as allowed',
          true,
        );
      }
      this.reportSockets(userId);
      return this.options.bus.watchUser(userId, true);
    }
    // A user with more sockets than a cap loses the oldest (sets iterate in insertion order): over
    // the total first, then over her limit on this platform.
    for (const oldest of set) {
      if (cap <= 0 || set.size <= cap) break;
      this.evict(set, oldest, 'connected on too many devices; the oldest session ends');
    }
    if (perPlatform) {
      const peers = samePlatform();
      for (const oldest of peers.slice(0, Math.max(0, peers.length - perPlatform.cap))) {
        this.evict(
          set,
          oldest,
          `connected on another ${conn.platform} device; the oldest ${conn.platform} session ends`,
        );
      }
    }
    this.reportSockets(userId);
    const clusterCap = this.options.clusterSocketCap;
    const waits: Array<Promise<unknown>> = [this.options.bus.watchUser(userId, true)];
    if (clusterCap && cap > 0)
      waits.push(
        clusterCap
          .admit(userId, conn.sessionId!, this.options.clock.now())
          .then((evicted) => this.kickSessions(evicted)),
      );
    if (clusterCap && perPlatform) {
      waits.push(
        clusterCap
          .admit(userId, conn.sessionId!, this.options.clock.now(), perPlatform)
          .then((evicted) => this.kickSessions(evicted)),
      );
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** Ends a session over a cap with 31010 (the seeds' KICKED_OFFLINE_BY_OTHER_CLIENT) and forgets it. */
  private evict(set: Set<Connection>, conn: Connection, why: string): void {
    set.delete(conn);
    this.releaseCluster(conn);
    conn.endSession(ErrorCode.RC_DISCONN_KICK, why, true);
  }

  /** Tells the presence where the user is connected on this node now (online status subscribers). */
  private reportSockets(userId: string): void {
    const platforms = [...(this.byUser.get(userId) ?? [])].map((c) => c.platform);
    void this.options.presence.socketsChanged(userId, platforms);
  }

  /** Forgets a session in the cluster-wide sets (the total and its platform's). */
  private releaseCluster(conn: Connection): void {
    const cluster = this.options.clusterSocketCap;
    if (!cluster || !conn.userId || !conn.sessionId) return;
    cluster.release(conn.userId, conn.sessionId);
    const perPlatform = this.platformCap(conn.platform);
    if (perPlatform) cluster.release(conn.userId, conn.sessionId, perPlatform);
  }

  /**
   * After a bus outage some pushes may be lost. Each local user gets the newest item of their
   * inbox again: a client that missed anything before it sees a seq gap and syncs (the client's
   * own gap rule), one that missed nothing ignores it. Exactly once and in order, by seq.
   */
  private async catchUpAll(): Promise<void> {
    for (const [userId, conns] of [...this.byUser]) {
      try {
        const head = await this.options.chat.storage.lastSeq(userId);
        if (head === 0) continue;
        const page = await this.options.chat.sync(userId, head - 1, 1);
        const frame: InboxPush = { push: 'inbox', data: { items: page.items, conversations: page.conversations } };
        const text = inboxPushJson(frame); // once for all of the user's sockets
        for (const conn of conns) conn.pushText(text);
      } catch (error) {
        this.options.log(`gateway: catch-up of ${userId} failed: ${(error as Error).message}`);
      }
    }
  }

  private unregister(conn: Connection): void {
    if (!conn.userId) return;
    this.options.chatrooms.socketClosed(conn);
    const set = this.byUser.get(conn.userId);
    if (!set?.delete(conn)) return;
    this.releaseCluster(conn);
    this.reportSockets(conn.userId);
    if (set.size === 0) {
      this.byUser.delete(conn.userId);
      void this.options.bus.watchUser(conn.userId, false);
    }
  }
}
