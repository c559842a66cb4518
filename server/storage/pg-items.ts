/** PostgreSQL helpers shared by the storage modules: seqs, inbox items, snapshots, unread. */
import type { ConversationType } from '../../src/protocol/enums.js';
import type { InboxItem, WireConversation } from '../../src/protocol/frames.js';
import type { NewItem } from './messaging-storage.js';
import type { PgDb, Queryable } from './pg-db.js';
import { CONVERSATION_COLUMNS, emptyConversation, toWireConversation, type ConversationRow } from './rows.js';
import type { Appended, ConversationKey } from './storage.js';

/**
 * History visibility for one user (`p` is the placeholder of the user id): not deleted by them,
 * and not a directed group message addressed to others. Ids cannot contain `"`.
 */
export const visibleTo = (
  p: string,
) => `NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = ${p} AND h.message_id = messages.id)
  AND (messages.directed IS NULL OR messages.sender_user_id = ${p} OR strpos(messages.directed, '"' || ${p} || '"') > 0)`;

/**
 * Hands out `count` consecutive seqs per user and returns the first of each. The counter rows are
 * locked until the transaction ends (in user order, so two group sends cannot deadlock), which
 * keeps every inbox gap-free and in commit order however many nodes append at once.
 */
export async function allocateSeqs(
  db: PgDb,
  client: Queryable,
  counts: Map<string, number>,
): Promise<Map<string, number>> {
  const users = [...counts.keys()].sort();
  const rows = await db.query<{ user_id: string; last_seq: number }>(
    `INSERT INTO inbox_heads AS h (user_id, last_seq)
      SELECT u, n FROM unnest($1::text[], $2::bigint[]) AS t(u, n) ORDER BY u
      ON CONFLICT (user_id) DO UPDATE SET last_seq = h.last_seq + excluded.last_seq RETURNING user_id, last_seq`,
    [users, users.map((u) => counts.get(u)!)],
    client,
  );
  return new Map(rows.map((r) => [r.user_id, r.last_seq - counts.get(r.user_id)! + 1]));
}

/** Current snapshots of one user's conversations, in the order of `keys`. */
export async function snapshots(
  db: PgDb,
  client: Queryable,
  pairs: Array<{ userId: string; key: ConversationKey }>,
): Promise<WireConversation[]> {
  if (pairs.length === 0) return [];
  const rows = await db.query<ConversationRow & { k_user: string }>(
    `SELECT k.u AS k_user, ${CONVERSATION_COLUMNS} FROM unnest($1::text[], $2::int[], $3::text[]) AS k(u, t, x)
      JOIN conversations c ON c.user_id = k.u AND c.conversation_type = k.t AND c.target_id = k.x
      LEFT JOIN messages m ON m.id = c.latest_message_id`,
    [pairs.map((p) => p.userId), pairs.map((p) => p.key.conversationType), pairs.map((p) => p.key.targetId)],
    client,
  );
  const found = new Map(rows.map((r) => [`${r.k_user}\u0000${r.conversation_type}\u0000${r.target_id}`, r]));
  return pairs.map(({ userId, key }) => {
    const row = found.get(`${userId}\u0000${key.conversationType}\u0000${key.targetId}`);
    return row ? toWireConversation(row) : emptyConversation(key.conversationType, key.targetId);
  });
}

export async function snapshot(
  db: PgDb,
  client: Queryable,
  userId: string,
  key: ConversationKey,
): Promise<WireConversation> {
  return (await snapshots(db, client, [{ userId, key }]))[0]!;
}

/** The time up to which the user cleared this conversation's history (0 = never). */
export async function clearedTime(db: PgDb, client: Queryable, userId: string, key: ConversationKey): Promise<number> {
  const rows = await db.query<{ cleared_time: number }>(
    'SELECT cleared_time FROM conversations WHERE user_id = $1 AND conversation_type = $2 AND target_id = $3',
    [userId, key.conversationType, key.targetId],
    client,
  );
  return rows[0]?.cleared_time ?? 0;
}

