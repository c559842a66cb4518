/** Conversation tags on SQLite: the base of `SqliteMessaging` (which adds the other features). */
import type Database from 'better-sqlite3';
import type { WireConversation } from '../../src/protocol/frames.js';
import { NotificationLevel, type ConversationTagInfo, type TagInfo } from '../../src/protocol/messaging.js';
import { appendItem, snapshot } from './sqlite-items.js';
import type { Appended, ConversationKey } from './storage.js';

const NO_CONVERSATION = { conversationType: 0, targetId: '' } as const;

/** Tag storage; every write appends a `tag` or `conversationTag` item for the user's other devices. */
export class SqliteTags {
  constructor(protected readonly db: Database.Database) {}

  /** Runs `fn` in one IMMEDIATE transaction (a writer from the start, so no upgrade deadlocks). */
  protected tx<T>(fn: () => T): Promise<T> {
    return Promise.resolve(this.db.transaction(fn).immediate());
  }

  async tags(userId: string): Promise<TagInfo[]> {
    return this.db
      .prepare(
        `SELECT t.tag_id AS tagId, t.tag_name AS tagName, t.created_time AS createdTime,
        (SELECT COUNT(*) FROM conversation_tags c WHERE c.user_id = t.user_id AND c.tag_id = t.tag_id) AS conversationCount
        FROM tags t WHERE t.user_id = ? ORDER BY t.created_time, t.tag_id`,
      )
      .all(userId) as TagInfo[];
  }

  async writeTag(
    userId: string,
    op: 'create' | 'rename' | 'remove',
    tagId: string,
    tagName: string,
    now: number,
  ): Promise<Appended> {
    return this.tx(() => {
      if (op === 'create') {
        this.db
          .prepare('INSERT INTO tags (user_id, tag_id, tag_name, created_time) VALUES (?, ?, ?, ?)')
          .run(userId, tagId, tagName, now);
      } else if (op === 'rename') {
        this.db.prepare('UPDATE tags SET tag_name = ? WHERE user_id = ? AND tag_id = ?').run(tagName, userId, tagId);
      } else {
        this.db.prepare('DELETE FROM tags WHERE user_id = ? AND tag_id = ?').run(userId, tagId);
        this.db.prepare('DELETE FROM conversation_tags WHERE user_id = ? AND tag_id = ?').run(userId, tagId);
      }
      return appendItem(this.db, userId, { type: 'tag', ...NO_CONVERSATION }, now);
    });
  }

  async linkTags(
    userId: string,
    op: 'add' | 'remove',
    links: Array<{ tagId: string; key: ConversationKey }>,
    now: number,
    maxPerTag: number,
  ): Promise<Appended> {
    return this.tx(() => {
      const add = this.db
        .prepare(`INSERT OR IGNORE INTO conversation_tags (user_id, tag_id, conversation_type, target_id, added_time)
        VALUES (?, ?, ?, ?, ?)`);
      const remove = this.db.prepare(
        'DELETE FROM conversation_tags WHERE user_id = ? AND tag_id = ? AND conversation_type = ? AND target_id = ?',
      );
      for (const { tagId, key } of links) {
        if (op === 'add') add.run(userId, tagId, key.conversationType, key.targetId, now);
        else remove.run(userId, tagId, key.conversationType, key.targetId);
      }
      if (op === 'add') {
        // Seeds: adding to a full tag succeeds and the earliest tagged conversations lose the tag.
        for (const tagId of new Set(links.map((l) => l.tagId))) {
          this.db
            .prepare(
              `DELETE FROM conversation_tags WHERE user_id = ? AND tag_id = ? AND (conversation_type, target_id) IN (
              SELECT conversation_type, target_id FROM conversation_tags WHERE user_id = ? AND tag_id = ?
              ORDER BY added_time DESC, target_id DESC LIMIT -1 OFFSET ?)`,
            )
            .run(userId, tagId, userId, tagId, maxPerTag);
        }
      }
      return appendItem(this.db, userId, { type: 'conversationTag', ...NO_CONVERSATION }, now);
    });
  }

  async setTopInTag(userId: string, tagId: string, key: ConversationKey, isTop: boolean): Promise<Appended | null> {
    return this.tx(() => {
      const changed = this.db
        .prepare(
          'UPDATE conversation_tags SET is_top = ? WHERE user_id = ? AND tag_id = ? AND conversation_type = ? AND target_id = ?',
        )
        .run(isTop ? 1 : 0, userId, tagId, key.conversationType, key.targetId).changes;
      return changed === 0 ? null : appendItem(this.db, userId, { type: 'conversationTag', ...NO_CONVERSATION }, 0);
    });
  }

  async tagsOfConversation(userId: string, key: ConversationKey): Promise<ConversationTagInfo[]> {
    const rows = this.db
      .prepare(
        `SELECT c.tag_id AS tagId, t.tag_name AS tagName, c.is_top AS isTop FROM conversation_tags c
        JOIN tags t ON t.user_id = c.user_id AND t.tag_id = c.tag_id
        WHERE c.user_id = ? AND c.conversation_type = ? AND c.target_id = ? ORDER BY c.added_time, c.tag_id`,
      )
      .all(userId, key.conversationType, key.targetId) as Array<{ tagId: string; tagName: string; isTop: number }>;
    return rows.map((r) => ({ ...r, isTop: r.isTop === 1 }));
  }

  async conversationsInTag(
    userId: string,
    tagId: string,
    count: number,
    startTime: number,
  ): Promise<Array<WireConversation & { isTopInTag: boolean }>> {
    const rows = this.db
      .prepare(
        `SELECT conversation_type AS conversationType, target_id AS targetId, is_top AS isTop FROM conversation_tags
        WHERE user_id = ? AND tag_id = ?`,
      )
      .all(userId, tagId) as Array<ConversationKey & { isTop: number }>;
    const list = rows
      .map((r) => ({ ...snapshot(this.db, userId, r), isTopInTag: r.isTop === 1 }))
      .filter((c) => startTime === 0 || c.updatedTime < startTime)
      .sort((a, b) => b.updatedTime - a.updatedTime);
    return list.slice(0, count);
  }

  async unreadInTag(userId: string, tagId: string, containMuted: boolean): Promise<number> {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(v.unread), 0) AS n FROM conversation_tags c JOIN conversations v
        ON v.user_id = c.user_id AND v.conversation_type = c.conversation_type AND v.target_id = c.target_id
        WHERE c.user_id = ? AND c.tag_id = ? AND (? = 1 OR v.notification_level IN (?, ?))`,
      )
      .get(userId, tagId, containMuted ? 1 : 0, NotificationLevel.ALL_MESSAGE, NotificationLevel.NOT_SET) as {
      n: number;
    };
    return row.n;
  }
}
