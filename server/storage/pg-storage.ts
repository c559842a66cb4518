/**
 * `Storage` on PostgreSQL (node-postgres). Several nodes may share one database: inbox seqs come
 * from a locked per-user counter (`allocateSeqs`), and (sender, clientMessageId) is a unique key, so
 * a resend to another node stores nothing twice. Sends are group-committed (`group-commit.ts`): the
 * sends of one event-loop turn share one transaction and one fsync, and each is acked after it.
 */
import type pg from 'pg';
import { Limits } from '../../src/protocol/limits.js';
import type { WireConversation, WireMessage } from '../../src/protocol/frames.js';
import { GroupCommit } from './group-commit.js';
import { appendMessageRow } from './pg-append.js';
import type { PgDb } from './pg-db.js';
import { allocateSeqs, clearedTime, snapshots, visibleTo } from './pg-items.js';
import { PgPush } from './pg-push.js';
import { PgAbuse } from './pg-abuse.js';
import { PgModeration } from './pg-moderation.js';
import { PgMessaging } from './pg-messaging.js';
import { StorageUnavailableError } from './unavailable.js';
import {
  CONVERSATION_COLUMNS,
  channelOf,
  toInboxItem,
  toWireConversation,
  toWireMessage,
  viewTargetId,
  type ConversationRow,
  type InboxRow,
  type MessageRow,
} from './rows.js';
import type {
  AppendResult,
  Appended,
  ConversationKey,
  ConversationQuery,
  Delivery,
  GroupMembership,
  GroupRecord,
  HistoryQuery,
  InboxPage,
  UserRecord,
  NewMessage,
  Storage,
} from './storage.js';

const INBOX_SELECT = `SELECT i.seq, i.kind, i.message_id, i.conversation_type, i.target_id, i.timestamp, i.payload,
  m.message_uid, m.client_message_id, m.sender_user_id, m.message_type, m.content, m.sent_time,
  m.is_persisted, m.is_counted, m.disable_notification, m.can_include_expansion, m.expansion, m.directed
  FROM inbox i LEFT JOIN messages m ON m.id = i.message_id`;

type Send = { message: NewMessage; deliveries: Delivery[] };

export class PgStorage implements Storage {
  readonly messaging: PgMessaging;
  readonly abuse: PgAbuse;
  /** Web Push subscriptions (pg-push.ts). */
  readonly push: PgPush;
  readonly moderation: PgModeration;
  private readonly sends: GroupCommit<Send, AppendResult>;

  constructor(private readonly db: PgDb) {
    this.messaging = new PgMessaging(db);
    this.abuse = new PgAbuse(db);
    this.push = new PgPush(db);
    this.moderation = new PgModeration(db);
    // Four transactions per turn at most; a conversation's sends stay in one (in order, no lock waits).
    this.sends = new GroupCommit((batch) => this.commitSends(batch), {
      lanes: 4,
      laneOf: ({ message: m }) => channelOf(m.conversationType, m.senderUserId, m.targetId),
    });
  }