/** Appends items (payload kinds, not messages) with the users' next seqs; inside a transaction. */
export async function appendItems(
  db: PgDb,
  client: Queryable,
  items: Array<{ userId: string; item: NewItem; timestamp?: number }>,
): Promise<Appended[]> {
  if (items.length === 0) return [];
  const counts = new Map<string, number>();
  for (const { userId } of items) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  const next = await allocateSeqs(db, client, counts);
  const rows = items.map(({ userId, item, timestamp }) => {
    const seq = next.get(userId)!;
    next.set(userId, seq + 1);
    const { type, conversationType, targetId, ...fields } = item as NewItem & Record<string, unknown>;
    return {
      userId,
      seq,
      type,
      conversationType,
      targetId,
      timestamp: timestamp ?? 0,
      payload: JSON.stringify(fields),
      item,
    };
  });
  await db.query(
    `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp, payload)
      SELECT u, s, k, NULL, t, x, ts, p FROM unnest($1::text[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::bigint[], $7::text[])
      AS r(u, s, k, t, x, ts, p)`,
    [
      rows.map((r) => r.userId),
      rows.map((r) => r.seq),
      rows.map((r) => r.type),
      rows.map((r) => r.conversationType),
      rows.map((r) => r.targetId),
      rows.map((r) => r.timestamp),
      rows.map((r) => r.payload),
    ],
    client,
  );
  const conversations = await snapshots(
    db,
    client,
    rows.map((r) => ({ userId: r.userId, key: { conversationType: r.conversationType, targetId: r.targetId } })),
  );
  return rows.map((r, i) => ({
    userId: r.userId,
    item: { ...r.item, seq: r.seq } as InboxItem,
    conversation: r.conversationType ? conversations[i]! : emptyConversation(0 as ConversationType, ''),
  }));
}

export async function appendItem(
  db: PgDb,
  client: Queryable,
  userId: string,
  item: NewItem,
  timestamp: number,
): Promise<Appended> {
  return (await appendItems(db, client, [{ userId, item, timestamp }]))[0]!;
}

/** Points the user's conversation at its newest message they can still see. */
export async function refreshLatest(
  db: PgDb,
  client: Queryable,
  userId: string,
  key: ConversationKey,
  channel: string,
): Promise<void> {
  const cleared = await clearedTime(db, client, userId, key);
  await db.query(
    `UPDATE conversations SET latest_message_id = (SELECT id FROM messages WHERE channel = $4 AND is_persisted = 1
      AND sent_time > $5 AND ${visibleTo('$1')} ORDER BY sent_time DESC, id DESC LIMIT 1)
      WHERE user_id = $1 AND conversation_type = $2 AND target_id = $3`,
    [userId, key.conversationType, key.targetId, channel, cleared],
    client,
  );
}

/** Recounts a user's unread messages in a conversation (see `sqlite-items.ts`); inside a transaction. */
export async function recountUnread(db: PgDb, client: Queryable, userId: string, key: ConversationKey): Promise<void> {
  await db.query(
    `UPDATE conversations c SET unread = n.n, has_mentioned = CASE WHEN n.n = 0 THEN 0 ELSE c.has_mentioned END,
      mentioned_count = CASE WHEN n.n = 0 THEN 0 ELSE c.mentioned_count END
      FROM (SELECT COUNT(*)::int AS n FROM inbox i JOIN messages m ON m.id = i.message_id
        JOIN conversations v ON v.user_id = $1 AND v.conversation_type = $2 AND v.target_id = $3
        WHERE i.user_id = $1 AND i.conversation_type = $2 AND i.target_id = $3
        AND i.timestamp > GREATEST(v.last_read_time, v.cleared_time) AND m.sender_user_id != $1
        AND m.is_counted = 1 AND m.is_persisted = 1
        AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = i.user_id AND h.message_id = m.id)) n
      WHERE c.user_id = $1 AND c.conversation_type = $2 AND c.target_id = $3`,
    [userId, key.conversationType, key.targetId],
    client,
  );
}
