/**
 * Versioned schema steps of the chatroom state tables. Each step runs once per database, in
 * order, recorded by name in `chatroom_schema_steps`; an older database is upgraded, never dropped.
 * Several processes may start at once: the check and the steps share one immediate transaction.
 */
import type Database from 'better-sqlite3';

const STEPS: Array<{ name: string; sql: string }> = [
  {
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
    // Files from before the steps already have these two tables (IF NOT EXISTS keeps them).
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
];

/** The step names, in order (a PostgreSQL version applies the same steps). */
export const CHATROOM_STATE_STEPS = STEPS.map((s) => s.name);

export function migrateChatroomState(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS chatroom_schema_steps (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  db.transaction(() => {
    const done = new Set((db.prepare('SELECT name FROM chatroom_schema_steps').all() as Array<{ name: string }>).map((r) => r.name));
    for (const step of STEPS) {
      if (done.has(step.name)) continue;
      db.exec(step.sql);
      db.prepare('INSERT INTO chatroom_schema_steps (name, applied_at) VALUES (?, ?)').run(step.name, Date.now());
    }
  }).immediate();
}
