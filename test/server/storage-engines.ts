/** Opens the chat storage on either engine for the contract tests, each on a fresh database. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConversationType } from '../../src/protocol/enums.js';
import { openPostgres } from '../../server/storage/pg-connect.js';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import type { NewMessage, Storage } from '../../server/storage/storage.js';
import { tempDir } from './helpers.js';
import { createTestDatabase } from './pg-harness.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export interface OpenedStorage {
  storage: Storage;
  /** The database URL (PostgreSQL) or file (SQLite). */
  location: string;
  /** Closes the storage and removes its database. */
  dispose(): Promise<void>;
}

export async function openEngine(engine: Engine): Promise<OpenedStorage> {
  if (engine === 'sqlite') {
    const dir = tempDir('parley-contract-');
    const file = join(dir, 'parley.db');
    const storage = new SqliteStorage({ file });
    return {
      storage,
      location: file,
      dispose: async () => (await storage.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const database = await createTestDatabase();
  const opened = await openPostgres(database.url);
  return {
    storage: opened.storage,
    location: database.url,
    dispose: async () => (await opened.close(), await database.drop()),
  };
}

/** A text message from `from` to `to` (private unless `group`). */
export function message(
  from: string,
  to: string,
  clientMessageId: string,
  sentTime: number,
  text = clientMessageId,
  group = false,
): NewMessage {
  return {
    messageUId: `U${clientMessageId.replace(/[^A-Za-z0-9]/g, '').padEnd(8, '0')}${from}${sentTime}`.slice(0, 40),
    clientMessageId,
    conversationType: group ? ConversationType.GROUP : ConversationType.PRIVATE,
    targetId: to,
    senderUserId: from,
    messageType: 'RC:TxtMsg',
    content: { content: text },
    sentTime,
    isPersisted: true,
    isCounted: true,
    disableNotification: false,
  };
}
