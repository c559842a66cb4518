/**
 * Durable chatroom data in `<data>/chatroom.db`: message history (with retention) and the
 * moderation lists (so blocks, gags and allowlists survive a restart). Rooms, members and
 * attributes are in memory: rooms are ephemeral by design (seeds: they die when inactive).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChatroomHistoryReply } from '../../src/protocol/chatroom.js';
import type { WireMessage } from '../../src/protocol/frames.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS chatroom_messages (
  message_uid TEXT PRIMARY KEY, room_id TEXT NOT NULL, sent_time INTEGER NOT NULL, json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chatroom_messages_room_time ON chatroom_messages (room_id, sent_time);
CREATE TABLE IF NOT EXISTS chatroom_lists (
  kind TEXT NOT NULL, room_id TEXT NOT NULL, subject TEXT NOT NULL,
  expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (kind, room_id, subject)
) WITHOUT ROWID;
`;

/** One row of a moderation list; `roomId` is '' for app-wide lists, `expiresAt` 0 for "never". */
export interface ListRow {
  kind: string;
  roomId: string;
  subject: string;
  expiresAt: number;
  createdAt: number;
}

/** SQLite access for chatroom history and lists. */
export class ChatroomStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // Several nodes may open the same file at once (a cluster on SQLite): wait for each other's locks.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
  }

  saveMessage(message: WireMessage): void {
    this.db
      .prepare('INSERT OR IGNORE INTO chatroom_messages (message_uid, room_id, sent_time, json) VALUES (?, ?, ?, ?)')
      .run(message.messageUId, message.targetId, message.sentTime, JSON.stringify(message));
  }

  /** Replaces a stored message (recall turns it into an `RC:RcNtf`). */
  replaceMessage(messageUId: string, message: WireMessage): void {
    this.db.prepare('UPDATE chatroom_messages SET json = ? WHERE message_uid = ?').run(JSON.stringify(message), messageUId);
  }

  getMessage(messageUId: string): WireMessage | null {
    const row = this.db.prepare('SELECT json FROM chatroom_messages WHERE message_uid = ?').get(messageUId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as WireMessage) : null;
  }

  /** order 0: before `timestamp`; 1: after it. Always oldest first. */
  history(roomId: string, timestamp: number, count: number, order: 0 | 1): ChatroomHistoryReply {
    const rows = (
      order === 0
        ? this.db.prepare('SELECT json FROM chatroom_messages WHERE room_id = ? AND sent_time < ? ORDER BY sent_time DESC LIMIT ?')
        : this.db.prepare('SELECT json FROM chatroom_messages WHERE room_id = ? AND sent_time > ? ORDER BY sent_time ASC LIMIT ?')
    ).all(roomId, timestamp, count + 1) as Array<{ json: string }>;
    const hasMore = rows.length > count;
    const list = rows.slice(0, count).map((r) => JSON.parse(r.json) as WireMessage);
    if (order === 0) list.reverse();
    return { list, hasMore };
  }

  /** Drops messages older than `before`; returns how many. */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM chatroom_messages WHERE sent_time < ?').run(before).changes;
  }

  putList(row: ListRow): void {
    this.db
      .prepare(`INSERT INTO chatroom_lists (kind, room_id, subject, expires_at, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (kind, room_id, subject) DO UPDATE SET expires_at = excluded.expires_at, created_at = excluded.created_at`)
      .run(row.kind, row.roomId, row.subject, row.expiresAt, row.createdAt);
  }

  deleteList(kind: string, roomId: string, subject: string): void {
    this.db.prepare('DELETE FROM chatroom_lists WHERE kind = ? AND room_id = ? AND subject = ?').run(kind, roomId, subject);
  }

  deleteRoomLists(roomId: string, kinds: string[]): void {
    const stmt = this.db.prepare('DELETE FROM chatroom_lists WHERE kind = ? AND room_id = ?');
    for (const kind of kinds) stmt.run(kind, roomId);
  }

  allLists(): ListRow[] {
    return this.db
      .prepare('SELECT kind, room_id AS roomId, subject, expires_at AS expiresAt, created_at AS createdAt FROM chatroom_lists')
      .all() as ListRow[];
  }

  close(): void {
    this.db.close();
  }
}