  async upsertUser(user: { id: string; name: string; portraitUri: string }, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO users (id, name, portrait_uri, updated_time) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE
        SET name = excluded.name, portrait_uri = excluded.portrait_uri, updated_time = excluded.updated_time`,
      [user.id, user.name, user.portraitUri, now],
    );
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    return (
      (
        await this.db.query<UserRecord>('SELECT id, name, portrait_uri AS "portraitUri" FROM users WHERE id = $1', [
          userId,
        ])
      )[0] ?? null
    );
  }

  async getGroup(groupId: string): Promise<GroupRecord | null> {
    return (await this.db.query<GroupRecord>('SELECT id, name FROM chat_groups WHERE id = $1', [groupId]))[0] ?? null;
  }

  async isGroupMember(groupId: string, userId: string): Promise<boolean> {
    return (
      (await this.db.query('SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, userId]))
        .length > 0
    );
  }

  async groupMembership(groupId: string, userId: string): Promise<GroupMembership | null> {
    const rows = await this.db.query<{ joinedTime: number; createdTime: number; h: number | null }>(
      `SELECT m.joined_time AS "joinedTime", g.created_time AS "createdTime", g.history_before_join AS h FROM group_members m
        JOIN chat_groups g ON g.id = m.group_id WHERE m.group_id = $1 AND m.user_id = $2`,
      [groupId, userId],
    );
    const row = rows[0];
    return row
      ? {
          joinedTime: row.joinedTime,
          createdTime: row.createdTime,
          historyBeforeJoin: row.h === null ? null : row.h === 1,
        }
      : null;
  }

  async setGroupHistoryBeforeJoin(groupId: string, value: boolean | null): Promise<boolean> {
    const rows = await this.db.query('UPDATE chat_groups SET history_before_join = $1 WHERE id = $2 RETURNING id', [
      value === null ? null : Number(value),
      groupId,
    ]);
    return rows.length > 0;
  }

  async groupMemberIds(groupId: string): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      'SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY user_id COLLATE "C"',
      [groupId],
    );
    return rows.map((r) => r.user_id);
  }

  async userGroups(userId: string): Promise<GroupRecord[]> {
    return this.db.query<GroupRecord>(
      'SELECT g.id, g.name FROM group_members m JOIN chat_groups g ON g.id = m.group_id WHERE m.user_id = $1 ORDER BY g.id COLLATE "C"',
      [userId],
    );
  }

  async joinGroup(groupId: string, name: string, userIds: string[], now: number): Promise<void> {
    await this.db.tx(async (c) => {
      await this.db.query(
        `INSERT INTO chat_groups AS g (id, name, created_time) VALUES ($1, $2, $3)
          ON CONFLICT (id) DO UPDATE SET name = CASE WHEN excluded.name = '' THEN g.name ELSE excluded.name END`,
        [groupId, name, now],
        c,
      );
      await this.db.query(
        `INSERT INTO group_members (group_id, user_id, joined_time) SELECT $1, u, $3 FROM unnest($2::text[]) AS u
          ON CONFLICT DO NOTHING`,
        [groupId, [...new Set(userIds)], now],
        c,
      );
    });
  }

  async quitGroup(groupId: string, userIds: string[]): Promise<void> {
    await this.db.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = ANY($2::text[])', [
      groupId,
      userIds,
    ]);
  }

  async dismissGroup(groupId: string): Promise<boolean> {
    return this.db.tx(async (c) => {
      await this.db.query('DELETE FROM group_members WHERE group_id = $1', [groupId], c);
      return (await this.db.query('DELETE FROM chat_groups WHERE id = $1 RETURNING id', [groupId], c)).length > 0;
    });
  }

  async maxSentTime(): Promise<number> {
    return (await this.db.query<{ t: number }>('SELECT COALESCE(MAX(sent_time), 0)::bigint AS t FROM messages'))[0]!.t;
  }

  appendMessage(message: NewMessage, deliveries: Delivery[]): Promise<AppendResult> {
    return this.sends.submit({ message, deliveries });
  }

  /** One transaction for the batch; when it fails, each send is retried alone so one bad send refuses only itself. */
  private async commitSends(batch: Send[]) {
    try {
      const values = await this.db.tx(async (c) => {
        const out: AppendResult[] = [];
        for (const send of batch) out.push(await appendMessageRow(this.db, c, send.message, send.deliveries));
        return out;
      });
      return values.map((value) => ({ ok: true as const, value }));
    } catch (error) {
      // Alone, or with the database away, retrying send by send cannot do better.
      if (batch.length === 1 || error instanceof StorageUnavailableError)
        return batch.map(() => ({ ok: false as const, error }));
      return Promise.all(
        batch.map((send) =>
          this.db
            .tx((c) => appendMessageRow(this.db, c, send.message, send.deliveries))
            .then(
              (value) => ({ ok: true as const, value }),
              (e: unknown) => ({ ok: false as const, error: e }),
            ),
        ),
      );
    }
  }

  async markRead(userId: string, key: ConversationKey, timestamp: number): Promise<Appended> {
    return this.db.tx(async (c) => {
      const { conversationType: type, targetId } = key;
      const current = (
        await this.db.query<{ updated_time: number; last_read_time: number }>(
          `INSERT INTO conversations AS c (user_id, conversation_type, target_id, last_read_time) VALUES ($1, $2, $3, $4)
          ON CONFLICT (user_id, conversation_type, target_id) DO UPDATE SET last_read_time = GREATEST(c.last_read_time, excluded.last_read_time)
          RETURNING updated_time, last_read_time`,
          [userId, type, targetId, timestamp],
          c,
        )
      )[0]!;
      const unread =
        current.last_read_time >= current.updated_time
          ? 0
          : (
              await this.db.query<{ n: number }>(
                `SELECT COUNT(*)::int AS n FROM inbox i JOIN messages m ON m.id = i.message_id
                WHERE i.user_id = $1 AND i.conversation_type = $2 AND i.target_id = $3 AND i.timestamp > $4
                AND m.sender_user_id != $1 AND m.is_counted = 1 AND m.is_persisted = 1`,
                [userId, type, targetId, current.last_read_time],
                c,
              )
            )[0]!.n;
      // Reading everything also clears the @ state (seeds: hasMentioned until read).
      await this.db.query(
        `UPDATE conversations SET unread = $1, has_mentioned = CASE WHEN $1 = 0 THEN 0 ELSE has_mentioned END,
          mentioned_count = CASE WHEN $1 = 0 THEN 0 ELSE mentioned_count END
          WHERE user_id = $2 AND conversation_type = $3 AND target_id = $4`,
        [unread, userId, type, targetId],
        c,
      );
      const seq = (await allocateSeqs(this.db, c, new Map([[userId, 1]]))).get(userId)!;
      await this.db.query(
        `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp) VALUES ($1, $2, 'read', NULL, $3, $4, $5)`,
        [userId, seq, type, targetId, timestamp],
        c,
      );
      const [conversation] = await snapshots(this.db, c, [{ userId, key }]);
      return {
        userId,
        item: { seq, type: 'read', conversationType: type, targetId, timestamp },
        conversation: conversation!,
      };
    });
  }

  async readInbox(userId: string, since: number, limit: number): Promise<InboxPage> {
    // One statement, so lastSeq and the page come from one snapshot (lastSeq is never behind the page).
    const rows = await this.db.query<InboxRow & { head: number }>(
      `SELECT h.head, x.* FROM (SELECT COALESCE((SELECT last_seq FROM inbox_heads WHERE user_id = $1), 0) AS head) h
        LEFT JOIN LATERAL (${INBOX_SELECT} WHERE i.user_id = $1 AND i.seq > $2 ORDER BY i.seq LIMIT $3) x ON true`,
      [userId, since, limit + 1],
    );
    const items = rows.filter((r) => r.seq !== null);
    return { items: items.slice(0, limit).map(toInboxItem), lastSeq: rows[0]!.head, hasMore: items.length > limit };
  }

  lastSeq(userId: string): Promise<number> {
    return this.lastSeqOn(this.db.pool, userId);
  }

  async getConversations(userId: string, keys: ConversationKey[]): Promise<WireConversation[]> {
    return snapshots(
      this.db,
      this.db.pool,
      keys.map((key) => ({ userId, key })),
    );
  }

  async listConversations(userId: string, query: ConversationQuery): Promise<WireConversation[]> {
    const from = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c LEFT JOIN messages m ON m.id = c.latest_message_id
      WHERE c.user_id = $1 AND c.latest_message_id IS NOT NULL`;
    // Same paging rule as SQLite: the newest page lists every pinned one first, then `count` unpinned.
    const q = (sql: string, params: unknown[]) => this.db.query<ConversationRow>(sql, [userId, ...params]);
    const rows =
      query.order === 0 && query.startTime === 0
        ? [
            ...(await q(`${from} AND c.is_top = 1 ORDER BY c.updated_time DESC LIMIT $2`, [
              Limits.CONVERSATION_COUNT_MAX,
            ])),
            ...(await q(`${from} AND c.is_top = 0 ORDER BY c.updated_time DESC LIMIT $2`, [query.count])),
          ]
        : query.order === 0
          ? await q(`${from} AND c.is_top = 0 AND c.updated_time < $2 ORDER BY c.updated_time DESC LIMIT $3`, [
              query.startTime,
              query.count,
            ])
          : (
              await q(`${from} AND c.updated_time > $2 ORDER BY c.updated_time ASC LIMIT $3`, [
                query.startTime,
                query.count,
              ])
            ).reverse();
    return rows.map(toWireConversation);
  }

  async history(userId: string, query: HistoryQuery): Promise<{ list: WireMessage[]; hasMore: boolean }> {
    const channel = channelOf(query.conversationType, userId, query.targetId);
    const cleared = Math.max(await clearedTime(this.db, this.db.pool, userId, query), query.after ?? 0);
    const sql =
      query.order === 0
        ? `SELECT * FROM messages WHERE channel = $1 AND is_persisted = 1 AND sent_time < $2 AND sent_time > $3 AND ${visibleTo('$4')}
          ORDER BY sent_time DESC, id DESC LIMIT $5`
        : `SELECT * FROM messages WHERE channel = $1 AND is_persisted = 1 AND sent_time > $2 AND sent_time > $3 AND ${visibleTo('$4')}
          ORDER BY sent_time ASC, id ASC LIMIT $5`;
    const rows = await this.db.query<MessageRow>(sql, [channel, query.timestamp, cleared, userId, query.count + 1]);
    const page = rows.slice(0, query.count);
    if (query.order === 0) page.reverse();
    return { list: page.map((r) => toWireMessage(r, viewTargetId(r, userId))), hasMore: rows.length > query.count };
  }

  /** Closes the pool (the owner of `PgDb` normally does this through `openPostgres().close`). */
  async close(): Promise<void> {
    await this.sends.drain();
    await this.db.close();
  }

  private async lastSeqOn(on: pg.Pool | pg.PoolClient, userId: string): Promise<number> {
    return (
      (await this.db.query<{ s: number }>('SELECT last_seq AS s FROM inbox_heads WHERE user_id = $1', [userId], on))[0]
        ?.s ?? 0
    );
  }
}
