/**
 * Several processes (each its own pool, like several nodes) append to the same inboxes of one
 * PostgreSQL database at once: every inbox stays gap-free and unique, and a client message id
 * resent through every node is stored once, each node answering with the first message.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../../server/storage/pg-connect.js';
import { PG_STEPS } from '../../server/storage/pg-migrations.js';
import { ConversationType } from '../../src/protocol/enums.js';
import type { SendMessageReply, SyncReply } from '../../src/protocol/frames.js';
import { startTestServer, textMessage } from './helpers.js';
import { createTestDatabase } from './pg-harness.js';

const WORKER = fileURLToPath(new URL('./append-worker.ts', import.meta.url));
const NODES = 4;
const COUNT = 100;

function runWorker(url: string, index: number): Promise<{ resends: Record<string, string>; duplicates: number }> {
  const child = fork(WORKER, [url, String(index), String(COUNT)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += String(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (out += String(chunk)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`worker ${index} exited ${code}: ${out}`)),
    );
  });
}

describe('concurrent appends from several processes (PostgreSQL)', () => {
  it(
    'keeps every inbox gap-free and unique, and stores a resent client message id once',
    { timeout: 120_000 },
    async () => {
      const database = await createTestDatabase();
      try {
        // All nodes start on an empty database at once: the migration runs exactly once.
        const results = await Promise.all(Array.from({ length: NODES }, (_, i) => runWorker(database.url, i)));
        const { storage, pool, close } = await openPostgres(database.url);
        try {
          const inbox = async (userId: string) => {
            const page = await storage.readInbox(userId, 0, 100_000);
            return page.items;
          };
          const shared = await inbox('shared');
          const expected = NODES * COUNT * 2 + 20;
          assert.deepEqual(
            shared.map((i) => i.seq),
            Array.from({ length: expected }, (_, i) => i + 1),
            'shared inbox: 1..N, no gap, no repeat',
          );
          assert.equal(await storage.lastSeq('shared'), expected);
          for (const userId of ['x1', 'x2']) {
            assert.deepEqual(
              (await inbox(userId)).map((i) => i.seq),
              Array.from({ length: NODES * COUNT }, (_, i) => i + 1),
              `${userId}'s inbox`,
            );
          }
          const uids = shared.flatMap((i) => (i.type === 'message' ? [i.message.messageUId] : []));
          assert.equal(new Set(uids).size, uids.length, 'no message twice in one inbox');
          for (let i = 0; i < 20; i++) {
            const answers = new Set(results.map((r) => r.resends[`r-${i}`]));
            assert.equal(answers.size, 1, `every node answered r-${i} with the same (first) message`);
          }
          assert.equal(
            results.reduce((n, r) => n + r.duplicates, 0),
            (NODES - 1) * 20,
            'all but one store of each resend was a duplicate',
          );
          const stored = await pool.query(`SELECT COUNT(*)::int AS n FROM messages WHERE sender_user_id = 'resender'`);
          assert.equal(stored.rows[0].n, 20);
          const migrations = await pool.query(`SELECT COUNT(*)::int AS n FROM schema_migrations`);
          assert.equal(migrations.rows[0].n, PG_STEPS.length, 'each step applied once, whatever the number of nodes');
        } finally {
          await close();
        }
      } finally {
        await database.drop();
      }
    },
  );

  it('a resend to another node after a lost ack stores nothing and answers with the first message', async () => {
    const database = await createTestDatabase();
    const app = { appKey: 'two-nodes', appSecret: 'two-nodes-secret-0123456789' };
    const nodeA = await startTestServer({ ...app, databaseUrl: database.url, sendRatePerSecond: 0 });
    const nodeB = await startTestServer({ ...app, databaseUrl: database.url, sendRatePerSecond: 0 });
    try {
      const onA = await nodeA.connect('na');
      const first = await onA.request<SendMessageReply>(
        'sendMessage',
        textMessage(ConversationType.PRIVATE, 'nb', 'once', 'lost-ack-1'),
      );
      assert.equal(first.code, 0);
      // The ack was lost; the client reconnects to the other node and sends again with the same id.
      const onB = await nodeB.connect('na');
      const again = await onB.request<SendMessageReply>(
        'sendMessage',
        textMessage(ConversationType.PRIVATE, 'nb', 'once', 'lost-ack-1'),
      );
      assert.equal(again.code, 0);
      assert.equal(again.data!.message.messageUId, first.data!.message.messageUId);
      assert.equal(again.data!.message.sentTime, first.data!.message.sentTime);
      const receiver = await nodeB.connect('nb');
      const items = (await receiver.request<SyncReply>('sync', { since: 0 })).data!.items;
      assert.deepEqual(
        items.map((i) => i.seq),
        [1],
        'stored and delivered once',
      );
    } finally {
      await nodeA.close();
      await nodeB.close();
      await database.drop();
    }
  });
});
