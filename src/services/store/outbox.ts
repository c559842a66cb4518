/**
 * The outgoing queue: every own message the kit sends goes through it, one at a time.
 *
 * - Order: messages leave in the order they were queued; a conversation's messages never overtake
 *   each other (a file still uploading holds back what was typed after it in that conversation).
 * - Pace: a token bucket a little under the server's per-connection limit (the seeds' 5 a second);
 *   a rate refusal (20604) anyway backs off and sends the same message again, in order.
 * - Connection: while the client is not connected, queued messages are `waiting`; they go out by
 *   themselves after the reconnect. A lost ack (timeout, socket gone) resends with the same client
 *   id, which the server stores at most once.
 * - Refusals for any other reason (blocked, not in the group, too large) end as `failed` with the
 *   code in `failCode`, for Retry or Delete.
 * - Persistence: each queued or failed message is also kept in IndexedDB (`outbox-db.ts`, loaded on
 *   first use, `outbox-lazy.ts`) until the server acknowledges it, and comes back as `failed` after a reload.
 */
import { ConversationType, MessageDirection, ErrorCode, Limits } from '../../protocol/constants.js';
import type { IAsyncRes, IReceivedMessage, ISendMessageOptions } from '../client/types.js';
import { isChatroomKey } from './chatroom-view.js';
import { isSameMessage, toKitMessage, updateMessage } from './messages.js';
import { lazyUnsentStorage, type PersistedOptions, type PersistenceHost, type UnsentStorage } from './outbox-lazy.js';
import { setMessages, type Slice, type StorePort } from './slice.js';
import { messagesOf, parseConversationKey, type ConversationKey, type KitMessage, type SendState } from './types.js';

/** Codes that mean "the message did not get through the connection": wait, then send it again. */
const CONNECTION_CODES: ReadonlySet<number> = new Set([
  ErrorCode.TIMEOUT,
  ErrorCode.RC_NET_CHANNEL_INVALID,
  ErrorCode.RC_NET_UNAVAILABLE,
  ErrorCode.RC_MSG_RESP_TIMEOUT,
  ErrorCode.RC_SOCKET_NOT_CREATED,
  ErrorCode.RC_SOCKET_DISCONNECTED,
]);
/** Codes of the server's send-rate limit: back off, then send the same message again. */
const RATE_CODES: ReadonlySet<number> = new Set([ErrorCode.SEND_FREQUENCY_TOO_FAST, ErrorCode.REQUEST_OVER_FREQUENCY]);
/** First and longest wait after a rate refusal or a lost ack on a live connection. */
const BACKOFF_MIN_MS = 300;
const BACKOFF_MAX_MS = 5_000;

interface Entry {
  readonly key: ConversationKey;
  readonly messageId: string;
  readonly senderUserId: string;
  readonly options: ISendMessageOptions;
  /** False while the message's file uploads: it holds back its conversation, not the others. */
  ready: boolean;
  readonly settle: (res: IAsyncRes<IReceivedMessage>) => void;
  /** Resolves with the send's result. */
  readonly promise: Promise<IAsyncRes<IReceivedMessage>>;
}

/** `again`: refused for the rate, send the same message after a pause. */
type Outcome = 'done' | 'again' | 'offline';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the outgoing queue needs besides the port. */
export interface OutboxDeps extends Omit<PersistenceHost, 'port'> {
  /** The server's per-connection send limit to pace under (0: as fast as the server answers). */
  readonly sendRatePerSecond: number;
  /** A group message was sent: the kit asks for its read receipts. */
  requestGroupReceipt(message: IReceivedMessage): Promise<void>;
  /** A chatroom refused a send (muted, blocked): the room's restrictions follow. */
  onChatroomSendRefused(key: ConversationKey, code: number): void;
}

/** The outgoing queue of one store (see the module comment). */
export class Outbox {
  readonly #port: StorePort;
  readonly #deps: OutboxDeps;
  /** Sends allowed at once and per second; 0 = no pacing. */
  readonly #rate: number;
  #tokens: number;
  #refilledAt = Date.now();
  #backoff = BACKOFF_MIN_MS;
  readonly #entries: Entry[] = [];
  #running = false;
  #disposed = false;
  readonly #waiters = new Set<() => void>();
  /** Unsent messages in IndexedDB, per app key and user. */
  readonly persistence: UnsentStorage;

  constructor(port: StorePort, deps: OutboxDeps) {
    this.#port = port;
    this.#deps = deps;
    // A margin under the server's bucket: typing status and receipts spend its tokens too.
    this.#rate = deps.sendRatePerSecond > 0 ? Math.max(1, deps.sendRatePerSecond - 1) : 0;
    this.#tokens = this.#rate;
    this.persistence = lazyUnsentStorage({
      port,
      subscribe: deps.subscribe,
      restoreUpload: deps.restoreUpload,
      touchConversation: deps.touchConversation,
    });
  }

