/** `MessagingStorage` on SQLite: recall, deletes, conversation state, unread, receipts, expansion. */
import type Database from 'better-sqlite3';
import { ConversationType } from '../../src/protocol/enums.js';
import type { WireConversation } from '../../src/protocol/frames.js';
import { NotificationLevel, type ReadReceiptInfo } from '../../src/protocol/messaging.js';
import type { ConversationPatch, MediaRecord, MessagingStorage, NewItem, StoredMessage } from './messaging-storage.js';
import { appendItem, recountUnread, refreshLatest, snapshot } from './sqlite-items.js';
import { channelOf, toWireMessage, viewTargetId, type MessageRow } from './sqlite-schema.js';
import { SqliteTags } from './sqlite-tags.js';
import type { Appended, ConversationKey } from './storage.js';

const UNMUTED = [NotificationLevel.ALL_MESSAGE, NotificationLevel.NOT_SET];

function stored(row: MessageRow): StoredMessage {
  return { id: row.id, message: toWireMessage(row, row.target_id) };
}

/** SQLite implementation; shares the connection of `SqliteStorage`. Tags live in `SqliteTags`. */
export class SqliteMessaging extends SqliteTags implements MessagingStorage {
  constructor(db: Database.Database) {
    super(db);
  }

  async findMessage(messageUId: string): Promise<StoredMessage | null> {
    const row = this.db.prepare('SELECT * FROM messages WHERE message_uid = ?').get(messageUId) as
      MessageRow | undefined;
    return row ? stored(row) : null;
  }

  async recall(
    messageId: number,
    notice: { messageType: string; content: Record<string, unknown> },
    userIds: string[],
  ): Promise<Appended[]> {
    return this.tx(() => {
      this.db
        .prepare('UPDATE messages SET message_type = ?, content = ?, is_counted = 0, expansion = NULL WHERE id = ?')
        .run(notice.messageType, JSON.stringify(notice.content), messageId);
      const updated = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(messageId) as MessageRow;
      return userIds.map((userId) => {
        const targetId = viewTargetId(updated, userId);
        // The notice is not counted: whoever had not read the original loses one unread.
        if (userId !== updated.sender_user_id)
          recountUnread(this.db, userId, { conversationType: updated.conversation_type as ConversationType, targetId });
        const message = toWireMessage(updated, targetId);
        const item: NewItem = {
          type: 'recall',
          conversationType: message.conversationType,
          targetId,
          messageUId: message.messageUId,
          message,
        };
        return appendItem(this.db, userId, item, updated.sent_time);
      });
    });
  }

  async deleteMessages(
    userId: string,
    key: ConversationKey,
    messageIds: number[],
    messageUIds: string[],
  ): Promise<Appended> {
    return this.tx(() => {
      const hide = this.db.prepare('INSERT OR IGNORE INTO hidden_messages (user_id, message_id) VALUES (?, ?)');
      for (const id of messageIds) hide.run(userId, id);
      refreshLatest(this.db, userId, key, channelOf(key.conversationType, userId, key.targetId));
      recountUnread(this.db, userId, key);
      return appendItem(this.db, userId, { type: 'delete', ...key, messageUIds }, 0);
    });
  }

  async clearHistory(userId: string, key: ConversationKey, timestamp: number): Promise<Appended> {
    return this.tx(() => {
      this.db
        .prepare(
          `INSERT INTO conversations (user_id, conversation_type, target_id, cleared_time) VALUES (?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET cleared_time = MAX(cleared_time, excluded.cleared_time)`,
        )
        .run(userId, key.conversationType, key.targetId, timestamp);
      refreshLatest(this.db, userId, key, channelOf(key.conversationType, userId, key.targetId));
      recountUnread(this.db, userId, key);
      return appendItem(this.db, userId, { type: 'clear', ...key, timestamp }, timestamp);
    });
  }

  async removeConversation(userId: string, key: ConversationKey): Promise<Appended> {
    return this.tx(() => {
      // No latest message takes it off the list; the next message brings it back. The row stays so
      // a cleared history stays cleared and do-not-disturb stays set.
      this.db
        .prepare(
          `UPDATE conversations SET latest_message_id = NULL, unread = 0, has_mentioned = 0, mentioned_count = 0,
          draft = '', is_top = 0 WHERE user_id = ? AND conversation_type = ? AND target_id = ?`,
        )
        .run(userId, key.conversationType, key.targetId);
      return appendItem(this.db, userId, { type: 'remove', ...key }, 0);
    });
  }

