/** `ParleyClient`: one user session against a Parley server (the IMLib equivalent). */
import { ErrorCode, Limits, DevicePlatform } from '../../protocol/constants.js';
import type { InboxItem, Op, ReplyData, RequestInput, WireConversation } from '../../protocol/frames.js';
import { ChatroomClient } from './chatroom.js';
import { withOps } from './bind.js';
import { clientOps } from './client-ops.js';
import { Connection } from './connection.js';
import { Emitter, Events, type EventName, type Listener } from './events.js';
import { ConnectionStatus } from './status.js';
import { InboxSync } from './sync.js';
import { internalsOf, prefetchRequestCheck, setInternals } from './internals.js';
import { gatewayUrl } from './gateway-url.js';
import { latePort, loadedLateTables, loadLateTables, prefetchLateTables } from './late-tables.js';
import type { IAsyncRes, IConnectResult, IInitOption } from './types.js';
import type { RecallPolicy } from '../../protocol/constants.js';

const DEFAULTS = { timeout: 15_000, reconnectMinDelay: 500, reconnectMaxDelay: 5_000, heartbeatInterval: 25_000 };

type Options = Required<
  Pick<IInitOption, 'appkey' | 'timeout' | 'reconnectMinDelay' | 'reconnectMaxDelay' | 'heartbeatInterval' | 'platform'>
> &
  Pick<IInitOption, 'navi'>;

/** Auth and policy refusals end the session; network trouble is retried. */
function isFatalConnectCode(code: number): boolean {
  return code > ErrorCode.RC_CONN_ACK_TIMEOUT && code < 32_000;
}

/**
 * One user session: connects with a token, keeps the connection alive and reconnects, catches up
 * on the inbox in seq order, and sends and queries. Several instances may live side by side (two
 * users, or two devices of one user in a test). Every async method resolves — never rejects — with
 * `{ code, msg?, data? }`; `code === ErrorCode.SUCCESS` (0) is success.
 */
export class ParleyClient extends withOps(clientOps) {
  private readonly emitter = new Emitter();
  private options: Options | undefined;
  private status: ConnectionStatus = ConnectionStatus.DISCONNECTED;
  /** The session token: kept in a true private field, so it cannot be read off the client. */
  #token = '';
  /** This socket's id among the user's sessions (from the connect reply). */
  #sessionId = '';
  private userId = '';
  /** The server's recall rules, from the last connect reply. */
  #recallPolicy: RecallPolicy | null = null;
  /** The user the inbox cursor belongs to; a different user starts a fresh cursor. */
  private inboxUser = '';
  private connection: Connection | undefined;
  /** Bumped by connect() and disconnect(): results of an older session are ignored. */
  private session = 0;
  /** Bumped per socket attempt: callbacks of an older socket are ignored. */
  private generation = 0;
  private wantConnected = false;
  private attempting = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectAttempts = 0;
  /** When the scheduled reconnect attempt runs (ms since the epoch); 0 while none is scheduled. */
  private reconnectAt = 0;
  private readonly inbox = new InboxSync({
    fetch: (since) => this.call('sync', { since, limit: Limits.SYNC_PAGE_MAX }),
    deliver: (items, conversations, offline) => this.deliver(items, conversations, offline),
    onSyncFailed: () => this.connection?.lose(ErrorCode.RC_SOCKET_DISCONNECTED),
    ready: loadLateTables,
  });
  /** Chatroom calls and state; the chatroom operations (chatroom-ops.ts) call it. */
  readonly chatroom = new ChatroomClient({
    call: (op, data) => this.call(op, data),
    emitter: this.emitter,
    userId: () => this.userId,
  });
  /** Back on the network: try now rather than when the backoff timer says. */
  private readonly onOnline = () => {
    if (this.wantConnected && this.status !== ConnectionStatus.CONNECTED && !this.attempting) {
      this.reconnectAttempts = 0;
      void this.reconnectNow();
    }
  };
  /**
   * Off the network: an open socket may take until the next heartbeat to fail, so drop it now and
   * let the app (and the kit's banner and outgoing queue) know at once.
   */
  private readonly onOffline = () => {
    if (this.status === ConnectionStatus.CONNECTED) this.connection?.lose(ErrorCode.RC_NET_UNAVAILABLE);
  };

  /** @param option when given, the same as calling `init(option)`. */
  constructor(option?: IInitOption) {
    super();
    // Session access for the operations of the feature tables (bind.ts, client-ops.ts), kept off the instance.
    setInternals(this, {
      call: (op, data, timeoutCode) => this.call(op, data, timeoutCode),
      userId: () => this.userId,
      emitter: this.emitter,
      // Uploads and media URLs use the same base as the socket: navi, else the page's origin.
      navi: () => this.options?.navi ?? (globalThis as { location?: { origin?: string } }).location?.origin,
      token: () => this.#token,
      ownRecalls: new Set(),
      ownSends: new Set(),
      chatroom: this.chatroom,
      port: latePort,
    });
    if (option) this.init(option);
  }

