/**
 * `Storage` on SQLite through better-sqlite3.
 *
 * Durability: WAL journal with synchronous=NORMAL. A commit is a write() of the WAL frames into the
 * OS page cache before better-sqlite3 returns, so once a transaction has returned it survives a
 * crash or `kill -9` of this process (the kernel still writes the file). What NORMAL gives up is
 * only the last commits on power loss or an OS crash; pass `synchronous: 'FULL'` to fsync every
 * commit when that matters more than throughput.
 */
import Database from 'better-sqlite3';
import { Limits } from '../../src/protocol/limits.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WireConversation, WireMessage } from '../../src/protocol/frames.js';
import {
  CONVERSATION_COLUMNS,
  channelOf,
  emptyConversation,
  toInboxItem,
  toWireConversation,
  toWireMessage,
  viewTargetId,
  type ConversationRow,
  type InboxRow,
  type MessageRow,
} from './sqlite-schema.js';
import { VISIBLE_TO, clearedTime } from './sqlite-items.js';
import { SqlitePush } from './sqlite-push.js';
import { SqliteAbuse } from './sqlite-abuse.js';
import { SqliteModeration } from './sqlite-moderation.js';
import { SqliteMessaging } from './sqlite-messaging.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { useWal } from './sqlite-wal.js';
import { SqliteAppend } from './sqlite-append.js';
import { GroupCommit } from './group-commit.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
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
  Refused,
  Storage,
} from './storage.js';
import type { ModerationKey } from './moderation-storage.js';

export interface SqliteOptions {
  /** Path of the database file. */
  file: string;
  synchronous?: 'NORMAL' | 'FULL';
  /** Where a failed checkpoint worker is reported (default: stderr). */
  log?: (line: string) => void;
}

const INBOX_SELECT = `SELECT i.seq, i.kind, i.message_id, i.conversation_type, i.target_id, i.timestamp, i.payload,
  m.message_uid, m.client_message_id, m.sender_user_id, m.message_type, m.content, m.sent_time,
  m.is_persisted, m.is_counted, m.disable_notification, m.can_include_expansion, m.expansion, m.directed
  FROM inbox i LEFT JOIN messages m ON m.id = i.message_id`;

/** A send of a group commit; `refuseIf` and `now`: see `appendMessageUnlessRefused`. */
interface Send {
  message: NewMessage;
  deliveries: Delivery[];
  refuseIf?: ModerationKey[];
  now?: number;
}
type SendBatch = Send[];
type SendOutcome = { ok: true; value: AppendResult | Refused } | { ok: false; error: unknown };

