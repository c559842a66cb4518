/**
 * A message append on PostgreSQL in one statement (one round trip): store the message unless its
 * (sender, clientMessageId) exists, take the next seq of every recipient from the locked counter,
 * add their inbox rows and update their conversations, all as data-modifying CTEs. Round trips are
 * what a send costs on PostgreSQL; the transaction around it belongs to the caller (group commit).
 */
import type pg from 'pg';
import type { PgDb } from './pg-db.js';
import { snapshots } from './pg-items.js';
import {
  messageInsertParams,
  messageRowOf,
  conversationOf,
  toWireMessage,
  viewTargetId,
  type ConversationRow,
  type MessageRow,
} from './rows.js';
import type { AppendResult, Appended, Delivery, NewMessage } from './storage.js';

const APPEND = `
WITH msg AS (
  INSERT INTO messages (message_uid, client_message_id, sender_user_id, conversation_type, target_id, channel,
    message_type, content, sent_time, is_persisted, is_counted, disable_notification, can_include_expansion, expansion, directed)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (sender_user_id, client_message_id) DO NOTHING RETURNING id
), d AS (
  SELECT * FROM unnest($16::text[], $17::text[], $18::int[], $19::int[]) AS d(u, x, n, mn)
), heads AS (
  -- In user order, so two sends to overlapping groups lock the counters in the same order.
  INSERT INTO inbox_heads AS h (user_id, last_seq) SELECT d.u, 1 FROM d, msg ORDER BY d.u COLLATE "C"
  ON CONFLICT (user_id) DO UPDATE SET last_seq = h.last_seq + 1 RETURNING user_id, last_seq
), ins AS (
  INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp)
  SELECT heads.user_id, heads.last_seq, 'message', msg.id, $4, d.x, $9 FROM heads JOIN d ON d.u = heads.user_id, msg
), conv AS (
  -- Non-persisted messages are delivered but leave the conversation (latest, unread) alone.
  INSERT INTO conversations AS c (user_id, conversation_type, target_id, unread, latest_message_id, updated_time,
    has_mentioned, mentioned_count)
  SELECT d.u, $4, d.x, d.n, msg.id, $9, d.mn, d.mn FROM d, msg WHERE $10::int = 1 ORDER BY d.u COLLATE "C"
  ON CONFLICT (user_id, conversation_type, target_id) DO UPDATE SET unread = c.unread + excluded.unread,
    has_mentioned = GREATEST(c.has_mentioned, excluded.has_mentioned), mentioned_count = c.mentioned_count + excluded.mentioned_count,
    latest_message_id = CASE WHEN excluded.updated_time >= c.updated_time THEN excluded.latest_message_id ELSE c.latest_message_id END,
    updated_time = GREATEST(c.updated_time, excluded.updated_time)
  RETURNING c.user_id, c.unread, c.latest_message_id, c.updated_time, c.last_read_time, c.is_top, c.notification_level,
    c.has_mentioned, c.mentioned_count, c.draft
)
SELECT msg.id, heads.user_id, heads.last_seq, conv.unread, conv.latest_message_id, conv.updated_time, conv.last_read_time,
  conv.is_top, conv.notification_level, conv.has_mentioned, conv.mentioned_count, conv.draft
FROM msg LEFT JOIN heads ON true LEFT JOIN conv ON conv.user_id = heads.user_id`;

type ResultRow = Omit<ConversationRow, `m_${string}` | 'conversation_type' | 'target_id'> & {
  id: number;
  user_id: string | null;
  last_seq: number | null;
  latest_message_id: number | null;
};

/** Appends one message inside the caller's transaction (`client`). */
export async function appendMessageRow(
  db: PgDb,
  client: pg.PoolClient,
  message: NewMessage,
  deliveries: Delivery[],
): Promise<AppendResult> {
  const row = messageRowOf(message);
  const users = [...new Map(deliveries.map((d) => [d.userId, d])).values()];
  const targets = new Map(users.map((d) => [d.userId, viewTargetId(row, d.userId)]));
  const rows = await db.query<ResultRow>(
    APPEND,
    [
      ...messageInsertParams(row),
      users.map((d) => d.userId),
      users.map((d) => targets.get(d.userId)!),
      users.map((d) => (d.countUnread ? 1 : 0)),
      users.map((d) => (d.countUnread && d.mentioned === true ? 1 : 0)),
    ],
    client,
  );
  if (rows.length === 0) {
    // Stored before, here or on another node (whose commit the insert waited for).
    const existing = (
      await db.query<MessageRow>(
        'SELECT * FROM messages WHERE sender_user_id = $1 AND client_message_id = $2',
        [message.senderUserId, message.clientMessageId],
        client,
      )
    )[0]!;
    return { message: toWireMessage(existing, existing.target_id), duplicate: true, appended: [] };
  }
  const id = rows[0]!.id;
  const byUser = new Map(rows.filter((r) => r.user_id !== null).map((r) => [r.user_id!, r]));
  // The conversation's latest message is this one unless an older message arrived late, or the
  // message is not persisted: those few are read back.
  const elsewhere = users.filter((d) => byUser.get(d.userId)?.latest_message_id !== id);
  const others = await snapshots(
    db,
    client,
    elsewhere.map((d) => ({
      userId: d.userId,
      key: { conversationType: message.conversationType, targetId: targets.get(d.userId)! },
    })),
  );
  const otherOf = new Map(elsewhere.map((d, i) => [d.userId, others[i]!]));
  const appended = users.map((d): Appended => {
    const r = byUser.get(d.userId)!;
    const targetId = targets.get(d.userId)!;
    const wire = toWireMessage(row, targetId, message.content);
    const conversation = otherOf.get(d.userId) ?? conversationOf(row.conversation_type, targetId, r, wire);
    return { userId: d.userId, item: { seq: r.last_seq!, type: 'message', message: wire }, conversation };
  });
  return { message: toWireMessage(row, row.target_id, message.content), duplicate: false, appended };
}