  /**
   * Queues a shown own message (by conversation and client id) and resolves with the send's
   * result once it is sent or failed. `ready` false holds it until `markReady` (an upload).
   */
  enqueue(
    key: ConversationKey,
    messageId: string,
    options: ISendMessageOptions = {},
    ready = true,
  ): Promise<IAsyncRes<IReceivedMessage>> {
    const senderUserId = this.#find(key, messageId, undefined)?.senderUserId ?? this.#port.get().userId;
    let settle!: (res: IAsyncRes<IReceivedMessage>) => void;
    const promise = new Promise<IAsyncRes<IReceivedMessage>>((resolve) => (settle = resolve));
    this.#entries.push({ key, messageId, senderUserId, options, ready, settle, promise });
    this.persistence.save(key, messageId, persistable(options));
    this.#pump();
    return promise;
  }

  /** True while the message with this client id is queued. */
  has(messageId: string): boolean {
    return this.#entries.some((e) => e.messageId === messageId);
  }

  /**
   * Lets a held message go (its upload finished, its content is final) with these send options;
   * one not queued (a retried upload) is queued now. Resolves with the send's result.
   */
  markReady(
    key: ConversationKey,
    messageId: string,
    options: ISendMessageOptions = {},
  ): Promise<IAsyncRes<IReceivedMessage>> {
    const at = this.#entries.findIndex((e) => e.messageId === messageId);
    if (at < 0) return this.enqueue(key, messageId, options);
    const entry: Entry = { ...this.#entries[at]!, options, ready: true };
    this.#entries[at] = entry;
    this.persistence.save(entry.key, messageId, persistable(options));
    this.#pump();
    return entry.promise;
  }

  /** Takes a message out of the queue without sending it (failed upload, deleted); it resolves `code`. */
  drop(messageId: string, code: number = ErrorCode.UNKNOWN): void {
    const at = this.#entries.findIndex((e) => e.messageId === messageId);
    if (at < 0) return;
    const [entry] = this.#entries.splice(at, 1);
    entry!.settle({ code, msg: 'not sent' });
    this.#pump();
  }

  /** True while the client is connected, so a send can go out now. */
  get connected(): boolean {
    const code = this.#port.client.getConnectionStatus?.();
    return code === undefined ? this.#port.get().status === 'connected' : code === 0;
  }

  /** Resolves once the client is connected (at once when it is). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.add(resolve));
  }

  /** The client connected: waiting messages go out, in order. */
  onConnected(): void {
    for (const resolve of [...this.#waiters]) resolve();
    this.#waiters.clear();
    this.#pump();
  }

  /** Stops sending; whatever waits for the connection is let go (and finds the store gone). */
  dispose(): void {
    this.#disposed = true;
    for (const resolve of [...this.#waiters]) resolve();
    this.#waiters.clear();
  }

  /** Sends queued messages one at a time until the queue is empty, held, or the connection is down. */
  #pump(): void {
    if (this.#running || this.#disposed) return;
    this.#running = true;
    void this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      for (;;) {
        if (this.#disposed) return;
        const entry = this.#next();
        if (!entry) return;
        if (!this.connected) {
          this.#markWaiting();
          return; // onConnected pumps again.
        }
        const wait = this.#takeToken();
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        const outcome = await this.#sendOne(entry);
        if (outcome === 'done') {
          this.#backoff = BACKOFF_MIN_MS;
          continue;
        }
        if (outcome === 'offline' && !this.connected) continue; // marks it waiting above
        // Refused for the rate, or no ack on a live connection: wait, then the same message again.
        this.#tokens = 0;
        await sleep(this.#backoff);
        this.#backoff = Math.min(BACKOFF_MAX_MS, this.#backoff * 2);
      }
    } finally {
      // Cleared as the loop returns, not a microtask later, so a send queued right then starts it again.
      this.#running = false;
    }
  }

  /** The first queued message that may go: ready, and with nothing queued before it in its conversation. */
  #next(): Entry | undefined {
    const held = new Set<ConversationKey>();
    for (const entry of this.#entries) {
      if (held.has(entry.key)) continue;
      if (entry.ready) return entry;
      held.add(entry.key);
    }
    return undefined;
  }

  /** Takes a send token; returns 0 when one was taken, else how long to wait for the next one. */
  #takeToken(): number {
    if (this.#rate === 0) return 0;
    const now = Date.now();
    this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#refilledAt) / 1000) * (this.#rate + 0.5));
    this.#refilledAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.#tokens) / (this.#rate + 0.5)) * 1000);
  }

  #markWaiting(): void {
    for (const entry of this.#entries)
      if (entry.ready) this.#setState(entry, 'waiting', (m) => m.sendState === 'sending');
  }

  async #sendOne(entry: Entry): Promise<Outcome> {
    const message = this.#find(entry.key, entry.messageId, entry.senderUserId);
    if (!message || message.sendState === 'sent') {
      // Deleted meanwhile, or the server's echo arrived first (an ack lost before a reconnect).
      this.#finish(entry, message ? { code: 0, data: message } : { code: ErrorCode.UNKNOWN, msg: 'deleted' });
      if (message) this.persistence.forget(entry.messageId);
      return 'done';
    }
    this.#setState(entry, 'sending');
    const { key } = entry;
    const first = !sentBefore.has(entry);
    sentBefore.add(entry);
    const res = await this.#port.client.sendMessage(
      parseConversationKey(key),
      {
        messageType: message.messageType,
        content: message.content,
        isPersisted: message.isPersisted,
        isCounted: message.isCounted,
      },
      {
        // Parley: stored messages can carry reactions (message expansion); chatroom messages cannot.
        ...(isChatroomKey(key) ? {} : { canIncludeExpansion: true }),
        ...entry.options,
        messageId: entry.messageId,
        onSendBefore: first ? entry.options.onSendBefore : undefined,
      },
    );
    if (this.#disposed) return 'done';
    if (RATE_CODES.has(res.code)) return 'again';
    if (CONNECTION_CODES.has(res.code)) {
      this.#setState(entry, this.connected ? 'sending' : 'waiting');
      return 'offline';
    }
    if (res.code === 0 && res.data) this.#applySent(entry, res.data);
    else {
      if (isChatroomKey(key)) this.#deps.onChatroomSendRefused(key, res.code);
      this.#update(entry, (m) => (m.sendState === 'sent' ? m : { ...m, sendState: 'failed', failCode: res.code }));
      this.persistence.save(key, entry.messageId, persistable(entry.options));
    }
    this.#finish(entry, res);
    return 'done';
  }

  #applySent(entry: Entry, data: IReceivedMessage): void {
    const sent = toKitMessage(data, 'sent');
    this.#update(entry, (m) => {
      const { failCode: _failCode, ...rest } = m;
      return { ...rest, ...sent, sendState: 'sent' };
    });
    dropDuplicates(this.#port, entry.key, sent);
    this.#deps.touchConversation(entry.key, sent);
    this.persistence.forget(entry.messageId);
    if (sent.conversationType === ConversationType.GROUP) void this.#deps.requestGroupReceipt(sent);
  }

  #finish(entry: Entry, res: IAsyncRes<IReceivedMessage>): void {
    const at = this.#entries.indexOf(entry);
    if (at >= 0) this.#entries.splice(at, 1);
    entry.settle(res);
  }

  #find(key: ConversationKey, messageId: string, senderUserId: string | undefined): KitMessage | undefined {
    return messagesOf(this.#port.get(), key).list.find(
      (m) =>
        m.messageId === messageId &&
        m.messageDirection === MessageDirection.SEND &&
        (senderUserId === undefined || m.senderUserId === senderUserId),
    );
  }