/** SQLite storage; every mutating method runs in one transaction. */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  /** Recall, deletes, conversation state, receipts, expansion, tags and media (sqlite-messaging.ts). */
  readonly messaging: SqliteMessaging;
  /** Token revocations and media accounting (sqlite-abuse.ts). */
  readonly abuse: SqliteAbuse;
  /** Web Push subscriptions (sqlite-push.ts). */
  readonly push: SqlitePush;
  /** Blacklists, mutes and sensitive words (sqlite-moderation.ts). */
  readonly moderation: SqliteModeration;
  /**
   * A group commit's sends in one transaction, without a savepoint per send (built once: better-sqlite3
   * wraps a function at some cost). A savepoint costs a copy of every page the send touches.
   */
  private readonly commitBatch: Database.Transaction<(batch: SendBatch) => SendOutcome[]>;
  /** The same with a savepoint per send, so a send that fails undoes only itself (see `commitSends`). */
  private readonly commitEach: Database.Transaction<(batch: SendBatch) => SendOutcome[]>;
  private readonly checkpoints: SqliteCheckpointer;
  private readonly sends = new GroupCommit((batch: SendBatch) => this.commitSends(batch));

  constructor(options: SqliteOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    // Compiling SQL is most of a small statement's cost, and every SQL text here is a constant: cache
    // them. A 500-member group send went from ~90 ms to ~18 ms of blocked event loop (bench/README.md).
    const prepare = this.db.prepare.bind(this.db);
    const statements = new Map<string, Database.Statement>();
    this.db.prepare = ((sql: string) => {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = prepare(sql)));
      return statement;
    }) as typeof this.db.prepare;
    // Several processes may open the same fresh file at once (sqlite-wal.ts).
    useWal(this.db);
    const synchronous = options.synchronous ?? 'NORMAL';
    this.db.pragma(`synchronous = ${synchronous}`);
    // Checkpoint every 4000 WAL pages (16 MB) rather than SQLite's 1000: a send touches the same few
    // index pages as the sends before it, and a checkpoint copies each page once however often it
    // changed, so fewer checkpoints copy (and fsync) less per send. It changes when the WAL is copied
    // into the file, not what a commit has written: durability is the same. The checkpointer below
    // moves them to a worker thread and turns this off; it stays as the fallback.
    this.db.pragma('wal_autocheckpoint = 4000');
    // A WAL that grew past this (a long reader held a checkpoint back) is cut back after the next one.
    this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    // A fresh file gets every step; an older file only the steps it lacks (sqlite-migrations.ts).
    migrateSqlite(this.db);
    this.checkpoints = new SqliteCheckpointer(
      this.db,
      options.file,
      synchronous,
      options.log ?? ((line) => console.warn(line)),
    );
    this.messaging = new SqliteMessaging(this.db);
    this.abuse = new SqliteAbuse(this.db);
    this.push = new SqlitePush(this.db);
    this.moderation = new SqliteModeration(this.db);
    const appender = new SqliteAppend(this.db);
    const moderation = this.moderation;
    // The moderation read happens inside the transaction, before anything of the send is written.
    const appendUnlessRefused = (send: Send): AppendResult | Refused => {
      if (send.refuseIf) {
        const refusedBy = moderation.matchNow(send.refuseIf, send.now!);
        if (refusedBy.length > 0) return { refusedBy };
      }
      return appender.append(send.message, send.deliveries);
    };
    this.commitBatch = this.db.transaction((batch: SendBatch): SendOutcome[] => {
      appender.reset();
      return batch.map((send): SendOutcome => ({ ok: true, value: appendUnlessRefused(send) }));
    });
    // Inside the batch a better-sqlite3 transaction is a savepoint: a refused send undoes only itself.
    const appendOne = this.db.transaction(appendUnlessRefused);
    this.commitEach = this.db.transaction((batch: SendBatch): SendOutcome[] => {
      appender.reset();
      return batch.map((send): SendOutcome => {
        try {
          return { ok: true, value: appendOne(send) };
        } catch (error) {
          appender.reset(); // the savepoint undid the send's rows
          return { ok: false, error };
        }
      });
    });
  }

  async upsertUser(user: { id: string; name: string; portraitUri: string }, now: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO users (id, name, portrait_uri, updated_time) VALUES (?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, portrait_uri = excluded.portrait_uri,
        updated_time = excluded.updated_time`,
      )
      .run(user.id, user.name, user.portraitUri, now);
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    const row = this.db
      .prepare('SELECT id, name, portrait_uri AS "portraitUri" FROM users WHERE id = ?')
      .get(userId) as UserRecord | undefined;
    return row ?? null;
  }

  async getGroup(groupId: string): Promise<GroupRecord | null> {
    const row = this.db.prepare('SELECT id, name FROM chat_groups WHERE id = ?').get(groupId) as
      GroupRecord | undefined;
    return row ?? null;
  }

  async isGroupMember(groupId: string, userId: string): Promise<boolean> {
    return (
      this.db.prepare('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?').get(groupId, userId) !==
      undefined
    );
  }

  async groupMembership(groupId: string, userId: string): Promise<GroupMembership | null> {
    const row = this.db
      .prepare(
        `SELECT m.joined_time AS joinedTime, g.created_time AS createdTime, g.history_before_join AS h FROM group_members m
        JOIN chat_groups g ON g.id = m.group_id WHERE m.group_id = ? AND m.user_id = ?`,
      )
      .get(groupId, userId) as { joinedTime: number; createdTime: number; h: number | null } | undefined;
    return row
      ? {
          joinedTime: row.joinedTime,
          createdTime: row.createdTime,
          historyBeforeJoin: row.h === null ? null : row.h === 1,
        }
      : null;
  }

  async setGroupHistoryBeforeJoin(groupId: string, value: boolean | null): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE chat_groups SET history_before_join = ? WHERE id = ?')
        .run(value === null ? null : Number(value), groupId).changes > 0
    );
  }

  async groupMemberIds(groupId: string): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id')
      .all(groupId) as Array<{ user_id: string }>;
    return rows.map((r) => r.user_id);
  }

  async userGroups(userId: string): Promise<GroupRecord[]> {
    return this.db
      .prepare(
        'SELECT g.id, g.name FROM group_members m JOIN chat_groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.id',
      )
      .all(userId) as GroupRecord[];
  }

  async joinGroup(groupId: string, name: string, userIds: string[], now: number): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO chat_groups (id, name, created_time) VALUES (?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET name = CASE WHEN excluded.name = '' THEN name ELSE excluded.name END`,
        )
        .run(groupId, name, now);
      const add = this.db.prepare(
        'INSERT OR IGNORE INTO group_members (group_id, user_id, joined_time) VALUES (?, ?, ?)',
      );
      for (const userId of userIds) add.run(groupId, userId, now);
    })();
  }

  async quitGroup(groupId: string, userIds: string[]): Promise<void> {
    this.db.transaction(() => {
      const remove = this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?');
      for (const userId of userIds) remove.run(groupId, userId);
    })();
  }

  async dismissGroup(groupId: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM group_members WHERE group_id = ?').run(groupId);
      return this.db.prepare('DELETE FROM chat_groups WHERE id = ?').run(groupId).changes > 0;
    })();
  }

  async maxSentTime(): Promise<number> {
    const row = this.db.prepare('SELECT COALESCE(MAX(sent_time), 0) AS t FROM messages').get() as { t: number };
    return row.t;
  }

  /** Group commit: the sends of one turn share one IMMEDIATE transaction (see `commitSends` for a refused send). */
  appendMessage(message: NewMessage, deliveries: Delivery[]): Promise<AppendResult> {
    // Without `refuseIf` a send is never refused.
    return this.sends.submit({ message, deliveries }) as Promise<AppendResult>;
  }

  /**
   * The moderation read of a send inside its group commit's transaction: on its own it would open a
   * read transaction (shared-memory locks) that costs more than the lookup.
   */
  appendMessageUnlessRefused(
    message: NewMessage,
    deliveries: Delivery[],
    refuseIf: ModerationKey[],
    now: number,
  ): Promise<AppendResult | Refused> {
    return this.sends.submit({ message, deliveries, refuseIf, now });
  }

  private commitSends(batch: SendBatch): Promise<SendOutcome[]> {
    // A checkpoint's last pass holds sends back for a moment (sqlite-checkpointer.ts).
    const paused = this.checkpoints.paused;
    if (paused) return paused.then(() => this.commitNow(batch));
    return Promise.resolve(this.commitNow(batch));
  }

  private commitNow(batch: SendBatch): SendOutcome[] {
    let outcomes: SendOutcome[];
    try {
      outcomes = this.commitBatch.immediate(batch);
    } catch {
      // A send failed and the whole transaction rolled back, nothing of it written: commit the batch
      // again with a savepoint per send, so that send alone is refused and the others are stored.
      outcomes = this.commitEach.immediate(batch);
    }
    this.checkpoints.afterCommit();
    return outcomes;
  }

  async markRead(userId: string, key: ConversationKey, timestamp: number): Promise<Appended> {
    return this.db
      .transaction((): Appended => {
        const { conversationType: type, targetId } = key;
        this.db
          .prepare(
            `INSERT INTO conversations (user_id, conversation_type, target_id, last_read_time) VALUES (?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET last_read_time = MAX(last_read_time, excluded.last_read_time)`,
          )
          .run(userId, type, targetId, timestamp);
        const current = this.db
          .prepare(
            'SELECT updated_time, last_read_time FROM conversations WHERE user_id = ? AND conversation_type = ? AND target_id = ?',
          )
          .get(userId, type, targetId) as { updated_time: number; last_read_time: number };
        // Usually everything is read; count only when reading up to a time before the latest message.
        const unread =
          current.last_read_time >= current.updated_time
            ? 0
            : (
                this.db
                  .prepare(
                    `SELECT COUNT(*) AS n FROM inbox i JOIN messages m ON m.id = i.message_id
                WHERE i.user_id = ? AND i.conversation_type = ? AND i.target_id = ? AND i.timestamp > ?
                AND m.sender_user_id != ? AND m.is_counted = 1 AND m.is_persisted = 1`,
                  )
                  .get(userId, type, targetId, current.last_read_time, userId) as { n: number }
              ).n;
        this.db
          // Reading everything also clears the @ state (seeds: hasMentioned until read).
          .prepare(
            `UPDATE conversations SET unread = ?, has_mentioned = CASE WHEN ? = 0 THEN 0 ELSE has_mentioned END,
          mentioned_count = CASE WHEN ? = 0 THEN 0 ELSE mentioned_count END
          WHERE user_id = ? AND conversation_type = ? AND target_id = ?`,
          )
          .run(unread, unread, unread, userId, type, targetId);
        const seq = this.nextSeq(userId);
        this.db
          .prepare(
            `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp)
          VALUES (?, ?, 'read', NULL, ?, ?, ?)`,
          )
          .run(userId, seq, type, targetId, timestamp);
        return {
          userId,
          item: { seq, type: 'read', conversationType: type, targetId, timestamp },
          conversation: this.conversation(userId, key),
        };
      })
      .immediate();
  }

  async readInbox(userId: string, since: number, limit: number): Promise<InboxPage> {
    const rows = this.db
      .prepare(`${INBOX_SELECT} WHERE i.user_id = ? AND i.seq > ? ORDER BY i.seq LIMIT ?`)
      .all(userId, since, limit + 1) as InboxRow[];
    const hasMore = rows.length > limit;
    return { items: rows.slice(0, limit).map(toInboxItem), lastSeq: this.lastSeqSync(userId), hasMore };
  }

  async lastSeq(userId: string): Promise<number> {
    return this.lastSeqSync(userId);
  }

  async getConversations(userId: string, keys: ConversationKey[]): Promise<WireConversation[]> {
    return keys.map((k) => this.conversation(userId, k));
  }

  async listConversations(userId: string, query: ConversationQuery): Promise<WireConversation[]> {
    const where = 'c.user_id = ? AND c.latest_message_id IS NOT NULL';
    const from = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c LEFT JOIN messages m ON m.id = c.latest_message_id`;
    // The newest page lists every pinned conversation first, then `count` unpinned ones, so its last
    // item is unpinned and paging on from its time (startTime > 0: unpinned only) skips nothing and
    // never repeats a pinned one.
    const rows =
      query.order === 0 && query.startTime === 0
        ? [
            ...this.db
              .prepare(`${from} WHERE ${where} AND c.is_top = 1 ORDER BY c.updated_time DESC LIMIT ?`)
              .all(userId, Limits.CONVERSATION_COUNT_MAX),
            ...this.db
              .prepare(`${from} WHERE ${where} AND c.is_top = 0 ORDER BY c.updated_time DESC LIMIT ?`)
              .all(userId, query.count),
          ]
        : query.order === 0
          ? this.db
              .prepare(
                `${from} WHERE ${where} AND c.is_top = 0 AND c.updated_time < ? ORDER BY c.updated_time DESC LIMIT ?`,
              )
              .all(userId, query.startTime, query.count)
          : this.db
              .prepare(`${from} WHERE ${where} AND c.updated_time > ? ORDER BY c.updated_time ASC LIMIT ?`)
              .all(userId, query.startTime, query.count)
              .reverse();
    return (rows as ConversationRow[]).map(toWireConversation);
  }

  async history(userId: string, query: HistoryQuery): Promise<{ list: WireMessage[]; hasMore: boolean }> {
    const channel = channelOf(query.conversationType, userId, query.targetId);
    const cleared = Math.max(clearedTime(this.db, userId, query), query.after ?? 0);
    // The row id breaks ties between equal sentTimes, so pages never overlap or skip. Messages the
    // user deleted or cleared, and directed messages to others, are not theirs to see.
    const sql =
      query.order === 0
        ? `SELECT * FROM messages WHERE channel = ? AND is_persisted = 1 AND sent_time < ? AND sent_time > ? AND ${VISIBLE_TO}
          ORDER BY sent_time DESC, id DESC LIMIT ?`
        : `SELECT * FROM messages WHERE channel = ? AND is_persisted = 1 AND sent_time > ? AND sent_time > ? AND ${VISIBLE_TO}
          ORDER BY sent_time ASC, id ASC LIMIT ?`;
    const rows = this.db
      .prepare(sql)
      .all(channel, query.timestamp, cleared, userId, userId, userId, query.count + 1) as MessageRow[];
    const hasMore = rows.length > query.count;
    const page = rows.slice(0, query.count);
    if (query.order === 0) page.reverse();
    return { list: page.map((r) => toWireMessage(r, viewTargetId(r, userId))), hasMore };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Sends queued for this turn's commit are committed (and answered) before the file closes.
    await this.sends.drain();
    await this.checkpoints.close();
    this.db.close();
  }

  private nextSeq(userId: string): number {
    return this.lastSeqSync(userId) + 1;
  }

  private lastSeqSync(userId: string): number {
    const row = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM inbox WHERE user_id = ?').get(userId) as {
      s: number;
    };
    return row.s;
  }

  private conversation(userId: string, key: ConversationKey): WireConversation {
    const row = this.db
      .prepare(
        `SELECT ${CONVERSATION_COLUMNS} FROM conversations c LEFT JOIN messages m ON m.id = c.latest_message_id
        WHERE c.user_id = ? AND c.conversation_type = ? AND c.target_id = ?`,
      )
      .get(userId, key.conversationType, key.targetId) as ConversationRow | undefined;
    return row ? toWireConversation(row) : emptyConversation(key.conversationType, key.targetId);
  }
}
