/** `AbuseStorage` on PostgreSQL (token revocations, media accounting). */
import type { AbuseStorage, TokenRevocation } from './abuse-storage.js';
import type { MediaRecord } from './messaging-storage.js';
import type { PgDb } from './pg-db.js';

const MEDIA_COLUMNS = 'id, user_id AS "userId", name, type, size, created_time AS "createdTime"';

export class PgAbuse implements AbuseStorage {
  constructor(private readonly db: PgDb) {}

  async revokeTokens(userId: string, before: number, now: number): Promise<void> {
    await this.db.query(
      `INSERT INTO token_revocations AS r (user_id, revoked_before, updated_time) VALUES ($1, $2, $3)
        ON CONFLICT (user_id) DO UPDATE SET revoked_before = GREATEST(r.revoked_before, excluded.revoked_before),
        updated_time = excluded.updated_time`,
      [userId, before, now],
    );
  }

  async revokedBefore(userId: string): Promise<number> {
    return (
      (
        await this.db.query<{ b: number }>('SELECT revoked_before AS b FROM token_revocations WHERE user_id = $1', [
          userId,
        ])
      )[0]?.b ?? 0
    );
  }

  async revocationsSince(since: number): Promise<TokenRevocation[]> {
    return this.db.query<TokenRevocation>(
      `SELECT user_id AS "userId", revoked_before AS before, updated_time AS "updatedTime" FROM token_revocations
        WHERE updated_time >= $1 ORDER BY updated_time`,
      [since],
    );
  }

  async userExists(userId: string): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 FROM users WHERE id = $1 UNION ALL (SELECT 1 FROM group_members WHERE user_id = $1 LIMIT 1) LIMIT 1',
      [userId],
    );
    return rows.length > 0;
  }

  async mediaUsage(userId: string): Promise<{ bytes: number; files: number }> {
    const rows = await this.db.query<{ bytes: number; files: number }>(
      'SELECT COALESCE(SUM(size), 0)::bigint AS bytes, COUNT(*)::int AS files FROM media WHERE user_id = $1',
      [userId],
    );
    return rows[0]!;
  }

  async listMedia(userId: string, limit: number, offset: number): Promise<MediaRecord[]> {
    return this.db.query<MediaRecord>(
      `SELECT ${MEDIA_COLUMNS} FROM media WHERE user_id = $1 ORDER BY created_time DESC, id DESC LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    );
  }

  async deleteMedia(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM media WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}
