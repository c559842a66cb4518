/**
 * The outbox's handle on its unsent-message storage (`outbox-persistence.ts` with `idb-keyval`),
 * loaded on first use: the first connect, or the first send. Calls made meanwhile run in order once
 * it has loaded. Without IndexedDB (Node) nothing is loaded and every call does nothing.
 */
import { isChatroomKey } from './chatroom-view.js';
import { mergeMessages } from './messages.js';
import type { PersistedOptions, PersistenceHelpers, PersistenceHost } from './outbox-persistence.js';
import { messagesOf, type ConversationKey } from './types.js';
import { uploadOf } from './uploads.js';

export type { PersistedOptions, PersistenceHost };

/** What the outbox asks of the storage (see `OutboxPersistence`). */
export interface UnsentStorage {
  /** Opens the connected user's storage and brings their unsent messages back. */
  open(): void;
  /** Keeps a message as it stands now in its conversation. */
  save(key: ConversationKey, messageId: string, options: PersistedOptions): void;
  /** Drops a message (acknowledged, or deleted by the user). */
  forget(messageId: string): void;
  dispose(): void;
}

type Call = (storage: UnsentStorage) => void;

const helpers: PersistenceHelpers = { isChatroomKey, mergeMessages, messagesOf, uploadOf };

/** The storage of a store's unsent messages, its code loaded on the first call. */
export function lazyUnsentStorage(host: PersistenceHost): UnsentStorage {
  let loaded: Promise<UnsentStorage | null> | null = null;
  let disposed = false;
  const run = (call: Call): void => {
    if (disposed || typeof indexedDB === 'undefined') return;
    loaded ??= import('./outbox-persistence.js').then(
      (m) => new m.OutboxPersistence(host, helpers),
      (error: unknown) => {
        console.error('[parley] could not load the unsent-message storage', error);
        return null;
      },
    );
    // Each call chains on the same promise, so they run in the order they were made.
    void loaded.then((storage) => storage && call(storage));
  };
  return {
    open: () => run((s) => s.open()),
    save: (key, messageId, options) => run((s) => s.save(key, messageId, options)),
    forget: (messageId) => run((s) => s.forget(messageId)),
    dispose: () => {
      if (loaded) void loaded.then((storage) => storage?.dispose());
      disposed = true;
    },
  };
}
