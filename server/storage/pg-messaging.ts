/** `MessagingStorage` on PostgreSQL: recall, deletes, conversation state, unread, receipts, expansion, media. */
import { ConversationType } from '../../src/protocol/enums.js';
import type { WireConversation } from '../../src/protocol/frames.js';
import { NotificationLevel, type ReadReceiptInfo } from '../../src/protocol/messaging.js';
import type { ConversationPatch, MediaRecord, MessagingStorage, NewItem, StoredMessage } from './messaging-storage.js';
import type { PgDb } from './pg-db.js';
import { appendItem, appendItems, recountUnread, refreshLatest, snapshot } from './pg-items.js';
import { PgTags } from './pg-tags.js';
import { channelOf, toWireMessage, viewTargetId, type MessageRow } from './rows.js';
import type { Appended, ConversationKey } from './storage.js';

const UNMUTED = [NotificationLevel.ALL_MESSAGE, NotificationLevel.NOT_SET];

function stored(row: MessageRow): StoredMessage {
  return { id: row.id, message: toWireMessage(row, row.target_id) };
}

/** PostgreSQL implementation; shares the pool of `PgStorage`. Tags live in `PgTags`. */
export class PgMessaging extends PgTags implements MessagingStorage {
  constructor(db: PgDb) {
    super(db);
  }

  async findMessage(messageUId: string): Promise<StoredMessage | null> {
    const row = (await this.db.query<MessageRow>('SELECT * FROM messages WHERE message_uid = $1', [messageUId]))[0];
    return row ? stored(row) : null;
  }

  async recall(
    messageId: number,
    notice: { messageType: string; content: Record<string, unknown> },
    userIds: string[],
  ): Promise<Appended[]> {
    return this.tx(async (c) => {
      const updated = (
        await this.db.query<MessageRow>(
          'UPDATE messages SET message_type = $1, content = $2, is_counted = 0, expansion = NULL WHERE id = $3 RETURNING *',
          [notice.messageType, JSON.stringify(notice.content), messageId],
          c,
        )
      )[0]!;
      const out: Appended[] = [];
      for (const userId of userIds) {
        const targetId = viewTargetId(updated, userId);
        // The notice is not counted: whoever had not read the original loses one unread.
        if (userId !== updated.sender_user_id)
          await recountUnread(this.db, c, userId, {
            conversationType: updated.conversation_type as ConversationType,
            targetId,
          });
        const message = toWireMessage(updated, targetId);
        const item: NewItem = {
          type: 'recall',
          conversationType: message.conversationType,
          targetId,
          messageUId: message.messageUId,
          message,
        };
        out.push(await appendItem(this.db, c, userId, item, updated.sent_time));
      }
      return out;
    });
  }

  async deleteMessages(
    userId: string,
    key: ConversationKey,
    messageIds: number[],
    messageUIds: string[],
  ): Promise<Appended> {
    return this.tx(async (c) => {
      await this.db.query(
        'INSERT INTO hidden_messages (user_id, message_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING',
        [userId, messageIds],
        c,
      );
      await refreshLatest(this.db, c, userId, key, channelOf(key.conversationType, userId, key.targetId));
      await recountUnread(this.db, c, userId, key);
      return appendItem(this.db, c, userId, { type: 'delete', ...key, messageUIds }, 0);
    });
  }

  async clearHistory(userId: string, key: ConversationKey, timestamp: number): Promise<Appended> {
    return this.tx(async (c) => {
      await this.db.query(
        `INSERT INTO conversations AS c (user_id, conversation_type, target_id, cleared_time) VALUES ($1, $2, $3, $4)
          ON CONFLICT (user_id, conversation_type, target_id) DO UPDATE SET cleared_time = GREATEST(c.cleared_time, excluded.cleared_time)`,
        [userId, key.conversationType, key.targetId, timestamp],
        c,
      );
      await refreshLatest(this.db, c, userId, key, channelOf(key.conversationType, userId, key.targetId));
      await recountUnread(this.db, c, userId, key);
      return appendItem(this.db, c, userId, { type: 'clear', ...key, timestamp }, timestamp);
    });
  }

