/**
 * Redis going away under running nodes: a node that cannot reach Redis at start exits with the
 * URL; running nodes log the loss, answer 503 on /health, refuse chatroom sends with a code, and
 * recover by themselves when Redis is back, with nothing acknowledged lost meanwhile.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServerApiClient } from '../../server/api-client.js';
import { startServer, type RunningServer } from '../../server/index.js';
import {
  ConversationType,
  ErrorCode,
  Events,
  ParleyClient,
  TextMessage,
  type IReceivedMessage,
} from '../../src/services/client/index.js';
import { waitFor } from '../client/helpers.js';
import { freePort, OwnRedis } from './own-redis.js';

const APP = { appKey: 'outage-app', appSecret: 'outage-secret-0123456789' };

async function health(
  server: RunningServer,
): Promise<{ status: number; body: { status: string; bus: { ready: boolean } } }> {
  const res = await fetch(`${server.url}/health`);
  return { status: res.status, body: (await res.json()) as { status: string; bus: { ready: boolean } } };
}

describe('cluster: Redis outage', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-outage-'));
  let redis: OwnRedis;
  const nodes: RunningServer[] = [];
  const logs: string[] = [];
  const clients: ParleyClient[] = [];

  before(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    for (const nodeId of ['x', 'y']) {
      nodes.push(
        await startServer({
          port: 0,
          dataDir,
          ...APP,
          sendRatePerSecond: 0,
          redisUrl: redis.url,
          nodeId,
          presenceLeaseMs: 2000,
          logger: (l) => logs.push(`${nodeId}: ${l}`),
        }),
      );
    }
  });
  after(async () => {
    for (const c of clients) await c.disconnect();
    for (const n of nodes) await n.close();
    await redis.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connect(server: RunningServer, userId: string) {
    const api = createServerApiClient({ baseUrl: server.url, ...APP });
    const token = (await api.call('/user/getToken.json', { userId, name: userId, portraitUri: '' })).token as string;
    const client = new ParleyClient({
      appkey: APP.appKey,
      navi: server.url,
      timeout: 3000,
      reconnectMinDelay: 50,
      reconnectMaxDelay: 300,
    });
    const messages: IReceivedMessage[] = [];
    client.addEventListener(Events.MESSAGES, ({ messages: m }) => messages.push(...m));
    assert.equal((await client.connect(token)).code, 0);
    clients.push(client);
    return { client, texts: () => messages.map((m) => (m.content as { content: string }).content) };
  }

  it('a node that cannot reach Redis at start fails, naming the URL', async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`;
    await assert.rejects(startServer({ port: 0, dataDir, ...APP, redisUrl: dead, nodeId: 'z' }), (error: Error) =>
      error.message.includes(dead),
    );
  });

  it('running nodes report the loss, refuse chatroom sends, and recover with nothing acknowledged lost', async () => {
    const [x, y] = nodes as [RunningServer, RunningServer];
    const sender = await connect(x, 'o-send');
    const receiver = await connect(y, 'o-recv');
    assert.equal((await sender.client.joinChatRoom('o-room', { count: 0 })).code, 0);
    assert.equal((await health(x)).status, 200);

    await redis.kill();
    await waitFor(
      () => logs.some((l) => l.startsWith('x:') && l.includes(redis.url)),
      'node x logs the loss naming the URL',
    );
    let report = await health(x);
    for (let i = 0; i < 50 && report.status === 200; i++) report = await health(x);
    assert.equal(report.status, 503);
    assert.deepEqual([report.body.status, report.body.bus.ready], ['degraded', false]);
    const refused = await sender.client.sendMessage(
      { conversationType: ConversationType.CHATROOM, targetId: 'o-room' },
      new TextMessage({ content: 'x' }),
    );
    assert.equal(refused.code, ErrorCode.BIZ_ERROR_DATABASE_ERROR);
    // A private message is stored and acknowledged; its push is lost with the bus.
    const stored = await sender.client.sendMessage(
      { conversationType: ConversationType.PRIVATE, targetId: 'o-recv' },
      new TextMessage({ content: 'during the outage' }),
    );
    assert.equal(stored.code, 0);
    const join = await sender.client.joinChatRoom('o-room-2', { count: 0 });
    assert.equal(join.code, ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'a join needs Redis: refused, to retry');

    await redis.start();
    await waitFor(
      () => receiver.texts().includes('during the outage'),
      'the receiver catches up once the bus is back',
      15_000,
    );
    for (const node of nodes) {
      let back = await health(node);
      for (let i = 0; i < 100 && back.status !== 200; i++) back = await health(node);
      assert.equal(back.status, 200);
    }
    const after = await sender.client.sendMessage(
      { conversationType: ConversationType.PRIVATE, targetId: 'o-recv' },
      new TextMessage({ content: 'after' }),
    );
    assert.equal(after.code, 0);
    await waitFor(() => receiver.texts().length === 2, 'live again');
    assert.deepEqual(receiver.texts(), ['during the outage', 'after']);
    // The outage is told once per state change, not once per sweep, publish or refused request.
    for (const id of ['x', 'y']) {
      const lines = logs.filter((l) => l.startsWith(`${id}:`));
      assert.deepEqual(
        lines.filter((l) => /\n\s+at /.test(l)),
        [],
        'no stack traces',
      );
      for (const what of ['cluster sweep failed', 'bus: publish failed']) {
        assert.ok(lines.filter((l) => l.includes(what)).length <= 1, `${id}: ${what} once\n${lines.join('\n')}`);
      }
    }
  });
});
