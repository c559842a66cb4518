/** Conversation tags on PostgreSQL: the base of `PgMessaging` (which adds the other features). */
import type pg from 'pg';
import type { WireConversation } from '../../src/protocol/frames.js';
import { NotificationLevel, type ConversationTagInfo, type TagInfo } from '../../src/protocol/messaging.js';
import type { PgDb } from './pg-db.js';
import { appendItem, snapshots } from './pg-items.js';
import type { Appended, ConversationKey } from './storage.js';

const NO_CONVERSATION = { conversationType: 0, targetId: '' } as const;

/** Tag storage; every write appends a `tag` or `conversationTag` item for the user's other devices. */
export class PgTags {
  constructor(protected readonly db: PgDb) {}

  protected tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.db.tx(fn);
  }

  async tags(userId: string): Promise<TagInfo[]> {
    return this.db.query<TagInfo>(
      `SELECT t.tag_id AS "tagId", t.tag_name AS "tagName", t.created_time AS "createdTime",
        (SELECT COUNT(*)::int FROM conversation_tags c WHERE c.user_id = t.user_id AND c.tag_id = t.tag_id) AS "conversationCount"
        FROM tags t WHERE t.user_id = $1 ORDER BY t.created_time, t.tag_id COLLATE "C"`,
      [userId],
    );
  }

  async writeTag(
    userId: string,
    op: 'create' | 'rename' | 'remove',
    tagId: string,
    tagName: string,
    now: number,
  ): Promise<Appended> {
    return this.tx(async (c) => {
      if (op === 'create') {
        await this.db.query(
          'INSERT INTO tags (user_id, tag_id, tag_name, created_time) VALUES ($1, $2, $3, $4)',
          [userId, tagId, tagName, now],
          c,
        );
      } else if (op === 'rename') {
        await this.db.query(
          'UPDATE tags SET tag_name = $3 WHERE user_id = $1 AND tag_id = $2',
          [userId, tagId, tagName],
          c,
        );
      } else {
        await this.db.query('DELETE FROM tags WHERE user_id = $1 AND tag_id = $2', [userId, tagId], c);
        await this.db.query('DELETE FROM conversation_tags WHERE user_id = $1 AND tag_id = $2', [userId, tagId], c);
      }
      return appendItem(this.db, c, userId, { type: 'tag', ...NO_CONVERSATION }, now);
    });
  }

  async linkTags(
    userId: string,
    op: 'add' | 'remove',
    links: Array<{ tagId: string; key: ConversationKey }>,
    now: number,
    maxPerTag: number,
  ): Promise<Appended> {
    return this.tx(async (c) => {
      for (const { tagId, key } of links) {
        if (op === 'add') {
          await this.db.query(
            `INSERT INTO conversation_tags (user_id, tag_id, conversation_type, target_id, added_time) VALUES ($1, $2, $3, $4, $5)
              ON CONFLICT DO NOTHING`,
            [userId, tagId, key.conversationType, key.targetId, now],
            c,
          );
        } else {
          await this.db.query(
            'DELETE FROM conversation_tags WHERE user_id = $1 AND tag_id = $2 AND conversation_type = $3 AND target_id = $4',
            [userId, tagId, key.conversationType, key.targetId],
            c,
          );
        }
      }
      if (op === 'add') {
        // Seeds: adding to a full tag succeeds and the earliest tagged conversations lose the tag.
        for (const tagId of new Set(links.map((l) => l.tagId))) {
          await this.db.query(
            `DELETE FROM conversation_tags WHERE user_id = $1 AND tag_id = $2 AND (conversation_type, target_id) IN (
              SELECT conversation_type, target_id FROM conversation_tags WHERE user_id = $1 AND tag_id = $2
              ORDER BY added_time DESC, target_id COLLATE "C" DESC OFFSET $3)`,
            [userId, tagId, maxPerTag],
            c,
          );
        }
      }
      return appendItem(this.db, c, userId, { type: 'conversationTag', ...NO_CONVERSATION }, now);
    });
  }

  async setTopInTag(userId: string, tagId: string, key: ConversationKey, isTop: boolean): Promise<Appended | null> {
    return this.tx(async (c) => {
      const changed = await this.db.query(
        `UPDATE conversation_tags SET is_top = $5 WHERE user_id = $1 AND tag_id = $2 AND conversation_type = $3 AND target_id = $4
          RETURNING 1`,
        [userId, tagId, key.conversationType, key.targetId, isTop ? 1 : 0],
        c,
      );
      return changed.length === 0
        ? null
        : appendItem(this.db, c, userId, { type: 'conversationTag', ...NO_CONVERSATION }, 0);
    });
  }

  async tagsOfConversation(userId: string, key: ConversationKey): Promise<ConversationTagInfo[]> {
    const rows = await this.db.query<{ tagId: string; tagName: string; isTop: number }>(
      `SELECT c.tag_id AS "tagId", t.tag_name AS "tagName", c.is_top AS "isTop" FROM conversation_tags c
        JOIN tags t ON t.user_id = c.user_id AND t.tag_id = c.tag_id
        WHERE c.user_id = $1 AND c.conversation_type = $2 AND c.target_id = $3 ORDER BY c.added_time, c.tag_id COLLATE "C"`,
      [userId, key.conversationType, key.targetId],
    );
    return rows.map((r) => ({ ...r, isTop: r.isTop === 1 }));
  }

  async conversationsInTag(
    userId: string,
    tagId: string,
    count: number,
    startTime: number,
  ): Promise<Array<WireConversation & { isTopInTag: boolean }>> {
    const rows = await this.db.query<ConversationKey & { isTop: number }>(
      `SELECT conversation_type AS "conversationType", target_id AS "targetId", is_top AS "isTop" FROM conversation_tags
        WHERE user_id = $1 AND tag_id = $2 ORDER BY conversation_type, target_id COLLATE "C"`,
      [userId, tagId],
    );
    const found = await snapshots(
      this.db,
      this.db.pool,
      rows.map((key) => ({ userId, key: { conversationType: key.conversationType, targetId: key.targetId } })),
    );
    return found
      .map((c, i) => ({ ...c, isTopInTag: rows[i]!.isTop === 1 }))
      .filter((c) => startTime === 0 || c.updatedTime < startTime)
      .sort((a, b) => b.updatedTime - a.updatedTime)
      .slice(0, count);
  }

  async unreadInTag(userId: string, tagId: string, containMuted: boolean): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT COALESCE(SUM(v.unread), 0)::int AS n FROM conversation_tags c JOIN conversations v
        ON v.user_id = c.user_id AND v.conversation_type = c.conversation_type AND v.target_id = c.target_id
        WHERE c.user_id = $1 AND c.tag_id = $2 AND ($3::int = 1 OR v.notification_level IN ($4, $5))`,
      [userId, tagId, containMuted ? 1 : 0, NotificationLevel.ALL_MESSAGE, NotificationLevel.NOT_SET],
    );
    return rows[0]!.n;
  }
}
