/**
 * A node and its PostgreSQL: a database that cannot be reached at start stops the node with a
 * message naming the URL (never the password); one lost while running is logged, writes are
 * refused with code 33002 `storage unavailable` on the gateway and the Server API, and the node
 * recovers by itself when the database takes connections again. The machine's PostgreSQL keeps
 * running throughout: only the test's own database stops taking connections.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { SendMessageReply, SyncReply } from '../../src/protocol/frames.js';
import { startTestServer, tempDir, textMessage } from './helpers.js';
import { adminQuery, createTestDatabase } from './pg-harness.js';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('PostgreSQL outages', () => {
  it('exits at start with the URL (password hidden) when the database cannot be reached', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url);
    url.password = 'hunter2-secret';
    url.pathname = `/${database.name}_missing`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--port', '0', '--data', tempDir(), '--database-url', url.toString()],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += String(c)));
    child.stderr.on('data', (c: Buffer) => (out += String(c)));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    await database.drop();
    assert.equal(code, 1, out);
    assert.match(
      out,
      new RegExp(`cannot open PostgreSQL at postgres://postgres:\\*\\*\\*@[^ ]+/${database.name}_missing`),
    );
    assert.doesNotMatch(out, /hunter2-secret/);
    assert.doesNotMatch(out, /Parley server listening/);
  });

  it(
    'refuses writes while the database is gone, says so in the log, and recovers by itself',
    { timeout: 60_000 },
    async () => {
      const database = await createTestDatabase();
      const log: string[] = [];
      const t = await startTestServer({
        databaseUrl: database.url,
        sendRatePerSecond: 0,
        logger: (line) => log.push(line),
      });
      try {
        const a = await t.connect('oa');
        const send = (id: string) =>
          a.request<SendMessageReply>('sendMessage', textMessage(ConversationType.PRIVATE, 'ob', id, id));
        assert.equal((await send('before')).code, 0);

        await adminQuery(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
        await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}'`);
        const refused = await send('during');
        assert.equal(refused.code, ErrorCode.BIZ_ERROR_DATABASE_ERROR);
        assert.equal(refused.msg, 'storage unavailable');
        const api = await t.api.call('/message/private/publish.json', {
          fromUserId: 'oa',
          toUserId: 'ob',
          objectName: 'RC:TxtMsg',
          content: '{"content":"api"}',
        });
        assert.equal(api.code, ErrorCode.BIZ_ERROR_DATABASE_ERROR);
        assert.equal(api.errorMessage, 'storage unavailable');
        assert.ok(
          log.some((l) => l.includes(`PostgreSQL at ${database.url}`) && l.includes('unreachable')),
          log.join('\n'),
        );

        await adminQuery(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
        await until(() => log.some((l) => l.includes('reachable again')), 'the node to notice the database is back');
        assert.equal((await send('after')).code, 0, 'writes work again without a restart');
        const b = await t.connect('ob');
        const items = (await b.request<SyncReply>('sync', { since: 0 })).data!.items;
        assert.deepEqual(
          items.flatMap((i) => (i.type === 'message' ? [i.message.clientMessageId] : [])),
          ['before', 'after'],
        );
        assert.deepEqual(
          items.map((i) => i.seq),
          [1, 2],
          'the refused send left no gap',
        );
      } finally {
        await adminQuery(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`).catch(() => {});
        await t.close();
        await database.drop();
      }
    },
  );
});
