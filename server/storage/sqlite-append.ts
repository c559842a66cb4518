/**
 * A message append on SQLite with the per-member rows batched: one INSERT for every recipient's
 * inbox row, one upsert for their conversations and one SELECT for the snapshots, whatever the
 * group's size (members passed as one JSON array through `json_each`). Runs inside the caller's
 * transaction (group commit in `SqliteStorage`).
 */
import type Database from 'better-sqlite3';
import {
  CONVERSATION_COLUMNS,
  channelOf,
  emptyConversation,
  messageRowOf,
  toWireConversation,
  toWireMessage,
  viewTargetId,
  type ConversationRow,
  type MessageRow,
} from './rows.js';
import type { AppendResult, Appended, Delivery, NewMessage } from './storage.js';

const U = `json_extract(j.value, '$[0]')`;
const X = `json_extract(j.value, '$[1]')`;

/** Each member's next seq: the counter is MAX(seq) + 1, safe here because SQLite has one writer at a time. */
const INBOX = `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp)
  SELECT ${U}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM inbox WHERE user_id = ${U}), 'message', ?, ?, ${X}, ?
  FROM json_each(?) j RETURNING user_id, seq`;

/** Guarded by time so a late-arriving older message never replaces a newer latest message. */
const CONVERSATIONS = `INSERT INTO conversations (user_id, conversation_type, target_id, unread, latest_message_id, updated_time,
  has_mentioned, mentioned_count)
  SELECT ${U}, ?, ${X}, json_extract(j.value, '$[2]'), ?, ?, json_extract(j.value, '$[3]'), json_extract(j.value, '$[3]')
  FROM json_each(?) j WHERE true
  ON CONFLICT DO UPDATE SET unread = unread + excluded.unread,
  has_mentioned = MAX(has_mentioned, excluded.has_mentioned), mentioned_count = mentioned_count + excluded.mentioned_count,
  latest_message_id = CASE WHEN excluded.updated_time >= updated_time THEN excluded.latest_message_id ELSE latest_message_id END,
  updated_time = MAX(updated_time, excluded.updated_time)`;

/** CROSS JOIN keeps json_each outermost, so each member is a primary-key lookup. */
const SNAPSHOTS = `SELECT ${U} AS k_user, ${CONVERSATION_COLUMNS} FROM json_each(?) j
  CROSS JOIN conversations c ON c.user_id = ${U} AND c.conversation_type = ? AND c.target_id = ${X}
  LEFT JOIN messages m ON m.id = c.latest_message_id`;

export function appendMessageRows(db: Database.Database, message: NewMessage, deliveries: Delivery[]): AppendResult {
  const row = messageRowOf(message);
  // Insert first, and read the earlier message only when this is a resend (one statement in the common case).
  const inserted = db
    .prepare(
      `INSERT INTO messages (message_uid, client_message_id, sender_user_id, conversation_type, target_id,
      channel, message_type, content, sent_time, is_persisted, is_counted, disable_notification,
      can_include_expansion, expansion, directed)
      VALUES (@message_uid, @client_message_id, @sender_user_id, @conversation_type, @target_id, @channel,
      @message_type, @content, @sent_time, @is_persisted, @is_counted, @disable_notification,
      @can_include_expansion, @expansion, @directed)
      ON CONFLICT (sender_user_id, client_message_id) DO NOTHING`,
    )
    .run({ ...row, channel: channelOf(row.conversation_type, row.sender_user_id, row.target_id) });
  if (inserted.changes === 0) {
    const existing = db
      .prepare('SELECT * FROM messages WHERE sender_user_id = ? AND client_message_id = ?')
      .get(message.senderUserId, message.clientMessageId) as MessageRow;
    return { message: toWireMessage(existing, existing.target_id), duplicate: true, appended: [] };
  }
  const id = Number(inserted.lastInsertRowid);
  const users = [...new Map(deliveries.map((d) => [d.userId, d])).values()];
  if (users.length === 0) return { message: toWireMessage(row, row.target_id), duplicate: false, appended: [] };
  const members = users.map((d) => [
    d.userId,
    viewTargetId(row, d.userId),
    d.countUnread ? 1 : 0,
    d.countUnread && d.mentioned === true ? 1 : 0,
  ]);
  const json = JSON.stringify(members);
  const seqs = new Map(
    (
      db.prepare(INBOX).all(id, row.conversation_type, row.sent_time, json) as Array<{ user_id: string; seq: number }>
    ).map((r) => [r.user_id, r.seq]),
  );
  // Non-persisted messages are delivered but leave the conversation (latest, unread) alone.
  if (message.isPersisted) db.prepare(CONVERSATIONS).run(row.conversation_type, id, row.sent_time, json);
  const snapshots = new Map(
    (db.prepare(SNAPSHOTS).all(json, row.conversation_type) as Array<ConversationRow & { k_user: string }>).map((r) => [
      r.k_user,
      r,
    ]),
  );
  const appended = users.map((d, i): Appended => {
    const targetId = members[i]![1] as string;
    const snapshot = snapshots.get(d.userId);
    return {
      userId: d.userId,
      item: { seq: seqs.get(d.userId)!, type: 'message', message: toWireMessage(row, targetId) },
      conversation: snapshot ? toWireConversation(snapshot) : emptyConversation(message.conversationType, targetId),
    };
  });
  return { message: toWireMessage(row, row.target_id), duplicate: false, appended };
}
