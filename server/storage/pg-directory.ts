/** `DirectoryStorage` on PostgreSQL (component `directory` of `schema_migrations`), over the server's pool. */
import type { SubscribeType } from '../../src/protocol/presence.js';
import { DIRECTORY_STEPS, type DirectoryStorage, type StoredProfile, type Subscription } from './directory.js';
import { migratePostgres, type PgPoolLike, type PgQueryable } from './pg-migrations.js';

const num = (v: unknown) => Number(v);

async function inTransaction<T>(pool: PgPoolLike, lockKey: string, run: (db: PgQueryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One writer per key: two subscribes of one subscriber (or to one target) never both pass the limit.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export class PgDirectory implements DirectoryStorage {
  private constructor(private readonly pool: PgPoolLike) {}

  static async open(pool: PgPoolLike): Promise<PgDirectory> {
    await migratePostgres(pool, DIRECTORY_STEPS, 'directory');
    return new PgDirectory(pool);
  }

  async subscribe(
    ...[subscriber, targets, type, expiresAt, now, max]: Parameters<DirectoryStorage['subscribe']>
  ): ReturnType<DirectoryStorage['subscribe']> {
    // The subscriber limit is exact (one lock per subscriber); the per-target one may overshoot by
    // the subscribes racing it on other subscribers, which the seeds' wording allows.
    return inTransaction(this.pool, `parley:subscribe:${subscriber}`, async (db) => {
      const live = new Set(
        (
          await db.query(
            'SELECT target FROM user_subscriptions WHERE subscriber = $1 AND type = $2 AND expires_at > $3',
            [subscriber, type, now],
          )
        ).rows.map((r: { target: string }) => r.target),
      );
      const fresh = targets.filter((t) => !live.has(t));
      if (live.size + fresh.length > max.maxSubscriptions) return { ok: false, reason: 'subscriptions' } as const;
      const full: string[] = [];
      for (const t of fresh) {
        const n = num(
          (
            await db.query(
              'SELECT COUNT(*) AS n FROM user_subscriptions WHERE target = $1 AND type = $2 AND expires_at > $3',
              [t, type, now],
            )
          ).rows[0].n,
        );
        if (n >= max.maxSubscribers) full.push(t);
      }
      if (full.length > 0) return { ok: false, reason: 'subscribers', full } as const;
      for (const target of targets) {
        await db.query(
          `INSERT INTO user_subscriptions (subscriber, target, type, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (subscriber, type, target) DO UPDATE SET expires_at = excluded.expires_at,
           created_at = CASE WHEN user_subscriptions.expires_at > $5 THEN user_subscriptions.created_at ELSE excluded.created_at END`,
          [subscriber, target, type, expiresAt, now],
        );
      }
      return { ok: true } as const;
    });
  }

  async unsubscribe(subscriber: string, targets: string[], type: SubscribeType): Promise<void> {
    await this.pool.query(
      'DELETE FROM user_subscriptions WHERE subscriber = $1 AND type = $2 AND target = ANY($3::text[])',
      [subscriber, type, targets],
    );
  }

  async subscriptionsOf(
    subscriber: string,
    type: SubscribeType,
    now: number,
    targets?: string[],
  ): Promise<Subscription[]> {
    const rows = (
      await this.pool.query(
        'SELECT target, expires_at, created_at FROM user_subscriptions WHERE subscriber = $1 AND type = $2 AND expires_at > $3 ORDER BY created_at, target',
        [subscriber, type, now],
      )
    ).rows.map((r: { target: string; expires_at: unknown; created_at: unknown }) => ({
      userId: r.target,
      expiresAt: num(r.expires_at),
      createdAt: num(r.created_at),
    }));
    if (!targets) return rows;
    const wanted = new Set(targets);
    return rows.filter((r: Subscription) => wanted.has(r.userId));
  }

  async subscribersOf(target: string, type: SubscribeType, now: number): Promise<string[]> {
    const rows = (
      await this.pool.query(
        'SELECT subscriber FROM user_subscriptions WHERE target = $1 AND type = $2 AND expires_at > $3',
        [target, type, now],
      )
    ).rows;
    return rows.map((r: { subscriber: string }) => r.subscriber);
  }

  async profiles(userIds: string[]): Promise<StoredProfile[]> {
    const rows = (
      await this.pool.query('SELECT user_id, fields, updated_time FROM user_profiles WHERE user_id = ANY($1::text[])', [
        userIds,
      ])
    ).rows;
    const byId = new Map(rows.map((r: { user_id: string; fields: string; updated_time: unknown }) => [r.user_id, r]));
    return userIds.flatMap((userId) => {
      const row = byId.get(userId) as { fields: string; updated_time: unknown } | undefined;
      return row
        ? [{ userId, fields: JSON.parse(row.fields) as Record<string, unknown>, updatedTime: num(row.updated_time) }]
        : [];
    });
  }

  async updateProfile(userId: string, fields: Record<string, unknown>, now: number): Promise<StoredProfile> {
    return inTransaction(this.pool, `parley:profile:${userId}`, async (db) => {
      const row = (await db.query('SELECT fields FROM user_profiles WHERE user_id = $1', [userId])).rows[0] as
        { fields: string } | undefined;
      const merged = { ...(row ? (JSON.parse(row.fields) as Record<string, unknown>) : {}), ...fields };
      await db.query(
        `INSERT INTO user_profiles (user_id, fields, updated_time) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET fields = excluded.fields, updated_time = excluded.updated_time`,
        [userId, JSON.stringify(merged), now],
      );
      return { userId, fields: merged, updatedTime: now };
    });
  }

  async close(): Promise<void> {
    // The pool belongs to the server's storage, which closes it.
  }
}
