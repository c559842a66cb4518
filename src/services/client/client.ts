/** `ParleyClient`: one user session against a Parley server (the IMLib equivalent). */
import { ErrorCode } from '../../protocol/error-codes.js';
import { GATEWAY_PATH } from '../../protocol/paths.js';
import type { InboxItem, Op, ReplyData, RequestInput, WireConversation } from '../../protocol/frames.js';
import { Limits } from '../../protocol/limits.js';
import { ChatroomClient } from './chatroom.js';
import { ChatroomMethods } from './chatroom-methods.js';
import { Connection } from './connection.js';
import { toReceivedConversation, toReceivedMessage } from './convert.js';
import { Emitter, Events, type EventName, type Listener } from './events.js';
import { SentStatus } from './messages.js';
import { ConnectionStatus } from './status.js';
import { InboxSync } from './sync.js';
import { deliverItems } from './inbox-events.js';
import { checkRequest, prefetchRequestCheck, type ClientInternals } from './internals.js';
import { gatewayUrl } from './gateway-url.js';
import { MessagingMethods } from './messaging-methods.js';
import { mixMethods } from './mixin.js';
import { failure, invalid, prepareSend, sendExtras } from './outgoing.js';
import { Typing } from './typing.js';
import type {
  IAsyncRes,
  IConnectResult,
  IConversationOption,
  IGetConversationListOption,
  IGetHistoryMessageOption,
  IGetHistoryMessagesResult,
  IInitOption,
  IReceivedConversation,
  IReceivedMessage,
  ISendableMessage,
  ISendMessageOptions,
} from './types.js';

const DEFAULTS = { timeout: 15_000, reconnectMinDelay: 500, reconnectMaxDelay: 5_000, heartbeatInterval: 25_000 };
/** How many ids of own sends to remember while waiting for their inbox echo. */
const OWN_SENDS_MAX = 1_000;

type Options = Required<Pick<IInitOption, 'appkey' | 'timeout' | 'reconnectMinDelay' | 'reconnectMaxDelay' | 'heartbeatInterval'>> &
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
export class ParleyClient {
  private readonly emitter = new Emitter();
  /** @internal Typing state (messaging-methods.ts). */
  readonly typing = new Typing(this.emitter);
  /** @internal Session access for the feature modules (messaging-methods.ts). */
  readonly internals: ClientInternals = {
    call: (op, data, timeoutCode) => this.call(op, data, timeoutCode),
    userId: () => this.userId,
    emitter: this.emitter,
    navi: () => this.options?.navi,
    token: () => this.token,
    ownRecalls: new Set(),
    send: (conversation, message, options) => this.sendMessage(conversation, message, options),
  };
  private options: Options | undefined;
  private status: ConnectionStatus = ConnectionStatus.DISCONNECTED;
  private token = '';
  private userId = '';
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
  /** clientMessageIds this instance sent, so their inbox echo is not reported as new. */
  private readonly ownSends = new Set<string>();
  private readonly inbox = new InboxSync({
    fetch: (since) => this.call('sync', { since, limit: Limits.SYNC_PAGE_MAX }),
    deliver: (items, conversations, offline) => this.deliver(items, conversations, offline),
    onSyncFailed: () => this.connection?.lose(ErrorCode.RC_SOCKET_DISCONNECTED),
  });
  /** Chatroom calls and state; the chatroom methods (chatroom-methods.ts) delegate to it. */
  readonly chatroom = new ChatroomClient({
    call: (op, data) => this.call(op, data),
    emitter: this.emitter,
    userId: () => this.userId,
  });
  private readonly onOnline = () => {
    if (this.wantConnected && this.status !== ConnectionStatus.CONNECTED && !this.attempting) {
      this.reconnectAttempts = 0;
      void this.reconnectNow();
    }
  };

