/** SQLite's first schema; the row → wire mappers both engines share live in `rows.ts` (re-exported here). */
export * from './rows.js';

/** The first released schema (migration step 1). */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', portrait_uri TEXT NOT NULL DEFAULT '',
  updated_time INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chat_groups (
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', created_time INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS group_members (
  group_id TEXT NOT NULL, user_id TEXT NOT NULL, joined_time INTEGER NOT NULL,
  PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_uid TEXT NOT NULL UNIQUE,
  client_message_id TEXT NOT NULL,
  sender_user_id TEXT NOT NULL,
  conversation_type INTEGER NOT NULL,
  target_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  message_type TEXT NOT NULL,
  content TEXT NOT NULL,
  sent_time INTEGER NOT NULL,
  is_persisted INTEGER NOT NULL,
  is_counted INTEGER NOT NULL,
  disable_notification INTEGER NOT NULL,
  UNIQUE (sender_user_id, client_message_id)
);
CREATE INDEX IF NOT EXISTS messages_channel_time ON messages (channel, sent_time, id);
CREATE TABLE IF NOT EXISTS inbox (
  user_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, message_id INTEGER,
  conversation_type INTEGER NOT NULL, target_id TEXT NOT NULL, timestamp INTEGER NOT NULL,
  PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS inbox_conversation ON inbox (user_id, conversation_type, target_id, timestamp);
CREATE TABLE IF NOT EXISTS conversations (
  user_id TEXT NOT NULL, conversation_type INTEGER NOT NULL, target_id TEXT NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0, latest_message_id INTEGER, updated_time INTEGER NOT NULL DEFAULT 0,
  last_read_time INTEGER NOT NULL DEFAULT 0, is_top INTEGER NOT NULL DEFAULT 0,
  notification_level INTEGER NOT NULL DEFAULT 0, has_mentioned INTEGER NOT NULL DEFAULT 0,
  draft TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, conversation_type, target_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS conversations_user_time ON conversations (user_id, updated_time);
`;
