/**
 * Schema migrations on PostgreSQL: the numbered steps of the chat storage and the runner any
 * component uses. Applied versions are rows of `schema_migrations (component, version, name,
 * applied_at)`, so another component (e.g. durable chatroom state) keeps its own numbering: it
 * passes its own step list and component name to `migratePostgres`. Nodes starting at once
 * serialise on an advisory lock; each step commits with its row, so a crash leaves a whole step.
 */
import { pendingSteps, type MigrationStep } from './migrations.js';

/** What the runner needs of a `pg.Pool` or one of its clients (a real one satisfies it). */
export interface PgQueryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as pg types them, so each caller names its row shape
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(): void }>;
}

/** The component name of the chat storage's steps. */
export const STORAGE_COMPONENT = 'storage';

/** Step 1 mirrors SQLite's first schema, plus the per-user seq counter that makes appends safe across nodes. */
const BASE = `
CREATE TABLE users (
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', portrait_uri TEXT NOT NULL DEFAULT '', updated_time BIGINT NOT NULL
);
CREATE TABLE chat_groups (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', created_time BIGINT NOT NULL);
CREATE TABLE group_members (
  group_id TEXT NOT NULL, user_id TEXT NOT NULL, joined_time BIGINT NOT NULL, PRIMARY KEY (group_id, user_id)
);
CREATE TABLE messages (
  id BIGSERIAL PRIMARY KEY,
  message_uid TEXT NOT NULL UNIQUE,
  client_message_id TEXT NOT NULL,
  sender_user_id TEXT NOT NULL,
  conversation_type INTEGER NOT NULL,
  target_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  message_type TEXT NOT NULL,
  content TEXT NOT NULL,
  sent_time BIGINT NOT NULL,
  is_persisted INTEGER NOT NULL,
  is_counted INTEGER NOT NULL,
  disable_notification INTEGER NOT NULL,
  -- The idempotency key across every node: a resend stores nothing twice.
  UNIQUE (sender_user_id, client_message_id)
);
CREATE INDEX messages_channel_time ON messages (channel, sent_time, id);
CREATE INDEX messages_sent_time ON messages (sent_time);
-- One row per user: the last seq handed out. Incrementing it row-locks the user's inbox until
-- commit, so concurrent appends on any node get consecutive seqs that become visible in order.
CREATE TABLE inbox_heads (user_id TEXT PRIMARY KEY, last_seq BIGINT NOT NULL);
CREATE TABLE inbox (
  user_id TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL, message_id BIGINT,
  conversation_type INTEGER NOT NULL, target_id TEXT NOT NULL, timestamp BIGINT NOT NULL,
  PRIMARY KEY (user_id, seq)
);
CREATE INDEX inbox_conversation ON inbox (user_id, conversation_type, target_id, timestamp);
CREATE TABLE conversations (
  user_id TEXT NOT NULL, conversation_type INTEGER NOT NULL, target_id TEXT NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0, latest_message_id BIGINT, updated_time BIGINT NOT NULL DEFAULT 0,
  last_read_time BIGINT NOT NULL DEFAULT 0, is_top INTEGER NOT NULL DEFAULT 0,
  notification_level INTEGER NOT NULL DEFAULT 0, has_mentioned INTEGER NOT NULL DEFAULT 0,
  draft TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, conversation_type, target_id)
);
CREATE INDEX conversations_user_time ON conversations (user_id, updated_time);
`;