  async removeConversation(userId: string, key: ConversationKey): Promise<Appended> {
    return this.tx(async (c) => {
      // The row stays so a cleared history stays cleared and do-not-disturb stays set.
      await this.db.query(
        `UPDATE conversations SET latest_message_id = NULL, unread = 0, has_mentioned = 0, mentioned_count = 0,
          draft = '', is_top = 0 WHERE user_id = $1 AND conversation_type = $2 AND target_id = $3`,
        [userId, key.conversationType, key.targetId],
        c,
      );
      return appendItem(this.db, c, userId, { type: 'remove', ...key }, 0);
    });
  }

  async setConversationState(userId: string, key: ConversationKey, patch: ConversationPatch): Promise<Appended | null> {
    return this.tx(async (c) => {
      const now = await snapshot(this.db, c, userId, key);
      // A draft saved on every keystroke must not flood the other devices: unchanged = no item.
      const same =
        (patch.draft === undefined || patch.draft === now.draft) &&
        (patch.isTop === undefined || patch.isTop === now.isTop) &&
        (patch.notificationLevel === undefined || patch.notificationLevel === now.notificationLevel);
      if (same) return null;
      const isTop = patch.isTop === undefined ? null : patch.isTop ? 1 : 0;
      await this.db.query(
        `INSERT INTO conversations AS c (user_id, conversation_type, target_id, draft, is_top, notification_level)
          VALUES ($1, $2, $3, COALESCE($4, ''), COALESCE($5::int, 0), COALESCE($6::int, 0))
          ON CONFLICT (user_id, conversation_type, target_id) DO UPDATE SET draft = COALESCE($4, c.draft),
          is_top = COALESCE($5::int, c.is_top), notification_level = COALESCE($6::int, c.notification_level)`,
        [userId, key.conversationType, key.targetId, patch.draft ?? null, isTop, patch.notificationLevel ?? null],
        c,
      );
      return appendItem(this.db, c, userId, { type: 'state', ...key }, 0);
    });
  }

  async getConversation(userId: string, key: ConversationKey): Promise<WireConversation> {
    return snapshot(this.db, this.db.pool, userId, key);
  }

  async totalUnread(userId: string, includeMuted: boolean, types: ConversationType[] | undefined): Promise<number> {
    const rows = await this.db.query<{ t: ConversationType; l: number; n: number }>(
      'SELECT conversation_type AS t, notification_level AS l, unread AS n FROM conversations WHERE user_id = $1 AND unread > 0',
      [userId],
    );
    return rows
      .filter(
        (r) =>
          (!types || types.length === 0 || types.includes(r.t)) &&
          (includeMuted || (UNMUTED as number[]).includes(r.l)),
      )
      .reduce((sum, r) => sum + r.n, 0);
  }

  async mentionedCount(userId: string): Promise<number> {
    return (
      await this.db.query<{ n: number }>(
        'SELECT COALESCE(SUM(mentioned_count), 0)::int AS n FROM conversations WHERE user_id = $1',
        [userId],
      )
    )[0]!.n;
  }

  async mutedConversations(userId: string): Promise<ConversationKey[]> {
    return this.db.query<ConversationKey>(
      'SELECT conversation_type AS "conversationType", target_id AS "targetId" FROM conversations WHERE user_id = $1 AND notification_level > 0 ORDER BY updated_time DESC',
      [userId],
    );
  }

  async firstUnread(userId: string, key: ConversationKey): Promise<{ messageUId: string; sentTime: number } | null> {
    const conversation = await this.getConversation(userId, key);
    if (conversation.unreadMessageCount === 0) return null;
    const rows = await this.db.query<{ messageUId: string; sentTime: number }>(
      `SELECT m.message_uid AS "messageUId", m.sent_time AS "sentTime" FROM inbox i JOIN messages m ON m.id = i.message_id
        WHERE i.user_id = $1 AND i.conversation_type = $2 AND i.target_id = $3 AND i.timestamp > $4 AND m.sender_user_id != $1
        AND m.is_counted = 1 AND m.is_persisted = 1 ORDER BY i.timestamp ASC, i.seq ASC LIMIT 1`,
      [userId, key.conversationType, key.targetId, conversation.lastReadTime],
    );
    return rows[0] ?? null;
  }

  async appendItems(items: Array<{ userId: string; item: NewItem }>): Promise<Appended[]> {
    return this.tx((c) => appendItems(this.db, c, items));
  }

