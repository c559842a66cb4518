/** Small SQLite helpers shared by the messaging storage modules: seqs, items, snapshots. */
import type Database from 'better-sqlite3';
import type { ConversationType } from '../../src/protocol/enums.js';
import type { InboxItem, WireConversation } from '../../src/protocol/frames.js';
import type { NewItem } from './messaging-storage.js';
import { CONVERSATION_COLUMNS, emptyConversation, toWireConversation, type ConversationRow } from './sqlite-schema.js';
import type { Appended, ConversationKey } from './storage.js';

/**
 * The visibility rule of history for one user (three `?` for the user id): not deleted by them,
 * and not a directed group message addressed to others. Ids cannot contain `"`, so the JSON
 * lookup is exact.
 */
export const VISIBLE_TO = `NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = ? AND h.message_id = messages.id)
  AND (messages.directed IS NULL OR messages.sender_user_id = ? OR instr(messages.directed, '"' || ? || '"') > 0)`;

/** The time up to which the user cleared this conversation's history (0 = never). */
export function clearedTime(db: Database.Database, userId: string, key: ConversationKey): number {
  const row = db
    .prepare('SELECT cleared_time FROM conversations WHERE user_id = ? AND conversation_type = ? AND target_id = ?')
    .get(userId, key.conversationType, key.targetId) as { cleared_time: number } | undefined;
  return row?.cleared_time ?? 0;
}

export function snapshot(db: Database.Database, userId: string, key: ConversationKey): WireConversation {
  const row = db
    .prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c LEFT JOIN messages m ON m.id = c.latest_message_id
      WHERE c.user_id = ? AND c.conversation_type = ? AND c.target_id = ?`,
    )
    .get(userId, key.conversationType, key.targetId) as ConversationRow | undefined;
  return row ? toWireConversation(row) : emptyConversation(key.conversationType, key.targetId);
}

/** Appends one item with the user's next seq; must run inside a transaction. */
export function appendItem(db: Database.Database, userId: string, item: NewItem, timestamp: number): Appended {
  const seq =
    (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM inbox WHERE user_id = ?').get(userId) as { s: number }).s + 1;
  const { type, conversationType, targetId, ...fields } = item as NewItem & Record<string, unknown>;
  db.prepare(
    `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp, payload)
    VALUES (?, ?, ?, NULL, ?, ?, ?, ?)`,
  ).run(userId, seq, type, conversationType, targetId, timestamp, JSON.stringify(fields));
  const full = { ...item, seq } as InboxItem;
  const conversation = conversationType
    ? snapshot(db, userId, { conversationType, targetId })
    : emptyConversation(0 as ConversationType, '');
  return { userId, item: full, conversation };
}

/**
 * Points the user's conversation at its newest message they can still see (after deletes,
 * clears or a recall), keeping unread and the other fields.
 */
export function refreshLatest(db: Database.Database, userId: string, key: ConversationKey, channel: string): void {
  const cleared = clearedTime(db, userId, key);
  const latest = db
    .prepare(
      `SELECT id FROM messages WHERE channel = ? AND is_persisted = 1 AND sent_time > ? AND ${VISIBLE_TO}
      ORDER BY sent_time DESC, id DESC LIMIT 1`,
    )
    .get(channel, cleared, userId, userId, userId) as { id: number } | undefined;
  db.prepare(
    'UPDATE conversations SET latest_message_id = ? WHERE user_id = ? AND conversation_type = ? AND target_id = ?',
  ).run(latest?.id ?? null, userId, key.conversationType, key.targetId);
}

/**
 * Recounts a user's unread messages in a conversation: counted, stored messages from others after
 * the read time, not deleted or cleared by the user. Must run inside a transaction.
 */
export function recountUnread(db: Database.Database, userId: string, key: ConversationKey): void {
  const row = db
    .prepare(
      'SELECT last_read_time, cleared_time FROM conversations WHERE user_id = ? AND conversation_type = ? AND target_id = ?',
    )
    .get(userId, key.conversationType, key.targetId) as { last_read_time: number; cleared_time: number } | undefined;
  if (!row) return;
  const { n } = db
    .prepare(
      `SELECT COUNT(*) AS n FROM inbox i JOIN messages m ON m.id = i.message_id
      WHERE i.user_id = ? AND i.conversation_type = ? AND i.target_id = ? AND i.timestamp > ? AND m.sender_user_id != ?
      AND m.is_counted = 1 AND m.is_persisted = 1
      AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = i.user_id AND h.message_id = m.id)`,
    )
    .get(userId, key.conversationType, key.targetId, Math.max(row.last_read_time, row.cleared_time), userId) as {
    n: number;
  };
  db.prepare(
    `UPDATE conversations SET unread = ?, has_mentioned = CASE WHEN ? = 0 THEN 0 ELSE has_mentioned END,
    mentioned_count = CASE WHEN ? = 0 THEN 0 ELSE mentioned_count END
    WHERE user_id = ? AND conversation_type = ? AND target_id = ?`,
  ).run(n, n, n, userId, key.conversationType, key.targetId);
}
