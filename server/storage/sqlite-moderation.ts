/** `ModerationStorage` on SQLite (blacklists, mutes, sensitive words). */
import type Database from 'better-sqlite3';
import type {
  ModerationEntry,
  ModerationKey,
  ModerationKind,
  ModerationPut,
  ModerationStorage,
} from './moderation-storage.js';

const COLUMNS = 'scope, subject, value, expires_at AS expiresAt, created_time AS createdTime';
const LIVE = '(expires_at = 0 OR expires_at > ?)';

export class SqliteModeration implements ModerationStorage {
  /** Index n: the statement of `match` for n keys. */
  private readonly matchStatements: Database.Statement[] = [];
  private readonly putAll: Database.Transaction<
    (kind: ModerationKind, scope: string, subjects: string[], entry: ModerationPut) => boolean
  >;

  constructor(private readonly db: Database.Database) {
    this.putAll = db.transaction((kind: ModerationKind, scope: string, subjects: string[], entry: ModerationPut) => {
      if (entry.max !== undefined) {
        const others = this.countOthers(kind, scope, subjects, entry.now);
        if (others + subjects.length > entry.max) return false;
      }
      const upsert = this.db
        .prepare(`INSERT INTO moderation (kind, scope, subject, value, expires_at, created_time) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (kind, scope, subject) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`);
      for (const subject of subjects)
        upsert.run(kind, scope, subject, entry.value ?? null, entry.expiresAt ?? 0, entry.now);
      return true;
    });
  }

  async put(kind: ModerationKind, scope: string, subjects: string[], entry: ModerationPut): Promise<boolean> {
    return this.putAll.immediate(kind, scope, [...new Set(subjects)], entry);
  }

  async remove(kind: ModerationKind, scope: string, subjects: string[]): Promise<number> {
    const remove = this.db.prepare('DELETE FROM moderation WHERE kind = ? AND scope = ? AND subject = ?');
    return this.db.transaction(() =>
      subjects.reduce((n, subject) => n + remove.run(kind, scope, subject).changes, 0),
    )();
  }

  async clearScope(kinds: ModerationKind[], scope: string): Promise<void> {
    const clear = this.db.prepare('DELETE FROM moderation WHERE kind = ? AND scope = ?');
    this.db.transaction(() => kinds.forEach((kind) => clear.run(kind, scope)))();
  }

  async list(kind: ModerationKind, scope: string | null, now: number): Promise<ModerationEntry[]> {
    if (scope === null) {
      return this.db
        .prepare(`SELECT ${COLUMNS} FROM moderation WHERE kind = ? AND ${LIVE} ORDER BY created_time, scope, subject`)
        .all(kind, now) as ModerationEntry[];
    }
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM moderation WHERE kind = ? AND scope = ? AND ${LIVE} ORDER BY created_time, subject`,
      )
      .all(kind, scope, now) as ModerationEntry[];
  }

  async match(keys: ModerationKey[], now: number): Promise<ModerationKey[]> {
    return this.matchNow(keys, now);
  }

  /** `match`, synchronously: inside a transaction it costs a third of a read of its own. */
  matchNow(keys: ModerationKey[], now: number): ModerationKey[] {
    if (keys.length === 0) return [];
    // One statement for all the keys (a send checks two to four): each statement outside a
    // transaction opens a read transaction of its own, which costs more than the lookup.
    const params: Array<string | number> = [];
    for (const k of keys) params.push(k.kind, k.scope, k.subject, now);
    const hits = this.matchStatement(keys.length).all(params) as number[];
    return keys.filter((_, i) => hits.includes(i));
  }

  /** The statement matching `keys` keys, answering the indexes of the keys found. */
  private matchStatement(keys: number): Database.Statement {
    return (this.matchStatements[keys] ??= this.db.prepare(matchSql(keys)).pluck());
  }

  /** Live entries of the scope other than `subjects` (those are replaced, not added). */
  private countOthers(kind: ModerationKind, scope: string, subjects: string[], now: number): number {
    const live = this.db
      .prepare(`SELECT subject FROM moderation WHERE kind = ? AND scope = ? AND ${LIVE}`)
      .all(kind, scope, now) as Array<{ subject: string }>;
    const replaced = new Set(subjects);
    return live.filter((r) => !replaced.has(r.subject)).length;
  }
}

/** One lookup per key, answering the key's index when it matches a live entry. */
function matchSql(keys: number): string {
  return Array.from(
    { length: keys },
    (_, i) => `SELECT ${i} FROM moderation WHERE kind = ? AND scope = ? AND subject = ? AND ${LIVE}`,
  ).join(' UNION ALL ');
}