  async requestReceipt(messageId: number, now: number): Promise<void> {
    await this.db.query(
      'INSERT INTO receipt_requests (message_id, requested_time) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [messageId, now],
    );
  }

  async hasReceiptRequest(messageId: number): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM receipt_requests WHERE message_id = $1', [messageId])).length > 0;
  }

  async pendingReceipts(groupId: string, userId: string, max: number): Promise<StoredMessage[]> {
    const rows = await this.db.query<MessageRow>(
      `SELECT m.* FROM receipt_requests r JOIN messages m ON m.id = r.message_id
        WHERE m.channel = $1 AND m.sender_user_id != $2
        AND (m.directed IS NULL OR strpos(m.directed, '"' || $2 || '"') > 0)
        AND NOT EXISTS (SELECT 1 FROM receipt_reads x WHERE x.message_id = m.id AND x.user_id = $2)
        ORDER BY r.requested_time DESC LIMIT $3`,
      [channelOf(3, userId, groupId), userId, max],
    );
    return rows.map(stored);
  }

  async recordReads(messageIds: number[], userId: string, now: number): Promise<number[]> {
    const rows = await this.db.query<{ message_id: number }>(
      `INSERT INTO receipt_reads (message_id, user_id, read_time) SELECT unnest($1::bigint[]), $2, $3
        ON CONFLICT DO NOTHING RETURNING message_id`,
      [messageIds, userId, now],
    );
    const added = new Set(rows.map((r) => r.message_id));
    return messageIds.filter((id) => added.has(id));
  }

  async readers(messageId: number): Promise<Array<{ userId: string; readTime: number }>> {
    return this.db.query(
      'SELECT user_id AS "userId", read_time AS "readTime" FROM receipt_reads WHERE message_id = $1 ORDER BY read_time, user_id COLLATE "C"',
      [messageId],
    );
  }

  async receiptInfo(messageUIds: string[], viewer: string): Promise<Map<string, ReadReceiptInfo>> {
    const info = new Map<string, ReadReceiptInfo>();
    if (messageUIds.length === 0) return info;
    const rows = await this.db.query<{ uid: string; sender: string; read_count: number; responded: boolean }>(
      `SELECT m.message_uid AS uid, m.sender_user_id AS sender,
        (SELECT COUNT(*)::int FROM receipt_reads x WHERE x.message_id = m.id) AS read_count,
        EXISTS (SELECT 1 FROM receipt_reads x WHERE x.message_id = m.id AND x.user_id = $1) AS responded
        FROM receipt_requests r JOIN messages m ON m.id = r.message_id WHERE m.message_uid = ANY($2::text[])`,
      [viewer, messageUIds],
    );
    for (const r of rows)
      info.set(r.uid, {
        isReceiptRequestMessage: true,
        hasRespond: r.sender === viewer || r.responded,
        readCount: r.read_count,
      });
    return info;
  }

  async peerReadTime(userId: string, peerId: string): Promise<number> {
    // Private receipts are the sender's inbox items: the newest one is how far the peer has read.
    const rows = await this.db.query<{ t: string | null }>(
      `SELECT MAX((payload::jsonb ->> 'sentTime')::bigint) AS t FROM inbox
        WHERE user_id = $1 AND conversation_type = $2 AND target_id = $3 AND kind = 'readReceipt'`,
      [userId, ConversationType.PRIVATE, peerId],
    );
    return Number(rows[0]?.t ?? 0);
  }

  async setExpansion(
    messageId: number,
    expansion: Record<string, string>,
    items: Array<{ userId: string; item: NewItem }>,
  ): Promise<Appended[]> {
    return this.tx(async (c) => {
      await this.db.query(
        'UPDATE messages SET expansion = $1 WHERE id = $2',
        [JSON.stringify(expansion), messageId],
        c,
      );
      return appendItems(this.db, c, items);
    });
  }

  async addMedia(r: MediaRecord): Promise<void> {
    await this.db.query(
      'INSERT INTO media (id, user_id, name, type, size, created_time) VALUES ($1, $2, $3, $4, $5, $6)',
      [r.id, r.userId, r.name, r.type, r.size, r.createdTime],
    );
  }

  async getMedia(id: string): Promise<MediaRecord | null> {
    const rows = await this.db.query<MediaRecord>(
      'SELECT id, user_id AS "userId", name, type, size, created_time AS "createdTime" FROM media WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }
}
