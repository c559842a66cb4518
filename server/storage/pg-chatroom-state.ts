/**
 * `ChatroomState` on PostgreSQL, over a `pg` (node-postgres) Pool shared with the rest of the
 * server. Its tables come from the shared migration runner (`pg-chatroom-migrations.ts`).
 */
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
import { migrateChatroomPostgres } from './pg-chatroom-migrations.js';
import type { PgPoolLike, PgQueryable } from './pg-migrations.js';

export type { PgPoolLike, PgQueryable } from './pg-migrations.js';

interface RoomRow {
  id: string;
  name: string;
  session_id: string;
  created_time: string;
  destroy_at: string;
  creator_id: string;
  announcement: string;
  broadcast_url: string;
  ext: string;
  is_closed: boolean;
}

export class PgChatroomState implements ChatroomState {
  private constructor(private readonly pool: PgPoolLike) {}

  /** Applies the missing schema steps (`pg-chatroom-migrations.ts`), then serves. */
  static async open(pool: PgPoolLike): Promise<PgChatroomState> {
    await migrateChatroomPostgres(pool);
    return new PgChatroomState(pool);
  }

  async allRooms(): Promise<StoredRoom[]> {
    const rooms = (await this.pool.query('SELECT * FROM chatroom_rooms ORDER BY created_time')).rows as RoomRow[];
    return Promise.all(rooms.map((row) => this.withDetails(row)));
  }

  async room(roomId: string): Promise<StoredRoom | null> {
    const row = (await this.pool.query('SELECT * FROM chatroom_rooms WHERE id = $1', [roomId])).rows[0] as
      RoomRow | undefined;
    return row ? this.withDetails(row) : null;
  }

