/**
 * A message append on SQLite, inside the caller's transaction (group commit in `SqliteStorage`):
 * the message row, one inbox row and one conversation upsert per recipient, and each recipient's
 * conversation as it is afterwards.
 *
 * Small fan-outs (a 1:1 send has two recipients) use one multi-row `VALUES` statement for the inbox
 * rows and one for the conversations, prepared once per recipient count. Their seqs and conversation
 * states are worked out here from what the transaction read or wrote before (`TransactionRows`): one
 * small read per user and conversation per group commit, instead of a `MAX(seq)` subquery per row
 * and a `RETURNING` per statement, each row's SQLite cost. Larger groups pass their members as one
 * JSON array through `json_each` and let SQLite do both (`RETURNING`), so a send costs the same few
 * statements whatever the group's size. The latest message is the one just stored, so the snapshots
 * need no read back except where an older message arrived late (its conversation keeps a newer
 * latest message) or the message is not persisted.
 */
import type Database from 'better-sqlite3';
import type { ConversationType } from '../../src/protocol/enums.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import {
  CONVERSATION_COLUMNS,
  conversationOf,
  emptyConversation,
  messageInsertParams,
  messageRowOf,
  toWireConversation,
  toWireMessage,
  viewTargetId,
  type ConversationRow,
  type MessageRow,
} from './rows.js';
import type { AppendResult, Appended, Delivery, NewMessage } from './storage.js';
import { afterMessage, TransactionRows, type ConversationColumns } from './sqlite-transaction-rows.js';

/** Up to this many recipients, rows go as multi-row VALUES (one statement prepared per count). */
const MAX_VALUES_ROWS = 8;

const INSERT_MESSAGE = `INSERT INTO messages (message_uid, client_message_id, sender_user_id, conversation_type, target_id,
  channel, message_type, content, sent_time, is_persisted, is_counted, disable_notification,
  can_include_expansion, expansion, directed)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (sender_user_id, client_message_id) DO NOTHING`;

/** Guarded by time so a late-arriving older message never replaces a newer latest message. */
const ON_CONFLICT = `ON CONFLICT DO UPDATE SET unread = unread + excluded.unread,
  has_mentioned = MAX(has_mentioned, excluded.has_mentioned), mentioned_count = mentioned_count + excluded.mentioned_count,
  latest_message_id = CASE WHEN excluded.updated_time >= updated_time THEN excluded.latest_message_id ELSE latest_message_id END,
  updated_time = MAX(updated_time, excluded.updated_time)
  RETURNING user_id, latest_message_id, unread, updated_time, last_read_time, is_top, notification_level, has_mentioned,
  mentioned_count, draft`;

/** A row of the upsert's RETURNING, as an array (cheaper to build than an object). */
type Returned = [
  userId: string,
  latestMessageId: number | null,
  unread: number,
  updatedTime: number,
  lastReadTime: number,
  isTop: number,
  notificationLevel: number,
  hasMentioned: number,
  mentionedCount: number,
  draft: string,
];

/** Inbox rows with their seqs given (worked out from `TransactionRows`). */
function inboxValues(rows: number): string {
  return `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp)
    VALUES ${Array(rows).fill(`(?, ?, 'message', ?, ?, ?, ?)`).join(', ')}`;
}

/** Conversations with their new values given (worked out from `TransactionRows`, as ON_CONFLICT would). */
function conversationValues(rows: number): string {
  return `INSERT INTO conversations (user_id, conversation_type, target_id, unread, latest_message_id, updated_time,
    has_mentioned, mentioned_count) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
    ON CONFLICT DO UPDATE SET unread = excluded.unread, latest_message_id = excluded.latest_message_id,
    updated_time = excluded.updated_time, has_mentioned = excluded.has_mentioned, mentioned_count = excluded.mentioned_count`;
}

const U = `json_extract(j.value, '$[0]')`;
const X = `json_extract(j.value, '$[1]')`;

/** Parameters: message id, conversation type, sent time, the members' JSON. */
const INBOX_JSON = `INSERT INTO inbox (user_id, seq, kind, message_id, conversation_type, target_id, timestamp)
  SELECT ${U}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM inbox WHERE user_id = ${U}), 'message', ?, ?, ${X}, ?
  FROM json_each(?) j RETURNING user_id, seq`;

