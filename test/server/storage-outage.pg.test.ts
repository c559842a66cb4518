/**
 * A node and its PostgreSQL: a database that cannot be reached at start stops the node with a
 * message naming the URL (never the password); one lost while running is logged, writes are
 * refused with code 33002 `storage unavailable` on the gateway and the Server API, and the node
 * recovers by itself when the database takes connections again. A pooled connection whose peer
 * stops answering (no reset) fails its statement after the bound instead of hanging. The machine's PostgreSQL keeps
 * running throughout: only the test's own database stops taking connections.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TcpProxy } from '../../bench/lib/tcp-proxy.js';
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

/** What `userId`'s inbox holds after the outage: only the sends that were acknowledged, with no gap in the seqs. */
async function assertOnlyAcknowledged(t: Awaited<ReturnType<typeof startTestServer>>, userId: string): Promise<void> {
  const reader = await t.connect(userId);
  const items = (await reader.request<SyncReply>('sync', { since: 0 })).data!.items;
  assert.deepEqual(
    items.flatMap((i) => (i.type === 'message' ? [i.message.clientMessageId] : [])),
    ['before', 'after'],
  );
  assert.deepEqual(
    items.map((i) => i.seq),
    [1, 2],
    'the refused sends left no gap',
  );
}

/** A test server on a database of its own, reached through a TCP proxy the test can break. */
async function serverBehindProxy(options: Parameters<typeof startTestServer>[0] = {}) {
  const database = await createTestDatabase();
  const proxy = await TcpProxy.start(Number(new URL(database.url).port || 5432));
  const viaProxy = new URL(database.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const log: string[] = [];
  const t = await startTestServer({
    databaseUrl: viaProxy.toString(),
    sendRatePerSecond: 0,
    logger: (line) => log.push(line),
    ...options,
  });
  const close = async () => {
    await t.close();
    await proxy.close();
    await database.drop();
  };
  return { t, proxy, viaProxy, log, close };
}

/** The promise's value, or null when it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
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
        await assertOnlyAcknowledged(t, 'ob');
      } finally {
        await adminQuery(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`).catch(() => {});
        await t.close();
        await database.drop();
      }
    },
  );

  it(
    'refuses writes at once while the database is blackholed (not after a connect timeout each), then recovers',
    { timeout: 90_000 },
    async () => {
      const { t, proxy, viaProxy, log, close } = await serverBehindProxy();
      try {
        const a = await t.connect('ba');
        const send = (id: string) =>
          a.request<SendMessageReply>('sendMessage', textMessage(ConversationType.PRIVATE, 'bb', id, id));
        assert.equal((await send('before')).code, 0);
        assert.equal((await a.request('joinChatRoom', { chatRoomId: 'bh-room-0', count: -1 })).code, 0);

        proxy.blackhole();
        // The first write finds out (it waits for the pool's connect timeout); /health then says 503.
        assert.equal((await send('finds-out')).code, ErrorCode.BIZ_ERROR_DATABASE_ERROR);
        assert.equal((await fetch(`${t.server.url}/health`)).status, 503);
        assert.equal((await fetch(`${t.server.url}/health`, { method: 'HEAD' })).status, 503, 'HEAD too');

        // The yardstick: one connect through the blackhole, with the pool's own timeout. Every
        // refusal below must come back before it gives up, i.e. none of them waited for a connection.
        const yardstick = new pg.Client({ connectionString: viaProxy.toString(), connectionTimeoutMillis: 5000 });
        let yardstickDone = false;
        const yardstickTry = yardstick.connect().then(
          () => (yardstickDone = true),
          () => (yardstickDone = true),
        );
        const codes: Array<[string, number]> = [];
        for (let i = 1; i <= 3; i++) {
          codes.push([`private send ${i}`, (await send(`during-${i}`)).code]);
          codes.push([
            `chatroom join ${i}`,
            (await a.request('joinChatRoom', { chatRoomId: `bh-room-${i}`, count: -1 })).code,
          ]);
          const kv = await t.api.call('/chatroom/entry/set.json', {
            chatroomId: 'bh-room-0',
            userId: 'ba',
            key: `k${i}`,
            value: 'v',
          });
          codes.push([`Server API KV set ${i}`, kv.code as number]);
          const publish = await t.api.call('/message/private/publish.json', {
            fromUserId: 'ba',
            toUserId: 'bb',
            objectName: 'RC:TxtMsg',
            content: '{"content":"api"}',
          });
          codes.push([`Server API private publish ${i}`, publish.code as number]);
        }
        const refusedBeforeYardstick = !yardstickDone;
        await yardstickTry;
        await yardstick.end().catch(() => {});
        assert.deepEqual(
          codes.filter(([, code]) => code !== ErrorCode.BIZ_ERROR_DATABASE_ERROR),
          [],
          'every write refused with 33002',
        );
        assert.ok(refusedBeforeYardstick, 'the refusals did not wait for a connection to the blackholed database');

        proxy.restore();
        await until(
          () => log.some((l) => l.includes('reachable again')),
          'the node to notice the database is back',
          30_000,
        );
        assert.equal((await send('after')).code, 0, 'writes work again without a restart');
        assert.equal((await fetch(`${t.server.url}/health`)).status, 200);
        const b = await t.connect('bb');
        const items = (await b.request<SyncReply>('sync', { since: 0 })).data!.items;
        assert.deepEqual(
          items.flatMap((i) => (i.type === 'message' ? [i.message.clientMessageId] : [])),
          ['before', 'after'],
        );
      } finally {
        await close();
      }
    },
  );

  it(
    'fails a send whose pooled connection stopped answering (peer gone, no reset) with 33002, then recovers',
    { timeout: 90_000 },
    async () => {
      const { t, proxy, log, close } = await serverBehindProxy({ databaseQueryTimeoutMs: 2000 });
      try {
        const a = await t.connect('sa');
        const send = (id: string) =>
          a.request<SendMessageReply>('sendMessage', textMessage(ConversationType.PRIVATE, 'sb', id, id));
        assert.equal((await send('before')).code, 0);
        assert.ok(proxy.size > 0, 'the pool holds open connections through the proxy');

        // The pooled connections stay open but nothing answers: without a bound the send waits forever.
        proxy.stall();
        const started = Date.now();
        const stalled = await within(send('stalled'), 20_000);
        assert.ok(stalled, 'the send came back instead of hanging');
        assert.equal(stalled.code, ErrorCode.BIZ_ERROR_DATABASE_ERROR);
        assert.equal(stalled.msg, 'storage unavailable');
        assert.ok(Date.now() - started < 10_000, `answered within the statement bound (${Date.now() - started} ms)`);
        assert.ok(
          log.some((l) => l.includes('unreachable') && l.includes('Query read timeout')),
          log.join('\n'),
        );
        assert.equal((await send('while-stalled')).code, ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'refused at once');

        proxy.restore();
        await until(
          () => log.some((l) => l.includes('reachable again')),
          'the node to notice the database is back',
          30_000,
        );
        assert.equal((await send('after')).code, 0, 'writes work again without a restart');
        await assertOnlyAcknowledged(t, 'sb');
      } finally {
        await close();
      }
    },
  );
});