  async setConversationState(userId: string, key: ConversationKey, patch: ConversationPatch): Promise<Appended | null> {
    return this.tx(() => {
      const now = snapshot(this.db, userId, key);
      // A draft saved on every keystroke must not flood the other devices: unchanged = no item.
      const same =
        (patch.draft === undefined || patch.draft === now.draft) &&
        (patch.isTop === undefined || patch.isTop === now.isTop) &&
        (patch.notificationLevel === undefined || patch.notificationLevel === now.notificationLevel);
      if (same) return null;
      this.db
        .prepare('INSERT OR IGNORE INTO conversations (user_id, conversation_type, target_id) VALUES (?, ?, ?)')
        .run(userId, key.conversationType, key.targetId);
      const set = this.db.prepare(`UPDATE conversations SET draft = COALESCE(?, draft), is_top = COALESCE(?, is_top),
        notification_level = COALESCE(?, notification_level) WHERE user_id = ? AND conversation_type = ? AND target_id = ?`);
      const isTop = patch.isTop === undefined ? null : patch.isTop ? 1 : 0;
      set.run(patch.draft ?? null, isTop, patch.notificationLevel ?? null, userId, key.conversationType, key.targetId);
      return appendItem(this.db, userId, { type: 'state', ...key }, 0);
    });
  }

  async getConversation(userId: string, key: ConversationKey): Promise<WireConversation> {
    return snapshot(this.db, userId, key);
  }

  async totalUnread(userId: string, includeMuted: boolean, types: ConversationType[] | undefined): Promise<number> {
    const rows = this.db
      .prepare(
        'SELECT conversation_type AS t, notification_level AS l, unread AS n FROM conversations WHERE user_id = ? AND unread > 0',
      )
      .all(userId) as Array<{ t: ConversationType; l: number; n: number }>;
    return rows
      .filter(
        (r) =>
          (!types || types.length === 0 || types.includes(r.t)) &&
          (includeMuted || (UNMUTED as number[]).includes(r.l)),
      )
      .reduce((sum, r) => sum + r.n, 0);
  }

  async mentionedCount(userId: string): Promise<number> {
    const row = this.db
      .prepare('SELECT COALESCE(SUM(mentioned_count), 0) AS n FROM conversations WHERE user_id = ?')
      .get(userId) as { n: number };
    return row.n;
  }

  async mutedConversations(userId: string): Promise<ConversationKey[]> {
    return this.db
      .prepare(
        'SELECT conversation_type AS conversationType, target_id AS targetId FROM conversations WHERE user_id = ? AND notification_level > 0 ORDER BY updated_time DESC',
      )
      .all(userId) as ConversationKey[];
  }

  async firstUnread(userId: string, key: ConversationKey): Promise<{ messageUId: string; sentTime: number } | null> {
    const conversation = snapshot(this.db, userId, key);
    if (conversation.unreadMessageCount === 0) return null;
    const row = this.db
      .prepare(
        `SELECT m.message_uid AS messageUId, m.sent_time AS sentTime FROM inbox i JOIN messages m ON m.id = i.message_id
        WHERE i.user_id = ? AND i.conversation_type = ? AND i.target_id = ? AND i.timestamp > ? AND m.sender_user_id != ?
        AND m.is_counted = 1 AND m.is_persisted = 1 ORDER BY i.timestamp ASC LIMIT 1`,
      )
      .get(userId, key.conversationType, key.targetId, conversation.lastReadTime, userId) as
      { messageUId: string; sentTime: number } | undefined;
    return row ?? null;
  }

  async appendItems(items: Array<{ userId: string; item: NewItem }>): Promise<Appended[]> {
    return this.tx(() => items.map(({ userId, item }) => appendItem(this.db, userId, item, 0)));
  }