  /** Sets the app key and server address. Call once, before `connect`. */
  init(option: IInitOption): void {
    this.options = {
      appkey: option.appkey,
      navi: option.navi,
      timeout: option.timeout ?? DEFAULTS.timeout,
      reconnectMinDelay: option.reconnectMinDelay ?? DEFAULTS.reconnectMinDelay,
      reconnectMaxDelay: option.reconnectMaxDelay ?? DEFAULTS.reconnectMaxDelay,
      heartbeatInterval: option.heartbeatInterval ?? DEFAULTS.heartbeatInterval,
      platform: option.platform ?? DevicePlatform.WEB,
    };
  }

  /** Whether `init` has been called on this client. */
  isInitialized(): boolean {
    return this.options !== undefined;
  }

  // ---- events -------------------------------------------------------------------------------

  /** Adds a listener for one of `Events`. */
  addEventListener<E extends EventName>(event: E, listener: Listener<E>): void {
    this.emitter.on(event, listener);
  }

  /** Alias of `addEventListener` (the seeds use both names). */
  addListener<E extends EventName>(event: E, listener: Listener<E>): void {
    this.emitter.on(event, listener);
  }

  /** Adds a listener that runs once. */
  onceEventListener<E extends EventName>(event: E, listener: Listener<E>): void {
    this.emitter.once(event, listener);
  }

  /** Removes one listener. */
  removeEventListener<E extends EventName>(event: E, listener: Listener<E>): void {
    this.emitter.off(event, listener);
  }

  /** Removes every listener of `event`. */
  removeEventListeners(event: EventName): void {
    this.emitter.offAll(event);
  }

  /** Removes every listener of every event. */
  clearEventListeners(): void {
    this.emitter.offAll();
  }

  // ---- connection ---------------------------------------------------------------------------

  /** The connected user's id, or '' before the first successful connect. */
  getCurrentUserId(): string {
    return this.userId;
  }

  /** The current `ConnectionStatus`. */
  getConnectionStatus(): ConnectionStatus {
    return this.status;
  }

  /** Parley: when the client tries to reconnect next (ms since the epoch), or 0 while no attempt is scheduled. */
  getNextReconnectTime(): number {
    return this.reconnectAt;
  }

  /**
   * Parley: what the server allows for recalls — `windowMs` (how long after sending; 0 = no limit)
   * and `by` (`sender`, `group-admins` or `anyone`) — as its last connect reply said; null before
   * the first connect (or from a server that does not tell). The kit hides "Recall" past the window.
   */
  getRecallPolicy(): RecallPolicy | null {
    return this.#recallPolicy;
  }

  /** Parley: the app key given to `init` ('' before it); the kit keeps unsent messages per app and user. */
  getAppKey(): string {
    return this.options?.appkey ?? '';
  }

