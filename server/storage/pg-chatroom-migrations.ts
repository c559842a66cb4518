/**
 * Schema steps of the durable chatroom state on PostgreSQL (component `chatroom` of
 * `schema_migrations`, run by the shared `migratePostgres`). Databases made before this used a
 * table of their own, `chatroom_schema_steps` (step names); `migrateChatroomPostgres` records
 * those steps as versions once, under the component's lock, and drops that table. No data moves.
 */
import { versionFromNames, type MigrationStep } from './migrations.js';
import { migratePostgres, type PgPoolLike } from './pg-migrations.js';

export const CHATROOM_COMPONENT = 'chatroom';

/** The steps; names are the ones the old `chatroom_schema_steps` recorded. Never edit a released step. */
export const CHATROOM_PG_STEPS: readonly MigrationStep[] = [
  {
    version: 1,
    name: '001-rooms-kv-roles-queue',
    sql: `
CREATE TABLE chatroom_rooms (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, session_id TEXT NOT NULL, created_time BIGINT NOT NULL,
  destroy_at BIGINT NOT NULL, creator_id TEXT NOT NULL
);
CREATE TABLE chatroom_entries (
  room_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, user_id TEXT NOT NULL,
  is_auto_delete BOOLEAN NOT NULL, timestamp BIGINT NOT NULL, PRIMARY KEY (room_id, key)
);
CREATE TABLE chatroom_roles (room_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (room_id, user_id));
CREATE TABLE chatroom_queue (
  room_id TEXT NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (room_id, position)
);`,
  },
  {
    version: 2,
    name: '002-history-and-lists',
    sql: `
CREATE TABLE IF NOT EXISTS chatroom_messages (
  message_uid TEXT PRIMARY KEY, room_id TEXT NOT NULL, sent_time BIGINT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chatroom_messages_room_time ON chatroom_messages (room_id, sent_time);
CREATE TABLE IF NOT EXISTS chatroom_lists (
  kind TEXT NOT NULL, room_id TEXT NOT NULL, subject TEXT NOT NULL, expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL,
  PRIMARY KEY (kind, room_id, subject)
);`,
  },
  {
    // Queue entries get an owner ('' = the app) and may leave with it.
    version: 3,
    name: '003-queue-owner',
    sql: `
ALTER TABLE chatroom_queue ADD COLUMN IF NOT EXISTS user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_queue ADD COLUMN IF NOT EXISTS is_transient BOOLEAN NOT NULL DEFAULT false;`,
  },
  {
    // Room profiles (announcement, stream URL, ext, closed) and members' profiles in a room (seeds 003).
    version: 4,
    name: '004-room-and-member-profiles',
    sql: `
ALTER TABLE chatroom_rooms ADD COLUMN IF NOT EXISTS announcement TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_rooms ADD COLUMN IF NOT EXISTS broadcast_url TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_rooms ADD COLUMN IF NOT EXISTS ext TEXT NOT NULL DEFAULT '';
ALTER TABLE chatroom_rooms ADD COLUMN IF NOT EXISTS is_closed BOOLEAN NOT NULL DEFAULT false;
CREATE TABLE IF NOT EXISTS chatroom_member_infos (
  room_id TEXT NOT NULL, user_id TEXT NOT NULL, nick TEXT NOT NULL, avatar TEXT NOT NULL, ext TEXT NOT NULL,
  PRIMARY KEY (room_id, user_id)
);`,
  },
];

/** Brings the chatroom tables up to date (several nodes may call it at once). */
export async function migrateChatroomPostgres(pool: PgPoolLike): Promise<void> {
  // Target 0: only makes sure `schema_migrations` exists, so the legacy rows have somewhere to go.
  await migratePostgres(pool, CHATROOM_PG_STEPS, CHATROOM_COMPONENT, 0);
  await adoptLegacySteps(pool);
  await migratePostgres(pool, CHATROOM_PG_STEPS, CHATROOM_COMPONENT);
}

async function adoptLegacySteps(pool: PgPoolLike): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The same lock `migratePostgres` takes for this component: no node runs a step meanwhile.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley:migrate:${CHATROOM_COMPONENT}`]);
    const legacy = (await client.query(`SELECT to_regclass('chatroom_schema_steps') IS NOT NULL AS present`))
      .rows[0] as { present: boolean };
    if (legacy.present) {
      const names = new Set(
        (await client.query('SELECT name FROM chatroom_schema_steps')).rows.map((r: { name: string }) => r.name),
      );
      const version = versionFromNames(CHATROOM_PG_STEPS, names);
      for (const step of CHATROOM_PG_STEPS.filter((s) => s.version <= version)) {
        await client.query(
          'INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [CHATROOM_COMPONENT, step.version, step.name],
        );
      }
      await client.query('DROP TABLE chatroom_schema_steps');
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
