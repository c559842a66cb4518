/**
 * What the current send transaction knows of inbox seqs and conversation rows (`SqliteAppend`).
 * A group commit's transaction holds SQLite's write lock and only its sends write meanwhile, so a
 * value read or written earlier in the transaction is still the database's: each user's last seq
 * and each conversation are read once per transaction, and the sends after it work from there.
 * `reset` at each transaction's start, and after a send was refused (its savepoint undid its rows).
 */
import type Database from 'better-sqlite3';
import type { ConversationState } from './rows.js';

/** A conversation row's columns that a send reads or writes. */
export type ConversationColumns = Omit<ConversationState, 'user_id'>;

/** A conversation not stored yet: the table's column defaults. */
const NO_CONVERSATION: ConversationColumns = {
  latest_message_id: null,
  unread: 0,
  updated_time: 0,
  last_read_time: 0,
  is_top: 0,
  notification_level: 0,
  has_mentioned: 0,
  mentioned_count: 0,
  draft: '',
};

/**
 * A conversation after one more message, as the send upsert's ON CONFLICT clause (`sqlite-append.ts`)
 * computes it: unread and mentions add up, and a message older than the latest one (arriving late)
 * leaves the latest message and time as they are.
 */
export function afterMessage(
  conversation: ConversationColumns,
  messageId: number,
  sentTime: number,
  unread: 0 | 1,
  mentioned: 0 | 1,
): ConversationColumns {
  // One literal rather than a spread with overrides: this runs for every recipient of every send.
  return {
    latest_message_id: sentTime >= conversation.updated_time ? messageId : conversation.latest_message_id,
    unread: conversation.unread + unread,
    updated_time: Math.max(conversation.updated_time, sentTime),
    last_read_time: conversation.last_read_time,
    is_top: conversation.is_top,
    notification_level: conversation.notification_level,
    has_mentioned: Math.max(conversation.has_mentioned, mentioned),
    mentioned_count: (conversation.mentioned_count ?? 0) + mentioned,
    draft: conversation.draft,
  };
}

/** The inbox seqs and conversations of one send transaction, each read at most once. */
export class TransactionRows {
  private readonly seqs = new Map<string, number>();
  /** By `user|type|target` ('|' cannot occur in ids). */
  private readonly conversations = new Map<string, ConversationColumns>();
  private readonly readLastSeq: Database.Statement;
  private readonly readConversation: Database.Statement;

  constructor(db: Database.Database) {
    this.readLastSeq = db.prepare('SELECT MAX(seq) FROM inbox WHERE user_id = ?').pluck();
    this.readConversation = db.prepare(`SELECT latest_message_id, unread, updated_time, last_read_time, is_top,
      notification_level, has_mentioned, mentioned_count, draft FROM conversations
      WHERE user_id = ? AND conversation_type = ? AND target_id = ?`);
  }

  /** Forgets everything: a new transaction starts, or a refused send's savepoint undid its rows. */
  reset(): void {
    this.seqs.clear();
    this.conversations.clear();
  }

  /** The user's last inbox seq (0: none yet). */
  lastSeq(userId: string): number {
    let seq = this.seqs.get(userId);
    if (seq === undefined) this.seqs.set(userId, (seq = (this.readLastSeq.get(userId) as number | null) ?? 0));
    return seq;
  }

  /** The conversation's columns now (the defaults when it is not stored yet). */
  conversation(userId: string, conversationType: number, targetId: string): ConversationColumns {
    const key = `${userId}|${conversationType}|${targetId}`;
    let columns = this.conversations.get(key);
    if (columns === undefined) {
      const row = this.readConversation.get(userId, conversationType, targetId) as ConversationColumns | undefined;
      this.conversations.set(key, (columns = row ?? NO_CONVERSATION));
    }
    return columns;
  }

  /** Records a seq a send wrote (once all its statements succeeded). */
  wroteSeq(userId: string, seq: number): void {
    this.seqs.set(userId, seq);
  }

  /** Records a conversation a send wrote (once all its statements succeeded). */
  wroteConversation(userId: string, conversationType: number, targetId: string, columns: ConversationColumns): void {
    this.conversations.set(`${userId}|${conversationType}|${targetId}`, columns);
  }
}
