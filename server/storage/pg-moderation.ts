/** `ModerationStorage` on PostgreSQL (blacklists, mutes, sensitive words). */
import type {
  ModerationEntry,
  ModerationKey,
  ModerationKind,
  ModerationPut,
  ModerationStorage,
} from './moderation-storage.js';
import type { PgDb } from './pg-db.js';

const COLUMNS = 'scope, subject, value, expires_at AS "expiresAt", created_time AS "createdTime"';
const LIVE = '(expires_at = 0 OR expires_at > $NOW)';

function live(n: number): string {
  return LIVE.replace('$NOW', `$${n}`);
}

export class PgModeration implements ModerationStorage {
  constructor(private readonly db: PgDb) {}

  async put(kind: ModerationKind, scope: string, subjects: string[], entry: ModerationPut): Promise<boolean> {
    const unique = [...new Set(subjects)];
    return this.db.tx(async (client) => {
      // Puts to one scope (from any node) take turns, so a limit holds under concurrency.
      await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley:moderation:${kind}:${scope}`], client);
      if (entry.max !== undefined) {
        const rows = await this.db.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM moderation WHERE kind = $1 AND scope = $2 AND ${live(3)} AND NOT (subject = ANY($4))`,
          [kind, scope, entry.now, unique],
          client,
        );
        if (rows[0]!.n + unique.length > entry.max) return false;
      }
      await this.db.query(
        `INSERT INTO moderation (kind, scope, subject, value, expires_at, created_time)
          SELECT $1, $2, s, $4, $5, $6 FROM unnest($3::text[]) AS s
          ON CONFLICT (kind, scope, subject) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [kind, scope, unique, entry.value ?? null, entry.expiresAt ?? 0, entry.now],
        client,
      );
      return true;
    });
  }

  async remove(kind: ModerationKind, scope: string, subjects: string[]): Promise<number> {
    const rows = await this.db.query(
      'DELETE FROM moderation WHERE kind = $1 AND scope = $2 AND subject = ANY($3) RETURNING subject',
      [kind, scope, subjects],
    );
    return rows.length;
  }

  async clearScope(kinds: ModerationKind[], scope: string): Promise<void> {
    await this.db.query('DELETE FROM moderation WHERE kind = ANY($1) AND scope = $2', [kinds, scope]);
  }

  async list(kind: ModerationKind, scope: string | null, now: number): Promise<ModerationEntry[]> {
    if (scope === null) {
      return this.db.query<ModerationEntry>(
        `SELECT ${COLUMNS} FROM moderation WHERE kind = $1 AND ${live(2)} ORDER BY created_time, scope COLLATE "C", subject COLLATE "C"`,
        [kind, now],
      );
    }
    return this.db.query<ModerationEntry>(
      `SELECT ${COLUMNS} FROM moderation WHERE kind = $1 AND scope = $2 AND ${live(3)} ORDER BY created_time, subject COLLATE "C"`,
      [kind, scope, now],
    );
  }

  async match(keys: ModerationKey[], now: number): Promise<ModerationKey[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<ModerationKey>(
      `SELECT m.kind, m.scope, m.subject FROM moderation m
        JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kind, scope, subject)
          ON m.kind = k.kind AND m.scope = k.scope AND m.subject = k.subject
        WHERE ${live(4)}`,
      [keys.map((k) => k.kind), keys.map((k) => k.scope), keys.map((k) => k.subject), now],
    );
    return keys.filter((k) => rows.some((r) => r.kind === k.kind && r.scope === k.scope && r.subject === k.subject));
  }
}
