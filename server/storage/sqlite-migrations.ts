/**
 * Schema migrations of `SqliteStorage` (`parley.db`): the numbered steps and their runner. The file's
 * `user_version` is the number of the last step applied.
 */
import type Database from 'better-sqlite3';
import { pendingSteps, type MigrationStep } from './migrations.js';
import { SCHEMA } from './sqlite-schema.js';

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

/** Schema 3 (abuse resistance): token revocations, media listed per user, a user's groups. */
const MIGRATION_3 = `
CREATE TABLE IF NOT EXISTS token_revocations (
  user_id TEXT PRIMARY KEY, revoked_before INTEGER NOT NULL, updated_time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS token_revocations_updated ON token_revocations (updated_time);
CREATE INDEX IF NOT EXISTS media_user ON media (user_id, created_time);
CREATE INDEX IF NOT EXISTS group_members_user ON group_members (user_id);
ALTER TABLE chat_groups ADD COLUMN history_before_join INTEGER;
`;

/** Schema 4 (moderation): blacklists, mutes and sensitive words, one entry per (kind, scope, subject). */
const MIGRATION_4 = `
CREATE TABLE IF NOT EXISTS moderation (
  kind TEXT NOT NULL, scope TEXT NOT NULL, subject TEXT NOT NULL, value TEXT,
  expires_at INTEGER NOT NULL DEFAULT 0, created_time INTEGER NOT NULL,
  PRIMARY KEY (kind, scope, subject)
) WITHOUT ROWID;
`;

/** Schema 5 (push): Web Push subscriptions, one endpoint per row, listed per user. */
const MIGRATION_5 = `
CREATE TABLE IF NOT EXISTS web_push_subscriptions (
  endpoint TEXT PRIMARY KEY, user_id TEXT NOT NULL, p256dh TEXT NOT NULL, auth TEXT NOT NULL, created_time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS web_push_subscriptions_user ON web_push_subscriptions (user_id, created_time);
`;

/**
 * The steps of `parley.db`. Step 1 is the first released schema; it uses IF NOT EXISTS, so a file
 * made before versioning (user_version 0, tables present) passes it unchanged.
 */
export const SQLITE_STEPS: readonly MigrationStep[] = [
  { version: 1, name: 'users, groups, messages, inbox, conversations', sql: SCHEMA },
  { version: 2, name: 'messaging: recall, deletes, receipts, expansion, tags, media', sql: MIGRATION_2 },
  { version: 3, name: 'abuse: token revocations, media per user', sql: MIGRATION_3 },
  { version: 4, name: 'moderation: blacklists, mutes, sensitive words', sql: MIGRATION_4 },
  { version: 5, name: 'push: web push subscriptions', sql: MIGRATION_5 },
];

/**
 * Brings a SQLite file up to `target` (default: the newest step): runs the steps newer than its
 * `user_version`, each in its own transaction with the version bump, so a crash mid-way leaves the
 * file at the last finished step. The version is read inside that transaction, which takes the
 * write lock first (BEGIN IMMEDIATE): processes opening a fresh file at once run each step once.
 * The connection must have `busy_timeout` set so the others wait instead of failing. Other
 * components keep their own step lists (and their own file, since `user_version` is per file).
 */
export function migrateSqlite(
  db: Database.Database,
  steps: readonly MigrationStep[] = SQLITE_STEPS,
  target?: number,
): void {
  const nextStep = db.transaction((): boolean => {
    const step = pendingSteps(steps, db.pragma('user_version', { simple: true }) as number, target)[0];
    if (!step) return false;
    db.exec(step.sql);
    db.pragma(`user_version = ${step.version}`);
    return true;
  });
  while (nextStep.immediate()) {
    // one step per transaction
  }
}