  async requestReceipt(messageId: number, now: number): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO receipt_requests (message_id, requested_time) VALUES (?, ?)')
      .run(messageId, now);
  }

  async hasReceiptRequest(messageId: number): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM receipt_requests WHERE message_id = ?').get(messageId) !== undefined;
  }

  async pendingReceipts(groupId: string, userId: string, max: number): Promise<StoredMessage[]> {
    const rows = this.db
      .prepare(
        `SELECT m.* FROM receipt_requests r JOIN messages m ON m.id = r.message_id
        WHERE m.channel = ? AND m.sender_user_id != ?
        AND (m.directed IS NULL OR instr(m.directed, '"' || ? || '"') > 0)
        AND NOT EXISTS (SELECT 1 FROM receipt_reads x WHERE x.message_id = m.id AND x.user_id = ?)
        ORDER BY r.requested_time DESC LIMIT ?`,
      )
      .all(channelOf(3, userId, groupId), userId, userId, userId, max) as MessageRow[];
    return rows.map(stored);
  }

  async recordReads(messageIds: number[], userId: string, now: number): Promise<number[]> {
    return this.tx(() => {
      const add = this.db.prepare(
        'INSERT OR IGNORE INTO receipt_reads (message_id, user_id, read_time) VALUES (?, ?, ?)',
      );
      return messageIds.filter((id) => add.run(id, userId, now).changes > 0);
    });
  }

  async readers(messageId: number): Promise<Array<{ userId: string; readTime: number }>> {
    return this.db
      .prepare(
        'SELECT user_id AS userId, read_time AS readTime FROM receipt_reads WHERE message_id = ? ORDER BY read_time, user_id',
      )
      .all(messageId) as Array<{ userId: string; readTime: number }>;
  }

  async receiptInfo(messageUIds: string[], viewer: string): Promise<Map<string, ReadReceiptInfo>> {
    const info = new Map<string, ReadReceiptInfo>();
    if (messageUIds.length === 0) return info;
    const rows = this.db
      .prepare(
        `SELECT m.message_uid AS uid, m.sender_user_id AS sender,
        (SELECT COUNT(*) FROM receipt_reads x WHERE x.message_id = m.id) AS readCount,
        EXISTS (SELECT 1 FROM receipt_reads x WHERE x.message_id = m.id AND x.user_id = ?) AS responded
        FROM receipt_requests r JOIN messages m ON m.id = r.message_id
        WHERE m.message_uid IN (SELECT value FROM json_each(?))`,
      )
      .all(viewer, JSON.stringify(messageUIds)) as Array<{
      uid: string;
      sender: string;
      readCount: number;
      responded: number;
    }>;
    for (const r of rows) {
      info.set(r.uid, {
        isReceiptRequestMessage: true,
        hasRespond: r.sender === viewer || r.responded === 1,
        readCount: r.readCount,
      });
    }
    return info;
  }

  async peerReadTime(userId: string, peerId: string): Promise<number> {
    // Private receipts are the sender's inbox items: the newest one is how far the peer has read.
    const row = this.db
      .prepare(
        `SELECT MAX(json_extract(payload, '$.sentTime')) AS t FROM inbox
        WHERE user_id = ? AND conversation_type = ? AND target_id = ? AND kind = 'readReceipt'`,
      )
      .get(userId, ConversationType.PRIVATE, peerId) as { t: number | null };
    return row.t ?? 0;
  }

  async setExpansion(
    messageId: number,
    expansion: Record<string, string>,
    items: Array<{ userId: string; item: NewItem }>,
  ): Promise<Appended[]> {
    return this.tx(() => {
      this.db.prepare('UPDATE messages SET expansion = ? WHERE id = ?').run(JSON.stringify(expansion), messageId);
      return items.map(({ userId, item }) => appendItem(this.db, userId, item, 0));
    });
  }

  async addMedia(r: MediaRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO media (id, user_id, name, type, size, created_time) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.id, r.userId, r.name, r.type, r.size, r.createdTime);
  }

  async getMedia(id: string): Promise<MediaRecord | null> {
    const row = this.db
      .prepare('SELECT id, user_id AS userId, name, type, size, created_time AS createdTime FROM media WHERE id = ?')
      .get(id) as MediaRecord | undefined;
    return row ?? null;
  }
}