  #setState(
    entry: Entry,
    sendState: SendState,
    when: (m: KitMessage) => boolean = (m) => m.sendState !== 'sent',
  ): void {
    this.#update(entry, (m) => (when(m) && m.sendState !== sendState ? { ...m, sendState } : m));
  }

  #update(entry: Entry, update: (m: KitMessage) => KitMessage): void {
    const current = messagesOf(this.#port.get(), entry.key);
    const list = updateMessage(current.list, entry.senderUserId, entry.messageId, update);
    if (list !== current.list) setMessages(this.#port, entry.key, { ...current, list });
  }
}

/** Entries that went out at least once: the app's `onSendBefore` runs on the first attempt only. */
const sentBefore = new WeakSet<Entry>();

/** The options of a send that survive a reload (no callbacks). */
function persistable(options: ISendMessageOptions): PersistedOptions {
  const { onSendBefore: _onSendBefore, messageId: _messageId, ...rest } = options;
  return JSON.parse(JSON.stringify(rest)) as PersistedOptions;
}

/** Keeps only the first copy of a message the live echo may have added before the send resolved. */
function dropDuplicates(port: StorePort, key: ConversationKey, message: KitMessage): void {
  const current = messagesOf(port.get(), key);
  const copies = current.list.filter((m) => isSameMessage(m, message));
  if (copies.length < 2) return;
  const keep = copies.find((m) => m.messageId === message.messageId) ?? copies[0];
  const list = current.list.filter((m) => m === keep || !isSameMessage(m, message));
  setMessages(port, key, { ...current, list });
}

/**
 * The outbox slice: the store's outgoing queue (made at once, its storage loaded on first use). A
 * connect sends what waits and brings back the unsent messages of a reload.
 */
export function createOutboxSlice(port: StorePort, deps: OutboxDeps) {
  const outbox = new Outbox(port, deps);
  const onConnected = (): void => {
    outbox.persistence.open();
    outbox.onConnected();
  };
  return {
    actions: {},
    internal: outbox,
    attach: (events) => {
      events.on('connected', onConnected);
      if (port.client.getConnectionStatus?.() === 0) queueMicrotask(onConnected);
      return () => {
        outbox.dispose();
        outbox.persistence.dispose();
      };
    },
  } satisfies Slice;
}

/** The seeds' client send limit, the pace the kit keeps by default. */
export const DEFAULT_SEND_RATE = Limits.SENDS_PER_SECOND;
