/**
 * Keeps the outbox's unsent messages across reloads: each queued or failed message (and a file not
 * uploaded yet) is written to IndexedDB per app key and user, and removed once the server has it.
 * After a reload the first connect reads them back into their conversations as `failed`, for Retry
 * or Delete. Chatroom messages are live only and never kept. Loaded on first use (`outbox-lazy.ts`).
 */
import type { ISendMessageOptions } from '../client/types.js';
import { openOutboxDb, type OutboxDb, type UnsentRecord } from './outbox-db.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, ConversationMessages, KitMessage, KitState } from './types.js';
import type { UploadKind, uploadOf } from './uploads.js';
import type { mergeMessages } from './messages.js';

/** The options of a send that survive a reload (no callbacks, no id: the message has it). */
export type PersistedOptions = Omit<ISendMessageOptions, 'onSendBefore' | 'messageId'>;

/**
 * The store's helpers this module uses, handed in by its loader: importing them here would make the
 * bundler split them out of the kit's main file into a chunk of their own.
 */
export interface PersistenceHelpers {
  isChatroomKey(key: ConversationKey | null): boolean;
  mergeMessages: typeof mergeMessages;
  messagesOf(state: KitState, key: ConversationKey): ConversationMessages;
  uploadOf: typeof uploadOf;
}

/** What the storage reads and changes of its store. */
export interface PersistenceHost {
  readonly port: StorePort;
  /** Runs `listener` after every change of the state; returns the unsubscribe function. */
  subscribe(listener: (state: KitState) => void): () => void;
  /** Makes a restored file message retryable (its upload runs again on Retry). */
  restoreUpload(key: ConversationKey, message: KitMessage, file: File, kind: UploadKind): void;
  /** A message was sent, failed or restored: its conversation's latest message (the list's preview) moves forward. */
  touchConversation(key: ConversationKey, message: KitMessage): void;
}

/** The last `queuedAt` given out on this page. */
let lastQueuedAt = 0;

export class OutboxPersistence {
  readonly #host: PersistenceHost;
  readonly #h: PersistenceHelpers;
  /** The open database and whose it is; null until the first connect (or without IndexedDB). */
  #db: Promise<OutboxDb | null> | null = null;
  #owner = '';
  /** Writes run one after another, so a late save never outlives the delete after it. */
  #chain: Promise<unknown> = Promise.resolve();
  /** Writes asked for before the first connect told whose messages they are. */
  #early: Array<() => void> = [];
  /** Restored messages still unsent, by client id: dropped from the database once they show as sent. */
  readonly #restored = new Map<string, ConversationKey>();
  #seen = new Map<ConversationKey, ConversationMessages>();
  /** When each kept message was first queued: restored messages come back in this order. */
  readonly #queuedAt = new Map<string, number>();
  #unsubscribe: (() => void) | null = null;

  constructor(host: PersistenceHost, helpers: PersistenceHelpers) {
    this.#host = host;
    this.#h = helpers;
  }

