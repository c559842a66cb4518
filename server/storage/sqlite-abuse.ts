/** `AbuseStorage` on SQLite (token revocations, media accounting). */
import type Database from 'better-sqlite3';
import type { AbuseStorage, TokenRevocation } from './abuse-storage.js';
import type { MediaRecord } from './messaging-storage.js';

const MEDIA_COLUMNS = 'id, user_id AS userId, name, type, size, created_time AS createdTime';

export class SqliteAbuse implements AbuseStorage {
  constructor(private readonly db: Database.Database) {}

  async revokeTokens(userId: string, before: number, now: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO token_revocations (user_id, revoked_before, updated_time) VALUES (?, ?, ?)
        ON CONFLICT (user_id) DO UPDATE SET revoked_before = MAX(revoked_before, excluded.revoked_before),
        updated_time = excluded.updated_time`,
      )
      .run(userId, before, now);
  }

  async revokedBefore(userId: string): Promise<number> {
    const row = this.db.prepare('SELECT revoked_before AS b FROM token_revocations WHERE user_id = ?').get(userId) as
      { b: number } | undefined;
    return row?.b ?? 0;
  }

  async revocationsSince(since: number): Promise<TokenRevocation[]> {
    return this.db
      .prepare(
        `SELECT user_id AS userId, revoked_before AS before, updated_time AS updatedTime FROM token_revocations
        WHERE updated_time >= ? ORDER BY updated_time`,
      )
      .all(since) as TokenRevocation[];
  }

  async userExists(userId: string): Promise<boolean> {
    return (
      this.db.prepare('SELECT 1 FROM users WHERE id = ?').get(userId) !== undefined ||
      this.db.prepare('SELECT 1 FROM group_members WHERE user_id = ? LIMIT 1').get(userId) !== undefined
    );
  }

  async mediaUsage(userId: string): Promise<{ bytes: number; files: number }> {
    return this.db
      .prepare('SELECT COALESCE(SUM(size), 0) AS bytes, COUNT(*) AS files FROM media WHERE user_id = ?')
      .get(userId) as {
      bytes: number;
      files: number;
    };
  }

  async listMedia(userId: string, limit: number, offset: number): Promise<MediaRecord[]> {
    return this.db
      .prepare(
        `SELECT ${MEDIA_COLUMNS} FROM media WHERE user_id = ? ORDER BY created_time DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(userId, limit, offset) as MediaRecord[];
  }

  async deleteMedia(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM media WHERE id = ?').run(id).changes > 0;
  }
}