/** Parameters: conversation type, message id, sent time, the members' JSON. */
const CONVERSATIONS_JSON = `INSERT INTO conversations (user_id, conversation_type, target_id, unread, latest_message_id,
  updated_time, has_mentioned, mentioned_count)
  SELECT ${U}, ?, ${X}, json_extract(j.value, '$[2]'), ?, ?, json_extract(j.value, '$[3]'), json_extract(j.value, '$[3]')
  FROM json_each(?) j WHERE true ${ON_CONFLICT}`;

/** One conversation joined with its latest message (the few the upsert cannot describe). */
const SNAPSHOT = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c LEFT JOIN messages m ON m.id = c.latest_message_id
  WHERE c.user_id = ? AND c.conversation_type = ? AND c.target_id = ?`;

/** The rows of one recipient as statement parameters: user, target id, unread increment, mention. */
type Member = [userId: string, targetId: string, unread: 0 | 1, mentioned: 0 | 1];

/** The statements of an append, prepared once per connection. */
export class SqliteAppend {
  private readonly insertMessage: Database.Statement;
  private readonly findMessage: Database.Statement;
  private readonly snapshot: Database.Statement;
  private readonly inboxJson: Database.Statement;
  private readonly conversationsJson: Database.Statement;
  /** Index n: the statements for n recipients. */
  private readonly inboxRows: Database.Statement[] = [];
  private readonly conversationRows: Database.Statement[] = [];
  /** Seqs and conversations the current transaction read or wrote; the caller resets it (see `reset`). */
  private readonly rows: TransactionRows;

  constructor(private readonly db: Database.Database) {
    this.insertMessage = db.prepare(INSERT_MESSAGE);
    this.findMessage = db.prepare('SELECT * FROM messages WHERE sender_user_id = ? AND client_message_id = ?');
    this.snapshot = db.prepare(SNAPSHOT);
    this.inboxJson = db.prepare(INBOX_JSON).raw(true);
    this.conversationsJson = db.prepare(CONVERSATIONS_JSON).raw(true);
    this.rows = new TransactionRows(db);
  }

  /**
   * Call when a transaction of appends begins, and after an append threw inside one (its savepoint
   * undid what it wrote): the seqs and conversations known from earlier appends are read again.
   */
  reset(): void {
    this.rows.reset();
  }

  /** Stores the message for `deliveries` (or finds it stored earlier: `duplicate`). */
  append(message: NewMessage, deliveries: Delivery[]): AppendResult {
    const row = messageRowOf(message);
    // Insert first, and read the earlier message only when this is a resend (one statement in the common case).
    const inserted = this.insertMessage.run(...messageInsertParams(row));
    if (inserted.changes === 0) {
      const existing = this.findMessage.get(message.senderUserId, message.clientMessageId) as MessageRow;
      return { message: toWireMessage(existing, existing.target_id), duplicate: true, appended: [] };
    }
    const id = Number(inserted.lastInsertRowid);
    // One wire message per side of the conversation, shared by the reply, the items and the snapshots.
    const sent = toWireMessage(row, row.target_id, message.content);
    const views = new Map<string, WireMessage>([[row.target_id, sent]]);
    const users = uniqueUsers(deliveries);
    if (users.length === 0) return { message: sent, duplicate: false, appended: [] };
    const members = users.map((d): Member => [
      d.userId,
      viewTargetId(row, d.userId),
      d.countUnread ? 1 : 0,
      d.countUnread && d.mentioned === true ? 1 : 0,
    ]);
    const written =
      members.length <= MAX_VALUES_ROWS
        ? this.writeRows(members, id, row.conversation_type, row.sent_time, message.isPersisted)
        : this.writeJson(members, id, row.conversation_type, row.sent_time, message.isPersisted);
    const type = row.conversation_type;
    const appended = members.map(([userId, targetId], i): Appended => {
      const message = viewFrom(views, sent, targetId);
      const conversation = written.conversations?.[i];
      return {
        userId,
        item: { seq: written.seqs[i]!, type: 'message', message },
        conversation:
          conversation && conversation.latest_message_id === id
            ? conversationOf(type, targetId, conversation, message)
            : this.readConversation(userId, type, targetId),
      };
    });
    return { message: sent, duplicate: false, appended };
  }

  /**
   * A few recipients: seqs and conversations worked out from what this transaction knows
   * (`TransactionRows`), written with one multi-row statement each. Returns them by member.
   */
  private writeRows(members: Member[], id: number, type: number, time: number, persisted: boolean): Written {
    const seqs = members.map(([userId]) => this.rows.lastSeq(userId) + 1);
    const inboxParams: unknown[] = [];
    members.forEach(([userId, targetId], i) => inboxParams.push(userId, seqs[i], id, type, targetId, time));
    // Passed as arguments: better-sqlite3 binds those faster than an array's items.
    this.rowsStatement(this.inboxRows, members.length, inboxValues).run(...inboxParams);
    // Non-persisted messages are delivered but leave the conversation (latest, unread) alone.
    let conversations: ConversationColumns[] | null = null;
    if (persisted) {
      conversations = members.map(([userId, targetId, unread, mentioned]) =>
        afterMessage(this.rows.conversation(userId, type, targetId), id, time, unread, mentioned),
      );
      const params: unknown[] = [];
      members.forEach(([userId, targetId], i) => {
        const c = conversations![i]!;
        params.push(userId, type, targetId, c.unread, c.latest_message_id, c.updated_time, c.has_mentioned);
        params.push(c.mentioned_count);
      });
      this.rowsStatement(this.conversationRows, members.length, conversationValues).run(...params);
    }
    // Recorded only now that every statement of the send succeeded.
    members.forEach(([userId, targetId], i) => {
      this.rows.wroteSeq(userId, seqs[i]!);
      if (conversations) this.rows.wroteConversation(userId, type, targetId, conversations[i]!);
    });
    return { seqs, conversations };
  }

  /** Many recipients: one JSON array through `json_each`, seqs and conversations worked out by SQLite. */
  private writeJson(members: Member[], id: number, type: number, time: number, persisted: boolean): Written {
    // These rows change behind what the transaction knows: it reads them again when it needs them.
    this.rows.reset();
    const json = JSON.stringify(members);
    const seqByUser = new Map(this.inboxJson.all(id, type, time, json) as Array<[string, number]>);
    const byUser = new Map<string, Returned>();
    if (persisted) for (const r of this.conversationsJson.all(type, id, time, json) as Returned[]) byUser.set(r[0], r);
    return {
      seqs: members.map(([userId]) => seqByUser.get(userId)!),
      conversations: persisted
        ? members.map(([userId]): ConversationColumns => {
            const r = byUser.get(userId)!;
            return {
              latest_message_id: r[1],
              unread: r[2],
              updated_time: r[3],
              last_read_time: r[4],
              is_top: r[5],
              notification_level: r[6],
              has_mentioned: r[7],
              mentioned_count: r[8],
              draft: r[9],
            };
          })
        : null,
    };
  }

  private readConversation(userId: string, conversationType: number, targetId: string) {
    const row = this.snapshot.get(userId, conversationType, targetId) as ConversationRow | undefined;
    return row ? toWireConversation(row) : emptyConversation(conversationType as ConversationType, targetId);
  }

  private rowsStatement(cache: Database.Statement[], rows: number, sql: (rows: number) => string): Database.Statement {
    return (cache[rows] ??= this.db.prepare(sql(rows)));
  }
}

/** What a send wrote for its members, in their order: seqs, and conversations (null when not persisted). */
interface Written {
  seqs: number[];
  conversations: ConversationColumns[] | null;
}

/** The message as the side of `targetId` sees it, made once per side (`views`). */
function viewFrom(views: Map<string, WireMessage>, sent: WireMessage, targetId: string): WireMessage {
  let view = views.get(targetId);
  if (!view) views.set(targetId, (view = { ...sent, targetId }));
  return view;
}

/** The deliveries with each user once, in first-seen order (a user's last delivery wins). */
function uniqueUsers(deliveries: Delivery[]): Delivery[] {
  if (deliveries.length === 2 && deliveries[0]!.userId !== deliveries[1]!.userId) return deliveries;
  return [...new Map(deliveries.map((d) => [d.userId, d])).values()];
}