  /** Opens the connected user's database (once per user) and brings their unsent messages back. */
  open(): void {
    const appkey = this.#host.port.client.getAppKey?.() ?? '';
    const userId = this.#host.port.get().userId || this.#host.port.client.getCurrentUserId();
    const owner = `${appkey}\u0000${userId}`;
    if (!userId || owner === this.#owner || typeof indexedDB === 'undefined') return;
    this.#owner = owner;
    this.#restored.clear();
    this.#db = Promise.resolve().then(() => openOutboxDb(appkey, userId));
    void this.#restore();
    for (const write of this.#early.splice(0)) write();
  }

  /** Writes (or rewrites) a message as it stands now in its conversation. */
  save(key: ConversationKey, messageId: string, options: PersistedOptions): void {
    if (this.#h.isChatroomKey(key)) return;
    const write = () => {
      const message = this.#message(key, messageId);
      if (!message || message.sendState === 'sent') return;
      const upload = this.#h.uploadOf(messageId);
      const { progress: _progress, ...kept } = message;
      let queuedAt = this.#queuedAt.get(messageId);
      if (queuedAt === undefined) {
        // Wall time, strictly increasing: the browser's coarse clock gives two quick sends one value.
        queuedAt = lastQueuedAt = Math.max(Date.now(), lastQueuedAt + 0.001);
        this.#queuedAt.set(messageId, queuedAt);
      }
      const record: UnsentRecord = {
        key,
        message: kept,
        options,
        queuedAt,
        ...(upload ? { file: upload.file, fileName: upload.file.name, uploadKind: upload.kind } : {}),
      };
      this.#run((db) => db.put(record));
    };
    if (this.#db) write();
    else this.#early.push(write);
  }

  /** Removes a message (acknowledged by the server, or deleted by the user). */
  forget(messageId: string): void {
    this.#restored.delete(messageId);
    this.#queuedAt.delete(messageId);
    if (this.#db) this.#run((db) => db.remove(messageId));
    else this.#early.push(() => this.#run((db) => db.remove(messageId)));
  }

  dispose(): void {
    this.#unfollow();
    this.#early = [];
  }

  #run(op: (db: OutboxDb) => Promise<void>): void {
    const db = this.#db;
    if (!db) return;
    this.#chain = this.#chain
      .then(() => db)
      .then((open) => (open ? op(open) : undefined))
      .catch((error: unknown) => console.error('[parley] could not update the unsent messages', error));
  }

  #message(key: ConversationKey, messageId: string): KitMessage | undefined {
    const userId = this.#host.port.get().userId;
    return this.#h
      .messagesOf(this.#host.port.get(), key)
      .list.find((m) => m.messageId === messageId && (!userId || m.senderUserId === userId));
  }

  /** Puts the kept messages back into their conversations as `failed`; their files can be uploaded again. */
  async #restore(): Promise<void> {
    const db = await this.#db;
    if (!db) return;
    let records: UnsentRecord[];
    try {
      records = await db.all();
    } catch (error) {
      console.error('[parley] could not read the unsent messages', error);
      return;
    }
    const userId = this.#host.port.get().userId;
    for (const record of records) {
      const { key } = record;
      if (record.message.senderUserId !== userId || this.#message(key, record.message.messageId)) continue;
      const message: KitMessage = { ...record.message, sendState: 'failed' };
      const current = this.#h.messagesOf(this.#host.port.get(), key);
      this.#host.port.set((state) => ({
        messages: { ...state.messages, [key]: { ...current, list: this.#h.mergeMessages(current.list, [message]) } },
      }));
      // The list's preview shows it, as it shows a send that just failed.
      this.#host.touchConversation(key, message);
      if (record.file && record.uploadKind) {
        this.#host.restoreUpload(
          key,
          message,
          new File([record.file], record.fileName ?? 'file', { type: record.file.type }),
          record.uploadKind,
        );
      }
      this.#restored.set(message.messageId, key);
      this.#queuedAt.set(message.messageId, record.queuedAt);
    }
    this.#follow();
  }

  /** A restored message that the server turns out to hold (its ack was lost before the reload) leaves the database. */
  #follow(): void {
    if (this.#unsubscribe || this.#restored.size === 0) return;
    this.#unsubscribe = this.#host.subscribe((state) => {
      const changed = new Set<ConversationKey>();
      for (const key of new Set(this.#restored.values())) {
        const messages = state.messages[key];
        if (messages && this.#seen.get(key) !== messages) changed.add(key);
        if (messages) this.#seen.set(key, messages);
      }
      for (const [messageId, key] of this.#restored) {
        const sent =
          changed.has(key) &&
          state.messages[key]!.list.some(
            (m) => m.messageId === messageId && m.senderUserId === state.userId && m.sendState === 'sent',
          );
        if (sent) this.forget(messageId);
      }
      if (this.#restored.size === 0) this.#unfollow();
    });
  }

  #unfollow(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
