/**
 * IndexedDB storage of unsent messages, one database per app key and user, through `idb-keyval`.
 * Loaded on first use with the rest of the storage (`outbox-lazy.ts`). Files are kept as Blobs (IndexedDB stores them as they are), so a reload can upload again.
 */
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { ConversationKey, KitMessage } from './types.js';
import type { PersistedOptions } from './outbox-persistence.js';

/** One unsent message as kept across reloads. */
export interface UnsentRecord {
  readonly key: ConversationKey;
  readonly message: KitMessage;
  readonly options: PersistedOptions;
  /** The file still to upload (its message has no URL yet), with how it is sent. */
  readonly file?: Blob;
  readonly fileName?: string;
  readonly uploadKind?: 'image' | 'gif' | 'file';
  /** When it was queued: restored messages keep this order. */
  readonly queuedAt: number;
}

export interface OutboxDb {
  put(record: UnsentRecord): Promise<void>;
  remove(messageId: string): Promise<void>;
  all(): Promise<UnsentRecord[]>;
}

/** Opens (creating on first use) the unsent messages of one user of one app. */
export function openOutboxDb(appkey: string, userId: string): OutboxDb {
  const store: UseStore = createStore(`parley-outbox:${appkey}:${userId}`, 'unsent');
  return {
    put: (record) => set(record.message.messageId, record, store),
    remove: (messageId) => del(messageId, store),
    all: async () =>
      (await entries<string, unknown>(store))
        .map(([, value]) => value)
        .filter(isRecord)
        .sort((a, b) => a.queuedAt - b.queuedAt),
  };
}

/** Keeps records of the shape this version writes; anything else (an older or damaged entry) is skipped. */
function isRecord(value: unknown): value is UnsentRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<UnsentRecord>;
  const m = r.message as Partial<KitMessage> | undefined;
  return (
    typeof r.key === 'string' &&
    /^\d+:/.test(r.key) &&
    typeof m === 'object' &&
    m !== null &&
    typeof m.messageId === 'string' &&
    typeof m.messageType === 'string' &&
    typeof m.content === 'object' &&
    m.content !== null &&
    typeof r.queuedAt === 'number' &&
    (r.file === undefined || r.file instanceof Blob)
  );
}