/** Step 2 mirrors SQLite's schema 2 (messaging features). */
const MESSAGING = `
ALTER TABLE inbox ADD COLUMN payload TEXT;
ALTER TABLE messages ADD COLUMN can_include_expansion INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN expansion TEXT;
ALTER TABLE messages ADD COLUMN directed TEXT;
ALTER TABLE conversations ADD COLUMN mentioned_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN cleared_time BIGINT NOT NULL DEFAULT 0;
CREATE TABLE hidden_messages (user_id TEXT NOT NULL, message_id BIGINT NOT NULL, PRIMARY KEY (user_id, message_id));
CREATE TABLE receipt_requests (message_id BIGINT PRIMARY KEY, requested_time BIGINT NOT NULL);
CREATE TABLE receipt_reads (
  message_id BIGINT NOT NULL, user_id TEXT NOT NULL, read_time BIGINT NOT NULL, PRIMARY KEY (message_id, user_id)
);
CREATE TABLE tags (
  user_id TEXT NOT NULL, tag_id TEXT NOT NULL, tag_name TEXT NOT NULL, created_time BIGINT NOT NULL,
  PRIMARY KEY (user_id, tag_id)
);
CREATE TABLE conversation_tags (
  user_id TEXT NOT NULL, tag_id TEXT NOT NULL, conversation_type INTEGER NOT NULL, target_id TEXT NOT NULL,
  is_top INTEGER NOT NULL DEFAULT 0, added_time BIGINT NOT NULL,
  PRIMARY KEY (user_id, tag_id, conversation_type, target_id)
);
CREATE TABLE media (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, size BIGINT NOT NULL,
  created_time BIGINT NOT NULL
);
`;

/** Step 3 mirrors SQLite's schema 3 (abuse resistance). */
const ABUSE = `
CREATE TABLE token_revocations (user_id TEXT PRIMARY KEY, revoked_before BIGINT NOT NULL, updated_time BIGINT NOT NULL);
CREATE INDEX token_revocations_updated ON token_revocations (updated_time);
CREATE INDEX media_user ON media (user_id, created_time);
CREATE INDEX group_members_user ON group_members (user_id);
ALTER TABLE chat_groups ADD COLUMN history_before_join INTEGER;
`;

/** Step 4 mirrors SQLite's schema 4 (moderation). */
const MODERATION = `
CREATE TABLE moderation (
  kind TEXT NOT NULL, scope TEXT NOT NULL, subject TEXT NOT NULL, value TEXT,
  expires_at BIGINT NOT NULL DEFAULT 0, created_time BIGINT NOT NULL,
  PRIMARY KEY (kind, scope, subject)
);
`;

/** Step 5 (push): Web Push subscriptions, one endpoint per row, listed per user. */
const PUSH = `
CREATE TABLE web_push_subscriptions (
  endpoint TEXT PRIMARY KEY, user_id TEXT NOT NULL, p256dh TEXT NOT NULL, auth TEXT NOT NULL, created_time BIGINT NOT NULL
);
CREATE INDEX web_push_subscriptions_user ON web_push_subscriptions (user_id, created_time);
`;

/** The steps of the chat storage on PostgreSQL (component `storage`). */
export const PG_STEPS: readonly MigrationStep[] = [
  { version: 1, name: 'users, groups, messages, inbox, conversations', sql: BASE },
  { version: 2, name: 'messaging: recall, deletes, receipts, expansion, tags, media', sql: MESSAGING },
  { version: 3, name: 'abuse: token revocations, media per user', sql: ABUSE },
  { version: 4, name: 'moderation: blacklists, mutes, sensitive words', sql: MODERATION },
  { version: 5, name: 'push: web push subscriptions', sql: PUSH },
];

/** The newest applied version of a component (0 when none). */
export async function pgSchemaVersion(db: PgQueryable, component = STORAGE_COMPONENT): Promise<number> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (component, version))`);
  const { rows } = await db.query(
    'SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations WHERE component = $1',
    [component],
  );
  return (rows[0] as { v: number }).v;
}

/**
 * Brings one component's tables up to `target` (default: its newest step). Safe to call from many
 * nodes at once: each step runs under an advisory lock, and re-reads the version once it holds it.
 */
export async function migratePostgres(
  pool: PgPoolLike,
  steps: readonly MigrationStep[] = PG_STEPS,
  component = STORAGE_COMPONENT,
  target?: number,
): Promise<void> {
  // Concurrent CREATE TABLE IF NOT EXISTS can still collide on the catalog: serialise it too.
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['parley:schema_migrations']);
    await pgSchemaVersion(client, component);
    await client.query('COMMIT');
    for (;;) {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley:migrate:${component}`]);
      const step = pendingSteps(steps, await pgSchemaVersion(client, component), target)[0];
      if (!step) {
        await client.query('COMMIT');
        return;
      }
      try {
        await client.query(step.sql);
        await client.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
          component,
          step.version,
          step.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${component} ${step.version} (${step.name}) failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
