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
 *
 * The queue is here; its send loop (`outbox-send.ts`) comes with the store's late chunk, fetched when
 * the browser is idle after connecting or by the first send. A message shows at once either way.
 */
import { ErrorCode, Limits, MessageDirection } from '../../protocol/constants.js';
import type { IAsyncRes, IReceivedMessage, ISendMessageOptions } from '../client/types.js';
import { isChatroomKey } from './chatroom-view.js';
import { isSameMessage, toKitMessage, updateMessage } from './messages.js';
import { lazyUnsentStorage, type PersistedOptions, type PersistenceHost, type UnsentStorage } from './outbox-lazy.js';
import { loadLateActions, setMessages, type Slice, type StorePort } from './slice.js';
import { messagesOf, parseConversationKey, type ConversationKey, type KitMessage } from './types.js';

/** One queued message. */
export interface OutboxEntry {
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

/** What the send loop (`outbox-send.ts`, loaded later) uses of the store's modules. */
const helpers = {
  isChatroomKey,
  isSameMessage,
  toKitMessage,
  updateMessage,
  setMessages,
  messagesOf,
  parseConversationKey,
  persistable,
};

/** One outbox's queue and pacing, shared with its send loop (`outbox-send.ts`). */
export interface OutboxQueue {
  readonly port: StorePort;
  readonly deps: OutboxDeps;
  readonly helpers: typeof helpers;
  readonly persistence: UnsentStorage;
  readonly entries: OutboxEntry[];
  /** Sends allowed at once and per second; 0 = no pacing. */
  readonly rate: number;
  tokens: number;
  refilledAt: number;
  /** The wait before the next retry after a rate refusal or a lost ack (0: none yet). */
  backoff: number;
  /** True while the send loop runs. */
  running: boolean;
  disposed: boolean;
  /** True while the client is connected, so a send can go out now. */
  connected(): boolean;
  /** Shows the ready messages that are `sending` as `waiting` (the connection is down). */
  markWaiting(): void;
  /** The shown own message of an entry (by conversation, client id and sender). */
  find(key: ConversationKey, messageId: string, senderUserId: string | undefined): KitMessage | undefined;
}

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
  readonly #queue: OutboxQueue;
  readonly #waiters = new Set<() => void>();
  /** Unsent messages in IndexedDB, per app key and user. */
  readonly persistence: UnsentStorage;

  constructor(port: StorePort, deps: OutboxDeps) {
    this.#port = port;
    this.persistence = lazyUnsentStorage({
      port,
      subscribe: deps.subscribe,
      restoreUpload: deps.restoreUpload,
      touchConversation: deps.touchConversation,
    });
    // A margin under the server's bucket: typing status and receipts spend its tokens too.
    const rate = deps.sendRatePerSecond > 0 ? Math.max(1, deps.sendRatePerSecond - 1) : 0;
    this.#queue = {
      port,
      deps,
      helpers,
      persistence: this.persistence,
      entries: [],
      rate,
      tokens: rate,
      refilledAt: Date.now(),
      backoff: 0,
      running: false,
      disposed: false,
      connected: () => this.connected,
      markWaiting: () => this.#markWaiting(),
      find: (key, messageId, senderUserId) =>
        messagesOf(port.get(), key).list.find(
          (m) =>
            m.messageId === messageId &&
            m.messageDirection === MessageDirection.SEND &&
            (senderUserId === undefined || m.senderUserId === senderUserId),
        ),
    };
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
    const senderUserId = this.#queue.find(key, messageId, undefined)?.senderUserId ?? this.#port.get().userId;
    let settle!: (res: IAsyncRes<IReceivedMessage>) => void;
    const promise = new Promise<IAsyncRes<IReceivedMessage>>((resolve) => (settle = resolve));
    this.#queue.entries.push({ key, messageId, senderUserId, options, ready, settle, promise });
    this.persistence.save(key, messageId, persistable(options));
    this.#pump();
    return promise;
  }

  /** True while the message with this client id is queued. */
  has(messageId: string): boolean {
    return this.#queue.entries.some((e) => e.messageId === messageId);
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
    const entries = this.#queue.entries;
    const at = entries.findIndex((e) => e.messageId === messageId);
    if (at < 0) return this.enqueue(key, messageId, options);
    const entry: OutboxEntry = { ...entries[at]!, options, ready: true };
    entries[at] = entry;
    this.persistence.save(entry.key, messageId, persistable(options));
    this.#pump();
    return entry.promise;
  }

  /** Takes a message out of the queue without sending it (failed upload, deleted); it resolves `code`. */
  drop(messageId: string, code: number = ErrorCode.UNKNOWN): void {
    const entries = this.#queue.entries;
    const at = entries.findIndex((e) => e.messageId === messageId);
    if (at < 0) return;
    const [entry] = entries.splice(at, 1);
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
    this.#queue.disposed = true;
    for (const resolve of [...this.#waiters]) resolve();
    this.#waiters.clear();
  }

  /**
   * Runs the send loop (`outbox-send.ts`, loaded with the late chunk) unless it runs already or the
   * queue is empty. A failed load leaves the messages queued for the next send or connect.
   */
  #pump(): void {
    const queue = this.#queue;
    if (queue.running || queue.disposed || queue.entries.length === 0) return;
    // Offline, a message shows as waiting at once; onConnected pumps again.
    if (!this.connected) return this.#markWaiting();
    queue.running = true;
    void loadLateActions().then(
      (late) => late.drainOutbox(queue),
      (error: unknown) => {
        queue.running = false;
        console.error('[parley] could not load the outgoing queue', error);
      },
    );
  }

  #markWaiting(): void {
    const port = this.#port;
    for (const entry of this.#queue.entries) {
      if (!entry.ready) continue;
      const current = messagesOf(port.get(), entry.key);
      const list = updateMessage(current.list, entry.senderUserId, entry.messageId, (m) =>
        m.sendState === 'sending' ? { ...m, sendState: 'waiting' } : m,
      );
      if (list !== current.list) setMessages(port, entry.key, { ...current, list });
    }
  }
}

/** The options of a send that survive a reload (no callbacks). */
function persistable(options: ISendMessageOptions): PersistedOptions {
  const { onSendBefore: _onSendBefore, messageId: _messageId, ...rest } = options;
  return JSON.parse(JSON.stringify(rest)) as PersistedOptions;
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
