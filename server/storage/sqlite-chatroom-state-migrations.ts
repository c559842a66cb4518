/**
 * Schema steps of the chatroom state file (`chatroom.db`), run by the shared `migrateSqlite`
 * (its `user_version` is the last step applied). Files made before this recorded step names in a
 * table of their own, `chatroom_schema_steps`; `migrateChatroomState` turns those into the version
 * once, inside a write transaction, and drops that table. No data moves.
 */
import type Database from 'better-sqlite3';
import { versionFromNames, type MigrationStep } from './migrations.js';
import { migrateSqlite } from './sqlite-migrations.js';

/** The steps; names are the ones the old `chatroom_schema_steps` recorded. Never edit a released step. */
export const CHATROOM_SQLITE_STEPS: readonly MigrationStep[] = [
  {
    version: 1,
    name: '001-rooms-kv-roles-queue',
    sql: `
CREATE TABLE chatroom_rooms (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, session_id TEXT NOT NULL, created_time INTEGER NOT NULL,
  destroy_at INTEGER NOT NULL, creator_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE chatroom_entries (
  room_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, user_id TEXT NOT NULL,
  is_auto_delete INTEGER NOT NULL, timestamp INTEGER NOT NULL, PRIMARY KEY (room_id, key)
) WITHOUT ROWID;
CREATE TABLE chatroom_roles (
  room_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE TABLE chatroom_queue (
  room_id TEXT NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (room_id, position)
) WITHOUT ROWID;`,
  },
  {
    // Files from before any steps already have these two tables (IF NOT EXISTS keeps them).
    version: 2,
    name: '002-history-and-lists',
    sql: `
CREATE TABLE IF NOT EXISTS chatroom_messages (
  message_uid TEXT PRIMARY KEY, room_id TEXT NOT NULL, sent_time INTEGER NOT NULL, json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chatroom_messages_room_time ON chatroom_messages (room_id, sent_time);
CREATE TABLE IF NOT EXISTS chatroom_lists (
  kind TEXT NOT NULL, room_id TEXT NOT NULL, subject TEXT NOT NULL,
  expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (kind, room_id, subject)
) WITHOUT ROWID;`,
  },
  {
    // Queue entries get an owner ('' = the app) and may leave with it.
    version: 3,
    name: '003-queue-owner',
    sql: `
ALTER TABLE chatroom_queue ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_queue ADD COLUMN is_transient INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    // Room profiles (announcement, stream URL, ext, closed) and members' profiles in a room (seeds 003).
    version: 4,
    name: '004-room-and-member-profiles',
    sql: `
ALTER TABLE chatroom_rooms ADD COLUMN announcement TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_rooms ADD COLUMN broadcast_url TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_rooms ADD COLUMN ext TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_rooms ADD COLUMN is_closed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE chatroom_member_infos (
  room_id TEXT NOT NULL, user_id TEXT NOT NULL, nick TEXT NOT NULL, avatar TEXT NOT NULL, ext TEXT NOT NULL,
  PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;`,
  },
];

/** Brings a chatroom state file up to date (several processes may open it at once). */
export function migrateChatroomState(db: Database.Database): void {
  db.transaction(() => {
    const legacy = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chatroom_schema_steps'`)
      .get();
    if (!legacy) return;
    const names = new Set(
      (db.prepare('SELECT name FROM chatroom_schema_steps').all() as Array<{ name: string }>).map((r) => r.name),
    );
    const version = versionFromNames(CHATROOM_SQLITE_STEPS, names);
    if ((db.pragma('user_version', { simple: true }) as number) < version) db.pragma(`user_version = ${version}`);
    db.exec('DROP TABLE chatroom_schema_steps');
  }).immediate();
  migrateSqlite(db, CHATROOM_SQLITE_STEPS);
}
