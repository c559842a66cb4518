/** Schema migrations of `SqliteStorage`, by the `user_version` they lead to. */
import type Database from 'better-sqlite3';

/**
 * Schema 2 (messaging): inbox payloads for the new item kinds, expansion and directed recipients
 * on messages, per-user deletes and cleared history, mention counts, receipts, tags and media.
 */
const MIGRATION_2 = `
ALTER TABLE inbox ADD COLUMN payload TEXT;
ALTER TABLE messages ADD COLUMN can_include_expansion INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN expansion TEXT;
ALTER TABLE messages ADD COLUMN directed TEXT;
ALTER TABLE conversations ADD COLUMN mentioned_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN cleared_time INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS hidden_messages (
  user_id TEXT NOT NULL, message_id INTEGER NOT NULL, PRIMARY KEY (user_id, message_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS receipt_requests (message_id INTEGER PRIMARY KEY, requested_time INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS receipt_reads (
  message_id INTEGER NOT NULL, user_id TEXT NOT NULL, read_time INTEGER NOT NULL, PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tags (
  user_id TEXT NOT NULL, tag_id TEXT NOT NULL, tag_name TEXT NOT NULL, created_time INTEGER NOT NULL,
  PRIMARY KEY (user_id, tag_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conversation_tags (
  user_id TEXT NOT NULL, tag_id TEXT NOT NULL, conversation_type INTEGER NOT NULL, target_id TEXT NOT NULL,
  is_top INTEGER NOT NULL DEFAULT 0, added_time INTEGER NOT NULL,
  PRIMARY KEY (user_id, tag_id, conversation_type, target_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS media (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, size INTEGER NOT NULL,
  created_time INTEGER NOT NULL
);
`;

const MIGRATIONS: Array<[version: number, sql: string]> = [[2, MIGRATION_2]];

/** Runs the migrations newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Database.Database, target: number): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const [version, sql] of MIGRATIONS) {
    if (version <= current || version > target) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