  async createRoom(d: RoomDefinition): Promise<RoomDefinition> {
    await this.pool.query(
      `INSERT INTO chatroom_rooms (id, name, session_id, created_time, destroy_at, creator_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [d.id, d.name, d.sessionId, d.createdTime, d.destroyAt, d.creatorId],
    );
    const row = (await this.pool.query('SELECT * FROM chatroom_rooms WHERE id = $1', [d.id])).rows[0] as RoomRow;
    return definitionOf(row);
  }

  async updateRoom(roomId: string, change: Pick<RoomDefinition, 'creatorId' | 'destroyAt'>): Promise<void> {
    await this.pool.query('UPDATE chatroom_rooms SET creator_id = $1, destroy_at = $2 WHERE id = $3', [
      change.creatorId,
      change.destroyAt,
      roomId,
    ]);
  }

  async deleteRoom(roomId: string): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      await db.query('DELETE FROM chatroom_rooms WHERE id = $1', [roomId]);
      for (const table of ['chatroom_entries', 'chatroom_roles', 'chatroom_queue', 'chatroom_member_infos'])
        await db.query(`DELETE FROM ${table} WHERE room_id = $1`, [roomId]);
    });
  }

  async setRoomProfile(roomId: string, p: RoomProfile): Promise<void> {
    await this.pool.query(
      'UPDATE chatroom_rooms SET name = $1, announcement = $2, broadcast_url = $3, ext = $4, is_closed = $5 WHERE id = $6',
      [p.name, p.announcement, p.broadcastUrl, p.ext, p.closed, roomId],
    );
  }

  async putMemberInfo(roomId: string, userId: string, info: ChatroomMemberInfo | null): Promise<void> {
    if (!info) {
      await this.pool.query('DELETE FROM chatroom_member_infos WHERE room_id = $1 AND user_id = $2', [roomId, userId]);
      return;
    }
    await this.pool.query(
      `INSERT INTO chatroom_member_infos (room_id, user_id, nick, avatar, ext) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (room_id, user_id) DO UPDATE SET nick = excluded.nick, avatar = excluded.avatar, ext = excluded.ext`,
      [roomId, userId, info.nick, info.avatar, info.ext],
    );
  }

  async memberInfos(roomId: string, userIds: string[]): Promise<Map<string, ChatroomMemberInfo>> {
    const out = new Map<string, ChatroomMemberInfo>();
    if (userIds.length === 0) return out;
    const rows = (
      await this.pool.query(
        'SELECT user_id, nick, avatar, ext FROM chatroom_member_infos WHERE room_id = $1 AND user_id = ANY($2::text[])',
        [roomId, userIds],
      )
    ).rows as Array<ChatroomMemberInfo & { user_id: string }>;
    for (const row of rows) out.set(row.user_id, { nick: row.nick, avatar: row.avatar, ext: row.ext });
    return out;
  }

  async putEntries(roomId: string, entries: WireChatroomEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.pool.query(
      `INSERT INTO chatroom_entries (room_id, key, value, user_id, is_auto_delete, timestamp)
       SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[], $6::bigint[])
       ON CONFLICT (room_id, key) DO UPDATE SET value = excluded.value, user_id = excluded.user_id,
         is_auto_delete = excluded.is_auto_delete, timestamp = excluded.timestamp`,
      [
        roomId,
        entries.map((e) => e.key),
        entries.map((e) => e.value),
        entries.map((e) => e.userId),
        entries.map((e) => e.isAutoDelete),
        entries.map((e) => e.timestamp),
      ],
    );
  }

  async deleteEntries(roomId: string, keys: string[]): Promise<void> {
    await this.pool.query('DELETE FROM chatroom_entries WHERE room_id = $1 AND key = ANY($2::text[])', [roomId, keys]);
  }

  async setRoles(roomId: string, admins: string[], permanent: string[]): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      await db.query('DELETE FROM chatroom_roles WHERE room_id = $1', [roomId]);
      const users = [...admins, ...permanent];
      const roles = [...admins.map(() => 'admin'), ...permanent.map(() => 'member')];
      if (users.length > 0) {
        await db.query(
          `INSERT INTO chatroom_roles (room_id, user_id, role) SELECT $1::text, * FROM unnest($2::text[], $3::text[])
           ON CONFLICT (room_id, user_id) DO UPDATE SET role = excluded.role`,
          [roomId, users, roles],
        );
      }
    });
  }

  async setQueue(roomId: string, queue: StoredQueueEntry[]): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      await db.query('DELETE FROM chatroom_queue WHERE room_id = $1', [roomId]);
      if (queue.length > 0) {
        await db.query(
          `INSERT INTO chatroom_queue (room_id, position, key, value, user_id, is_transient)
           SELECT $1::text, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::boolean[])`,
          [
            roomId,
            queue.map((_, i) => i),
            queue.map((e) => e.key),
            queue.map((e) => e.value),
            queue.map((e) => e.userId),
            queue.map((e) => e.transient),
          ],
        );
      }
    });
  }

  async allLists(): Promise<ListRow[]> {
    const rows = (await this.pool.query('SELECT kind, room_id, subject, expires_at, created_at FROM chatroom_lists'))
      .rows;
    return rows.map((r) => ({
      kind: r.kind,
      roomId: r.room_id,
      subject: r.subject,
      expiresAt: Number(r.expires_at),
      createdAt: Number(r.created_at),
    }));
  }

  async putList(row: ListRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO chatroom_lists (kind, room_id, subject, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, room_id, subject) DO UPDATE SET expires_at = excluded.expires_at, created_at = excluded.created_at`,
      [row.kind, row.roomId, row.subject, row.expiresAt, row.createdAt],
    );
  }

  async deleteList(kind: string, roomId: string, subject: string): Promise<void> {
    await this.pool.query('DELETE FROM chatroom_lists WHERE kind = $1 AND room_id = $2 AND subject = $3', [
      kind,
      roomId,
      subject,
    ]);
  }

  async saveMessage(message: WireMessage): Promise<void> {
    await this.pool.query(
      'INSERT INTO chatroom_messages (message_uid, room_id, sent_time, json) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [message.messageUId, message.targetId, message.sentTime, JSON.stringify(message)],
    );
  }

  async replaceMessage(messageUId: string, message: WireMessage): Promise<void> {
    await this.pool.query('UPDATE chatroom_messages SET json = $1 WHERE message_uid = $2', [
      JSON.stringify(message),
      messageUId,
    ]);
  }

  async getMessage(messageUId: string): Promise<WireMessage | null> {
    const row = (await this.pool.query('SELECT json FROM chatroom_messages WHERE message_uid = $1', [messageUId]))
      .rows[0] as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as WireMessage) : null;
  }

  async history(roomId: string, timestamp: number, count: number, order: 0 | 1): Promise<ChatroomHistoryReply> {
    const sql =
      order === 0
        ? 'SELECT json FROM chatroom_messages WHERE room_id = $1 AND sent_time < $2 ORDER BY sent_time DESC LIMIT $3'
        : 'SELECT json FROM chatroom_messages WHERE room_id = $1 AND sent_time > $2 ORDER BY sent_time ASC LIMIT $3';
    const rows = (await this.pool.query(sql, [roomId, timestamp, count + 1])).rows as Array<{ json: string }>;
    const list = rows.slice(0, count).map((r) => JSON.parse(r.json) as WireMessage);
    if (order === 0) list.reverse();
    return { list, hasMore: rows.length > count };
  }

  async prune(before: number): Promise<number> {
    const result = (await this.pool.query('DELETE FROM chatroom_messages WHERE sent_time < $1', [before])) as {
      rowCount?: number | null;
    };
    return result.rowCount ?? 0;
  }

  /** The pool belongs to the caller (shared with the rest of the server). */
  async close(): Promise<void> {}

  private async withDetails(row: RoomRow): Promise<StoredRoom> {
    const [entries, roles, queue] = await Promise.all([
      this.pool.query(
        'SELECT key, value, user_id, is_auto_delete, timestamp FROM chatroom_entries WHERE room_id = $1 ORDER BY timestamp, key',
        [row.id],
      ),
      this.pool.query('SELECT user_id, role FROM chatroom_roles WHERE room_id = $1', [row.id]),
      this.pool.query(
        'SELECT key, value, user_id, is_transient FROM chatroom_queue WHERE room_id = $1 ORDER BY position',
        [row.id],
      ),
    ]);
    return {
      ...definitionOf(row),
      announcement: row.announcement ?? '',
      broadcastUrl: row.broadcast_url ?? '',
      ext: row.ext ?? '',
      closed: row.is_closed === true,
      admins: roles.rows.filter((r) => r.role === 'admin').map((r) => r.user_id as string),
      permanent: roles.rows.filter((r) => r.role === 'member').map((r) => r.user_id as string),
      entries: entries.rows.map((e) => ({
        key: e.key,
        value: e.value,
        userId: e.user_id,
        isAutoDelete: e.is_auto_delete,
        timestamp: Number(e.timestamp),
      })),
      queue: queue.rows.map((e) => ({
        key: e.key as string,
        value: e.value as string,
        userId: e.user_id as string,
        transient: e.is_transient as boolean,
      })),
    };
  }
}

async function inTransaction(pool: PgPoolLike, work: (db: PgQueryable) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function definitionOf(row: RoomRow): RoomDefinition {
  return {
    id: row.id,
    name: row.name,
    sessionId: row.session_id,
    createdTime: Number(row.created_time),
    destroyAt: Number(row.destroy_at),
    creatorId: row.creator_id,
  };
}
