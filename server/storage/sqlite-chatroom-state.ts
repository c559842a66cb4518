/**
 * `ChatroomState` on SQLite (the chatroom database file, WAL). Several processes may open the same
 * file: each write is one short transaction and readers never block writers.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChatroomHistoryReply, WireChatroomEntry } from '../../src/protocol/chatroom.js';
import type { ChatroomMemberInfo } from '../../src/protocol/chatroom-profile.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type {
  ChatroomState,
  ListRow,
  RoomDefinition,
  RoomProfile,
  StoredQueueEntry,
  StoredRoom,
} from './chatroom-state.js';
import { migrateChatroomState } from './sqlite-chatroom-state-migrations.js';
import { useWal } from './sqlite-wal.js';

interface RoomRow {
  id: string;
  name: string;
  session_id: string;
  created_time: number;
  destroy_at: number;
  creator_id: string;
  announcement: string;
  broadcast_url: string;
  ext: string;
  is_closed: number;
}

export class SqliteChatroomState implements ChatroomState {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    useWal(this.db);
    this.db.pragma('synchronous = NORMAL');
    migrateChatroomState(this.db);
  }

  async allRooms(): Promise<StoredRoom[]> {
    const rows = this.db.prepare('SELECT * FROM chatroom_rooms ORDER BY created_time').all() as RoomRow[];
    return rows.map((row) => this.withDetails(row));
  }

  async room(roomId: string): Promise<StoredRoom | null> {
    const row = this.db.prepare('SELECT * FROM chatroom_rooms WHERE id = ?').get(roomId) as RoomRow | undefined;
    return row ? this.withDetails(row) : null;
  }

  async createRoom(d: RoomDefinition): Promise<RoomDefinition> {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO chatroom_rooms (id, name, session_id, created_time, destroy_at, creator_id) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(d.id, d.name, d.sessionId, d.createdTime, d.destroyAt, d.creatorId);
    const row = this.db.prepare('SELECT * FROM chatroom_rooms WHERE id = ?').get(d.id) as RoomRow;
    return definitionOf(row);
  }

  async updateRoom(roomId: string, change: Pick<RoomDefinition, 'creatorId' | 'destroyAt'>): Promise<void> {
    this.db
      .prepare('UPDATE chatroom_rooms SET creator_id = ?, destroy_at = ? WHERE id = ?')
      .run(change.creatorId, change.destroyAt, roomId);
  }

  async deleteRoom(roomId: string): Promise<void> {
    this.db.transaction(() => {
      for (const table of [
        'chatroom_rooms',
        'chatroom_entries',
        'chatroom_roles',
        'chatroom_queue',
        'chatroom_member_infos',
      ]) {
        this.db.prepare(`DELETE FROM ${table} WHERE ${table === 'chatroom_rooms' ? 'id' : 'room_id'} = ?`).run(roomId);
      }
    })();
  }

  async putEntries(roomId: string, entries: WireChatroomEntry[]): Promise<void> {
    const put = this.db.prepare(
      `INSERT INTO chatroom_entries (room_id, key, value, user_id, is_auto_delete, timestamp) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (room_id, key) DO UPDATE SET value = excluded.value, user_id = excluded.user_id,
         is_auto_delete = excluded.is_auto_delete, timestamp = excluded.timestamp`,
    );
    this.db.transaction(() => {
      for (const e of entries) put.run(roomId, e.key, e.value, e.userId, e.isAutoDelete ? 1 : 0, e.timestamp);
    })();
  }

  async deleteEntries(roomId: string, keys: string[]): Promise<void> {
    const del = this.db.prepare('DELETE FROM chatroom_entries WHERE room_id = ? AND key = ?');
    this.db.transaction(() => {
      for (const key of keys) del.run(roomId, key);
    })();
  }

  async setRoles(roomId: string, admins: string[], permanent: string[]): Promise<void> {
    const put = this.db.prepare('INSERT OR REPLACE INTO chatroom_roles (room_id, user_id, role) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM chatroom_roles WHERE room_id = ?').run(roomId);
      for (const userId of admins) put.run(roomId, userId, 'admin');
      for (const userId of permanent) put.run(roomId, userId, 'member');
    })();
  }

  async setQueue(roomId: string, queue: StoredQueueEntry[]): Promise<void> {
    const put = this.db.prepare(
      'INSERT INTO chatroom_queue (room_id, position, key, value, user_id, is_transient) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM chatroom_queue WHERE room_id = ?').run(roomId);
      queue.forEach((entry, i) => put.run(roomId, i, entry.key, entry.value, entry.userId, entry.transient ? 1 : 0));
    })();
  }

  async setRoomProfile(roomId: string, p: RoomProfile): Promise<void> {
    this.db
      .prepare(
        'UPDATE chatroom_rooms SET name = ?, announcement = ?, broadcast_url = ?, ext = ?, is_closed = ? WHERE id = ?',
      )
      .run(p.name, p.announcement, p.broadcastUrl, p.ext, p.closed ? 1 : 0, roomId);
  }

  async putMemberInfo(roomId: string, userId: string, info: ChatroomMemberInfo | null): Promise<void> {
    if (!info) {
      this.db.prepare('DELETE FROM chatroom_member_infos WHERE room_id = ? AND user_id = ?').run(roomId, userId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO chatroom_member_infos (room_id, user_id, nick, avatar, ext) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (room_id, user_id) DO UPDATE SET nick = excluded.nick, avatar = excluded.avatar, ext = excluded.ext`,
      )
      .run(roomId, userId, info.nick, info.avatar, info.ext);
  }

  async memberInfos(roomId: string, userIds: string[]): Promise<Map<string, ChatroomMemberInfo>> {
    const out = new Map<string, ChatroomMemberInfo>();
    const get = this.db.prepare(
      'SELECT nick, avatar, ext FROM chatroom_member_infos WHERE room_id = ? AND user_id = ?',
    );
    for (const userId of userIds) {
      const row = get.get(roomId, userId) as ChatroomMemberInfo | undefined;
      if (row) out.set(userId, { nick: row.nick, avatar: row.avatar, ext: row.ext });
    }
    return out;
  }

  async allLists(): Promise<ListRow[]> {
    return this.db
      .prepare(
        'SELECT kind, room_id AS roomId, subject, expires_at AS expiresAt, created_at AS createdAt FROM chatroom_lists',
      )
      .all() as ListRow[];
  }

  async putList(row: ListRow): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO chatroom_lists (kind, room_id, subject, expires_at, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (kind, room_id, subject) DO UPDATE SET expires_at = excluded.expires_at, created_at = excluded.created_at`,
      )
      .run(row.kind, row.roomId, row.subject, row.expiresAt, row.createdAt);
  }

  async deleteList(kind: string, roomId: string, subject: string): Promise<void> {
    this.db
      .prepare('DELETE FROM chatroom_lists WHERE kind = ? AND room_id = ? AND subject = ?')
      .run(kind, roomId, subject);
  }

  async saveMessage(message: WireMessage): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO chatroom_messages (message_uid, room_id, sent_time, json) VALUES (?, ?, ?, ?)')
      .run(message.messageUId, message.targetId, message.sentTime, JSON.stringify(message));
  }

  async replaceMessage(messageUId: string, message: WireMessage): Promise<void> {
    this.db
      .prepare('UPDATE chatroom_messages SET json = ? WHERE message_uid = ?')
      .run(JSON.stringify(message), messageUId);
  }

  async getMessage(messageUId: string): Promise<WireMessage | null> {
    const row = this.db.prepare('SELECT json FROM chatroom_messages WHERE message_uid = ?').get(messageUId) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as WireMessage) : null;
  }

  async history(roomId: string, timestamp: number, count: number, order: 0 | 1): Promise<ChatroomHistoryReply> {
    const rows = (
      order === 0
        ? this.db.prepare(
            'SELECT json FROM chatroom_messages WHERE room_id = ? AND sent_time < ? ORDER BY sent_time DESC LIMIT ?',
          )
        : this.db.prepare(
            'SELECT json FROM chatroom_messages WHERE room_id = ? AND sent_time > ? ORDER BY sent_time ASC LIMIT ?',
          )
    ).all(roomId, timestamp, count + 1) as Array<{ json: string }>;
    const hasMore = rows.length > count;
    const list = rows.slice(0, count).map((r) => JSON.parse(r.json) as WireMessage);
    if (order === 0) list.reverse();
    return { list, hasMore };
  }

  async prune(before: number): Promise<number> {
    return this.db.prepare('DELETE FROM chatroom_messages WHERE sent_time < ?').run(before).changes;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private withDetails(row: RoomRow): StoredRoom {
    const entries = (
      this.db
        .prepare(
          'SELECT key, value, user_id, is_auto_delete, timestamp FROM chatroom_entries WHERE room_id = ? ORDER BY timestamp, key',
        )
        .all(row.id) as Array<{
        key: string;
        value: string;
        user_id: string;
        is_auto_delete: number;
        timestamp: number;
      }>
    ).map((e) => ({
      key: e.key,
      value: e.value,
      userId: e.user_id,
      isAutoDelete: e.is_auto_delete === 1,
      timestamp: e.timestamp,
    }));
    const roles = this.db.prepare('SELECT user_id, role FROM chatroom_roles WHERE room_id = ?').all(row.id) as Array<{
      user_id: string;
      role: string;
    }>;
    const queue = (
      this.db
        .prepare('SELECT key, value, user_id, is_transient FROM chatroom_queue WHERE room_id = ? ORDER BY position')
        .all(row.id) as Array<{
        key: string;
        value: string;
        user_id: string;
        is_transient: number;
      }>
    ).map((e) => ({ key: e.key, value: e.value, userId: e.user_id, transient: e.is_transient === 1 }));
    return {
      ...definitionOf(row),
      announcement: row.announcement,
      broadcastUrl: row.broadcast_url,
      ext: row.ext,
      closed: row.is_closed === 1,
      admins: roles.filter((r) => r.role === 'admin').map((r) => r.user_id),
      permanent: roles.filter((r) => r.role === 'member').map((r) => r.user_id),
      entries,
      queue,
    };
  }
}

function definitionOf(row: RoomRow): RoomDefinition {
  return {
    id: row.id,
    name: row.name,
    sessionId: row.session_id,
    createdTime: row.created_time,
    destroyAt: row.destroy_at,
    creatorId: row.creator_id,
  };
}