  /** @param option when given, the same as calling `init(option)`. */
  constructor(option?: IInitOption) {
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
    if (typeof token !== 'string' || token.length === 0) return { code: ErrorCode.RC_CONN_TOKEN_INCORRECT, msg: 'empty token' };
    if (this.status === ConnectionStatus.CONNECTED) return { code: ErrorCode.RC_CONNECTION_EXIST, data: { userId: this.userId } };
    if (this.wantConnected) return { code: ErrorCode.BIZ_ERROR_CONNECTING, msg: 'already connecting' };
    if (!gatewayUrl(this.options.navi)) return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'navi is not an http(s) or ws(s) URL' };
    const session = ++this.session;
    this.token = token;
    this.wantConnected = true;
    this.reconnectAttempts = 0;
    // The argument checks load during the handshake, so the first request does not wait for them.
    prefetchRequestCheck();
    const res = await this.attempt();
    if (session === this.session && res.code !== ErrorCode.SUCCESS) {
      this.wantConnected = false;
      this.setStatus(res.code === ErrorCode.RC_CONN_USER_BLOCKED ? ConnectionStatus.BLOCKED : ConnectionStatus.DISCONNECTED);
    }
    if (res.code === ErrorCode.SUCCESS) (globalThis as Partial<EventTarget>).addEventListener?.('online', this.onOnline);
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
    this.typing.clear();
    (globalThis as Partial<EventTarget>).removeEventListener?.('online', this.onOnline);
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
      const opened = await Connection.open(gatewayUrl(options.navi)!, {
        onPush: (frame) => {
          if (gen !== this.generation) return;
          // Chatroom pushes are live-only and independent of the inbox order.
          if (frame.push === 'chatroom') return this.chatroom.onPush(frame.data);
          if (frame.push !== 'inbox') return;
          if (early) early.push(frame.data);
          else this.inbox.push(frame.data.items, frame.data.conversations);
        },
        onLost: (code) => this.onLost(gen, code),
      }, options.timeout);
      if (gen !== this.generation) {
        if (typeof opened !== 'number') opened.close();
        return { code: ErrorCode.ACTIVE_DISCONNECT, msg: 'disconnected while connecting' };
      }
      if (typeof opened === 'number') return { code: opened, msg: 'cannot open the WebSocket' };
      const reply = await opened.request('connect', { token: this.token, appkey: options.appkey }, options.timeout, ErrorCode.RC_CONN_ACK_TIMEOUT);
      if (gen !== this.generation) {
        opened.close();
        return { code: ErrorCode.ACTIVE_DISCONNECT, msg: 'disconnected while connecting' };
      }
      if (reply.code !== ErrorCode.SUCCESS || !reply.data) {
        opened.close();
        return { code: reply.code || ErrorCode.UNKNOWN, msg: reply.msg ?? 'connect refused' };
      }
      const { userId, lastSeq } = reply.data;
      this.connection = opened;
      this.userId = userId;
      if (this.inboxUser !== userId) {
        // A fresh session starts at the inbox head: older state comes from getConversationList /
        // getHistoryMessages. A reconnect of the same user resumes where it stopped.
        this.inbox.reset(lastSeq);
        this.inboxUser = userId;
        this.ownSends.clear();
        this.chatroom.reset();
      }
      opened.startHeartbeat(options.heartbeatInterval, options.timeout);
      this.reconnectAttempts = 0;
      this.setStatus(ConnectionStatus.CONNECTED);
      this.emitter.emit(Events.CONNECTED);
      void this.catchUp(gen);
      void this.chatroom.rejoinAll();
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
    const code = await this.inbox.pull();
    if (gen !== this.generation) return;
    if (code === ErrorCode.SUCCESS) this.emitter.emit(Events.PULL_OFFLINE_MESSAGE_FINISHED);
    // A failed catch-up (usually a timeout: the socket is dead) would leave a hole: drop the
    // socket, the reconnect resyncs.
    else this.connection?.lose(ErrorCode.RC_SOCKET_DISCONNECTED);
  }

  private onLost(gen: number, code: number): void {
    if (gen !== this.generation || this.status !== ConnectionStatus.CONNECTED) return;
    this.connection = undefined;
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
      this.setStatus(res.code === ErrorCode.RC_CONN_USER_BLOCKED ? ConnectionStatus.BLOCKED : ConnectionStatus.DISCONNECTED);
      (globalThis as Partial<EventTarget>).removeEventListener?.('online', this.onOnline);
      this.emitter.emit(Events.DISCONNECT, res.code);
      return;
    }
    this.setStatus(ConnectionStatus.SOCKET_ERROR);
    this.scheduleReconnect();
    // Still down: say so again, so a UI counting down to the next attempt learns its new time.
    this.emitter.emit(Events.SUSPEND, res.code);
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
    deliverItems({ internals: this.internals, ownSends: this.ownSends, typing: this.typing }, items, conversations, offline);
  }

  private rememberOwnSend(id: string): void {
    this.ownSends.add(id);
    // Sets iterate in insertion order: drop the oldest when full.
    if (this.ownSends.size > OWN_SENDS_MAX) this.ownSends.delete(this.ownSends.values().next().value!);
  }

  // ---- messages -----------------------------------------------------------------------------

  /**
   * Sends a message. `options.onSendBefore` gets the message in `SentStatus.SENDING` state first (to
   * show it at once). Resolves with the stored message (direction SEND). Failures carry the message
   * too (`data.messageId`), so the app can mark it failed and resend with `options.messageId`; the
   * server stores a resent message at most once. Content over 128 KB serialized resolves
   * `RC_MSG_CONTENT_EXCEED_LIMIT` without touching the network.
   */
  async sendMessage(
    conversation: IConversationOption,
    message: ISendableMessage,
    options: ISendMessageOptions = {},
  ): Promise<IAsyncRes<IReceivedMessage>> {
    const prepared = prepareSend(conversation, message, options, this.userId);
    if ('code' in prepared) return prepared;
    const { draft, isChatroom } = prepared;
    const { messageId: clientMessageId, isStatusMessage } = draft;
    try {
      options.onSendBefore?.({ ...draft });
    } catch (error) {
      console.error('[parley] onSendBefore threw', error);
    }
    // Remember before sending: the echo may be applied before this function resumes.
    // Status messages are never echoed to the sender, so there is nothing to wait for.
    if (!isStatusMessage && !isChatroom) this.rememberOwnSend(clientMessageId);
    const res = isChatroom ? await this.call('sendChatroomMessage', {
      chatRoomId: conversation.targetId,
      messageType: message.messageType,
      content: draft.content as Record<string, unknown>,
      clientMessageId,
      isPersisted: draft.isPersisted,
      isCounted: draft.isCounted,
      isStatusMessage,
    }, ErrorCode.RC_MSG_RESP_TIMEOUT) : await this.call(
      'sendMessage',
      {
        conversationType: conversation.conversationType as 1 | 3,
        targetId: conversation.targetId,
        messageType: message.messageType,
        content: draft.content as Record<string, unknown>,
        clientMessageId,
        isPersisted: draft.isPersisted,
        isCounted: draft.isCounted,
        isStatusMessage,
        disableNotification: draft.disableNotification,
        ...(options.pushContent !== undefined ? { pushContent: options.pushContent } : {}),
        ...sendExtras(options),
      },
      ErrorCode.RC_MSG_RESP_TIMEOUT,
    );
    if (res.code !== ErrorCode.SUCCESS || !res.data) {
      // If it was stored after all, its echo must reach the app (as SEND, same messageId).
      this.ownSends.delete(clientMessageId);
      return { ...failure(res), data: { ...draft, sentStatus: SentStatus.FAILED } };
    }
    if (isChatroom) this.chatroom.markSeen(conversation.targetId, res.data.message.messageUId);
    const sent = toReceivedMessage(res.data.message, this.userId || res.data.message.senderUserId, false);
    return { code: ErrorCode.SUCCESS, data: { ...sent, sentStatus: SentStatus.SENT } };
  }

  /**
   * The conversation list, newest first (seeds: count default 300, max 1000; startTime/order page
   * by the time of the latest message).
   */
  async getConversationList(option: IGetConversationListOption = {}): Promise<IAsyncRes<IReceivedConversation[]>> {
    const data = await checkRequest('getConversationList', option ?? {});
    if (!data.ok) return invalid(data.msg);
    const res = await this.call('getConversationList', data.data as RequestInput<'getConversationList'>);
    if (res.code !== ErrorCode.SUCCESS || !res.data) return failure(res);
    return { code: ErrorCode.SUCCESS, data: res.data.list.map((c) => toReceivedConversation(c, this.userId)) };
  }

  /**
   * A page of history, oldest first: `order` 0 = before `timestamp` (0 = now), 1 = after it;
   * `count` 1–100 (default 20). `hasMore` says whether there is more in that direction.
   */
  async getHistoryMessages(
    conversation: IConversationOption,
    option: IGetHistoryMessageOption = {},
  ): Promise<IAsyncRes<IGetHistoryMessagesResult>> {
    const data = await checkRequest('getHistoryMessages', { ...conversation, ...(option ?? {}) });
    if (!data.ok) return invalid(data.msg);
    const res = await this.call('getHistoryMessages', data.data as RequestInput<'getHistoryMessages'>);
    if (res.code !== ErrorCode.SUCCESS || !res.data) return failure(res);
    return {
      code: ErrorCode.SUCCESS,
      data: { list: res.data.list.map((m) => toReceivedMessage(m, this.userId, false)), hasMore: res.data.hasMore },
    };
  }

  /**
   * Marks a conversation read up to now. The server syncs the new state to all of the user's
   * devices, which each get a CONVERSATION event with `unreadMessageCount: 0`.
   */
  async clearMessagesUnreadStatus(conversation: IConversationOption): Promise<IAsyncRes<void>> {
    const data = await checkRequest('clearMessagesUnreadStatus', { ...conversation });
    if (!data.ok) return invalid(data.msg);
    const res = await this.call('clearMessagesUnreadStatus', data.data as RequestInput<'clearMessagesUnreadStatus'>);
    return res.code === ErrorCode.SUCCESS ? { code: ErrorCode.SUCCESS } : failure(res);
  }
}

// The messaging methods (recall, drafts, receipts, tags, ...) and the chatroom methods live in
// messaging-methods.ts and chatroom-methods.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ParleyClient extends MessagingMethods, ChatroomMethods {}
mixMethods(ParleyClient.prototype, MessagingMethods);
mixMethods(ParleyClient.prototype, ChatroomMethods);
