/**
 * Chatroom sends while a node cannot reach PostgreSQL. A custom message to a room without history
 * needs no database, and the gags it is checked against are the node's copy of the moderation
 * lists, so the node goes on carrying it: a member gagged before the outage stays gagged, the others
 * speak. Text is refused (33002): the app's sensitive words are read from the database. Once the
 * node failed to read a change another node made to the lists, its copy may miss a gag: it refuses
 * chatroom sends with 33002 until it has read them again.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { TcpProxy } from '../../bench/lib/tcp-proxy.js';
import { createServerApiClient } from '../../server/api-client.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText } from '../server/chatroom-helpers.js';
import { sleep, waitFor } from '../client/helpers.js';
import { TestSocket, tempDir, textMessage } from '../server/helpers.js';
import { createTestDatabase } from '../server/pg-harness.js';
import { deletePrefix } from './harness.js';
import { testRedis } from './own-redis.js';

describe('cluster: chatroom sends while a node cannot reach PostgreSQL', { timeout: 60_000 }, () => {
  it('gagged members stay gagged; a gag the node could not read stops sends (33002) until it can', async () => {
    const database = await createTestDatabase();
    const proxy = await TcpProxy.start(Number(new URL(database.url).port || 5432));
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const engine = await testRedis();
    const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
    const app = { appKey: 'dbo-app', appSecret: 'dbo-secret-0123456789' };
    const dirs: string[] = [];
    const nodes: RunningServer[] = [];
    const sockets: TestSocket[] = [];
    const logA: string[] = [];
    const start = async (nodeId: string, databaseUrl: string, logger?: (line: string) => void) => {
      // A short statement bound, so node a finds out soon that its connections stopped answering.
      const dataDir = tempDir();
      dirs.push(dataDir);
      const node = await startServer({
        ...app,
        port: 0,
        dataDir,
        databaseUrl,
        databaseQueryTimeoutMs: 1000,
        redisUrl: engine.url,
        redisPrefix: prefix,
        nodeId,
        sendRatePerSecond: 0,
        chatroom: { sweepMs: 0 },
        logger,
      });
      nodes.push(node);
      return node;
    };
    try {
      // Node a reaches the database through the proxy, node b directly.
      const a = await start('dbo-a', viaProxy.toString(), (line) => logA.push(line));
      const b = await start('dbo-b', database.url);
      const apiB = createServerApiClient({ baseUrl: b.url, ...app });
      const member = async (userId: string) => {
        const token = (await apiB.call('/user/getToken.json', { userId, name: userId })).token as string;
        const socket = await TestSocket.open(a.url);
        sockets.push(socket);
        assert.equal((await socket.request('connect', { token, appkey: app.appKey })).code, 0);
        assert.equal((await socket.request('joinChatRoom', { chatRoomId: 'dbo', count: -1 })).code, 0);
        return Object.assign(
          // A custom type by default: text goes through the app's sensitive words, which are in the database.
          (text: string, type = 'App:Note') =>
            socket.request('sendChatroomMessage', roomText('dbo', text, type)).then((r) => r.code),
          { socket },
        );
      };
      const gagged = await member('dbo-gagged');
      const later = await member('dbo-later');
      const other = await member('dbo-other');
      const gag = (userId: string) =>
        apiB.call('/chatroom/user/gag/add.json', { chatroomId: 'dbo', userId, minute: 60 }).then((r) => r.code);
      // Node b hears of the room node a created through the bus.
      for (let i = 0; (await gag('dbo-gagged')) !== 200; i++) {
        if (i > 50) assert.fail('node b knows the room');
        await sleep(50);
      }
      for (let i = 0; (await gagged('before')) !== ErrorCode.FORBIDDEN_IN_CHATROOM; i++) {
        if (i > 50) assert.fail('node a applies the gag made through node b');
        await sleep(50);
      }

      // Node a's connections to the database stop answering; its next private send finds out.
      proxy.stall();
      const stored = await other.socket.request('sendMessage', textMessage(ConversationType.PRIVATE, 'x', 'hi', 'p1'));
      assert.equal(stored.code, ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'node a cannot store a private message');
      assert.equal(await other('during'), 0, 'a custom message to a room without history needs no database');
      assert.equal(await other('during', 'RC:TxtMsg'), ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'text needs the word list');
      assert.equal(await gagged('during'), ErrorCode.FORBIDDEN_IN_CHATROOM, 'a gag from before the outage holds');

      // Node b stores a gag and tells node a, which cannot read it.
      assert.equal(await gag('dbo-later'), 200);
      await waitFor(() => logA.some((l) => l.includes('moderation')), 'node a to fail reading the lists', 15_000);
      assert.equal(await later('unseen gag'), ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'refused, not let through');
      assert.equal(await other('unseen gag'), ErrorCode.BIZ_ERROR_DATABASE_ERROR);

      proxy.restore();
      await waitFor(
        () => logA.some((l) => l.includes('reachable again')),
        'node a to reach the database again',
        15_000,
      );
      for (let i = 0; (await other('after')) !== 0; i++) {
        if (i > 100) assert.fail('node a reads the lists again by itself');
        await sleep(100);
      }
      assert.equal(await later('after'), ErrorCode.FORBIDDEN_IN_CHATROOM, 'the gag node a missed holds now');
      assert.equal(await other('after', 'RC:TxtMsg'), 0);
    } finally {
      for (const s of sockets) s.close();
      for (const n of nodes) await n.close();
      // Let node a's connections end by themselves: resetting them mid-close can leave this process
      // spinning after the test (seen on Node 20).
      await waitFor(() => proxy.size === 0, "node a's connections to close", 5000).catch(() => {});
      await proxy.close();
      const redis = new Redis(engine.url);
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await engine.stop();
      await database.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