  /**
   * Connects with a token from the app's server. Emits CONNECTING, then CONNECTED on success, then
   * catches up on the inbox (MESSAGES / CONVERSATION, then PULL_OFFLINE_MESSAGE_FINISHED). After a
   * success the client reconnects by itself when the connection breaks. A failure (bad token,
   * unreachable server) resolves with its code and does not retry.
   */
  async connect(token: string): Promise<IAsyncRes<IConnectResult>> {
    if (!this.options) return { code: ErrorCode.BIZ_ERROR_CLIENT_NOT_INIT, msg: 'call init() first' };
    if (typeof token !== 'string' || token.length === 0)
      return { code: ErrorCode.RC_CONN_TOKEN_INCORRECT, msg: 'empty token' };
    if (this.status === ConnectionStatus.CONNECTED)
      return { code: ErrorCode.RC_CONNECTION_EXIST, data: { userId: this.userId } };
    if (this.wantConnected) return { code: ErrorCode.BIZ_ERROR_CONNECTING, msg: 'already connecting' };
    if (!gatewayUrl(this.options.navi))
      return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'navi is not an http(s) or ws(s) URL' };
    const session = ++this.session;
    this.#token = token;
    this.wantConnected = true;
    this.reconnectAttempts = 0;
    // The argument checks and the calls loaded on first use (late-tables.ts) load during the handshake,
    // so the first request does not wait for them.
    prefetchRequestCheck();
    prefetchLateTables();
    const res = await this.attempt();
    if (session === this.session && res.code !== ErrorCode.SUCCESS) {
      this.wantConnected = false;
      this.setStatus(
        res.code === ErrorCode.RC_CONN_USER_BLOCKED ? ConnectionStatus.BLOCKED : ConnectionStatus.DISCONNECTED,
      );
    }
    if (res.code === ErrorCode.SUCCESS) this.watchNetwork(true);
    return res;
  }

  /**
   * Disconnects on purpose: emits DISCONNECT(`ErrorCode.ACTIVE_DISCONNECT`) if a session was
   * active, stops reconnecting, and resolves waiting calls with `RC_NET_UNAVAILABLE`.
   */
  async disconnect(): Promise<IAsyncRes<void>> {
    const wasActive = this.wantConnected || this.status !== ConnectionStatus.DISCONNECTED;
    this.session++;
    this.generation++;
    this.wantConnected = false;
    this.clearReconnectTimer();
    internalsOf(this).typing?.clear();
    this.watchNetwork(false);
    this.connection?.close();
    this.connection = undefined;
    this.chatroom.reset();
    this.setStatus(ConnectionStatus.DISCONNECTED);
    if (wasActive) this.emitter.emit(Events.DISCONNECT, ErrorCode.ACTIVE_DISCONNECT);
    return { code: ErrorCode.SUCCESS };
  }

  /** One socket + `connect` handshake. Emits CONNECTING, and CONNECTED on success. */
  private async attempt(): Promise<IAsyncRes<IConnectResult>> {
    const options = this.options!;
    const gen = ++this.generation;
    this.attempting = true;
    try {
      this.setStatus(ConnectionStatus.CONNECTING);
      this.emitter.emit(Events.CONNECTING);
      // Pushes that race ahead of the connect reply wait here until the session is set up.
      let early: Array<{ items: InboxItem[]; conversations: WireConversation[] }> | undefined = [];
      const opened = await Connection.open(
        gatewayUrl(options.navi)!,
        {
          onPush: (frame) => {
            if (gen !== this.generation) return;
            // Chatroom pushes are live-only and independent of the inbox order.
            if (frame.push === 'chatroom') return this.chatroom.onPush(frame.data);
            if (frame.push === 'subscription') {
              // Its code comes with the late tables; pushes keep their order (one promise, callbacks in turn).
              void loadLateTables().then(
                (late) =>
                  gen === this.generation && late.onSubscriptionPush(internalsOf(this), frame.data, this.#sessionId),
                () => undefined,
              );
              return;
            }
            if (frame.push !== 'inbox') return;
            if (early) early.push(frame.data);
            else this.inbox.push(frame.data.items, frame.data.conversations);
          },
          onLost: (code) => this.onLost(gen, code),
        },
        options.timeout,
      );
      if (gen !== this.generation) {
        if (typeof opened !== 'number') opened.close();
        return { code: ErrorCode.ACTIVE_DISCONNECT, msg: 'disconnected while connecting' };
      }
      if (typeof opened === 'number') return { code: opened, msg: 'cannot open the WebSocket' };
      const reply = await opened.request(
        'connect',
        { token: this.#token, appkey: options.appkey, platform: options.platform },
        options.timeout,
        ErrorCode.RC_CONN_ACK_TIMEOUT,
      );
      if (gen !== this.generation) {
        opened.close();
        return { code: ErrorCode.ACTIVE_DISCONNECT, msg: 'disconnected while connecting' };
      }
      if (reply.code !== ErrorCode.SUCCESS || !reply.data) {
        opened.close();
        return { code: reply.code || ErrorCode.UNKNOWN, msg: reply.msg ?? 'connect refused' };
      }
      const { userId, lastSeq } = reply.data;
      this.#sessionId = reply.data.sessionId;
      this.#recallPolicy = reply.data.recall ?? null;
      this.connection = opened;
      this.userId = userId;
      if (this.inboxUser !== userId) {
        // A fresh session starts at the inbox head: older state comes from getConversationList /
        // getHistoryMessages. A reconnect of the same user resumes where it stopped.
        this.inbox.reset(lastSeq);
        this.inboxUser = userId;
        internalsOf(this).ownSends.clear();
        this.chatroom.reset();
      }
      opened.startHeartbeat(options.heartbeatInterval, options.timeout);
      this.reconnectAttempts = 0;
      this.setStatus(ConnectionStatus.CONNECTED);
      this.emitter.emit(Events.CONNECTED);
      void this.catchUp(gen);
      void this.chatroom.rejoinAll();
      void loadLateTables().then(
        (late) => late.syncSubscriptions(internalsOf(this), () => gen === this.generation),
        () => undefined,
      );
      const pending = early;
      early = undefined;
      for (const data of pending) this.inbox.push(data.items, data.conversations);
      return { code: ErrorCode.SUCCESS, data: { userId } };
    } finally {
      this.attempting = false;
    }
  }

  /** Pulls what happened while away, then tells the app it is up to date. */
  private async catchUp(gen: number): Promise<void> {
    const code = await this.inbox.pull().catch(() => ErrorCode.UNKNOWN);
    if (gen !== this.generation) return;
    if (code === ErrorCode.SUCCESS) this.emitter.emit(Events.PULL_OFFLINE_MESSAGE_FINISHED);
    // A failed catch-up (usually a timeout: the socket is dead) would leave a hole: drop the
    // socket, the reconnect resyncs.
    else this.connection?.lose(ErrorCode.RC_SOCKET_DISCONNECTED);
  }

  private onLost(gen: number, code: number): void {
    if (gen !== this.generation || this.status !== ConnectionStatus.CONNECTED) return;
    this.connection = undefined;
    if (
      code === ErrorCode.RC_CONN_TOKEN_EXPIRED ||
      code === ErrorCode.RC_CONN_TOKEN_INCORRECT ||
      code === ErrorCode.RC_DISCONN_KICK
    ) {
      // The server ended the session: the token expired or was revoked, or the user connected on
      // too many devices. Reconnecting by itself would not help (or would kick another device);
      // the app gets DISCONNECT(code) and decides (for a token: fetch a new one, connect again).
      this.wantConnected = false;
      this.setStatus(
        code === ErrorCode.RC_DISCONN_KICK
          ? ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT
          : ConnectionStatus.DISCONNECTED,
      );
      this.watchNetwork(false);
      this.emitter.emit(Events.DISCONNECT, code);
      return;
    }
    const offline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
    this.setStatus(offline ? ConnectionStatus.NETWORK_UNAVAILABLE : ConnectionStatus.SOCKET_ERROR);
    // Scheduled first, so SUSPEND listeners can read the time of the next attempt.
    this.scheduleReconnect();
    this.emitter.emit(Events.SUSPEND, code);
  }

  private scheduleReconnect(): void {
    this.clearReconnectTimer();
    const { reconnectMinDelay: min, reconnectMaxDelay: max } = this.options!;
    // Exponential backoff with jitter, so a server restart is not met by every client at once. The
    // ceiling starts at 2×min: with min itself, max(min, ...) made every first retry exactly `min`.
    const ceiling = Math.min(max, min * 2 ** Math.min(this.reconnectAttempts + 1, 16));
    const delay = Math.max(min, ceiling / 2 + (Math.random() * ceiling) / 2);
    this.reconnectAttempts++;
    this.reconnectAt = Date.now() + delay;
    this.reconnectTimer = setTimeout(() => void this.reconnectNow(), delay);
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAt = 0;
  }

  private async reconnectNow(): Promise<void> {
    this.clearReconnectTimer();
    if (!this.wantConnected || this.attempting) return;
    const session = this.session;
    const res = await this.attempt();
    if (session !== this.session || !this.wantConnected || res.code === ErrorCode.SUCCESS) return;
    if (isFatalConnectCode(res.code)) {
      // The server refused us (token revoked, user blocked...): retrying cannot help.
      this.wantConnected = false;
      this.setStatus(
        res.code === ErrorCode.RC_CONN_USER_BLOCKED ? ConnectionStatus.BLOCKED : ConnectionStatus.DISCONNECTED,
      );
      this.watchNetwork(false);
      this.emitter.emit(Events.DISCONNECT, res.code);
      return;
    }
    this.setStatus(ConnectionStatus.SOCKET_ERROR);
    this.scheduleReconnect();
    // Still down: say so again, so a UI counting down to the next attempt learns its new time.
    this.emitter.emit(Events.SUSPEND, res.code);
  }

  /** Follows the browser's `online` / `offline` events while a session is wanted (no-op in Node). */
  private watchNetwork(on: boolean): void {
    if (typeof window === 'undefined') return;
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('online', this.onOnline);
    window[method]('offline', this.onOffline);
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
  }

  // ---- requests -----------------------------------------------------------------------------

  /** Sends a request on the live connection, or resolves `RC_NET_UNAVAILABLE` when there is none. */
  private call<O extends Op>(op: O, data: RequestInput<O>, timeoutCode?: number): Promise<IAsyncRes<ReplyData[O]>> {
    const connection = this.connection;
    if (!connection || this.status !== ConnectionStatus.CONNECTED) {
      return Promise.resolve({ code: ErrorCode.RC_NET_UNAVAILABLE, msg: 'not connected' });
    }
    return connection.request(op, data, this.options!.timeout, timeoutCode);
  }

  /** Hands inbox items to the app: new messages as MESSAGES, then the conversations as CONVERSATION. */
  private deliver(items: InboxItem[], conversations: WireConversation[], offline: boolean): void {
    loadedLateTables().deliverItems(internalsOf(this), items, conversations, offline);
  }
}
