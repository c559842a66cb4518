/**
 * Moderation on a cluster: two nodes on one PostgreSQL database and Redis. A blacklist set through
 * one node, a mute and a sensitive word set through its Server API all hold for sends on the other
 * (the word list within a second, the time each node keeps its copy).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServerApiClient } from '../../server/api-client.js';
import type { ServerOptions } from '../../server/index.js';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { SendMessageReply } from '../../src/protocol/frames.js';
import { textMessage } from '../server/helpers.js';
import { createTestDatabase, type TestDatabase } from '../server/pg-harness.js';
import { useInProcessNodes } from './in-process-nodes.js';

const { PRIVATE, GROUP } = ConversationType;

describe('cluster: moderation across nodes', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  const options: Omit<
    ServerOptions,
    'port' | 'dataDir' | 'appKey' | 'appSecret' | 'redisUrl' | 'redisPrefix' | 'nodeId'
  > = { sendRatePerSecond: 0 };
  // Registered before the nodes' hook, so they start on this database.
  before(async () => {
    database = await createTestDatabase();
    options.databaseUrl = database.url;
  });
  const cluster = useInProcessNodes('moderation', ['ma', 'mb'], options);
  after(() => database.drop());

  it('a blacklist, a group mute and a sensitive word set on one node hold on the other', async () => {
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const apiA = createServerApiClient({ baseUrl: a.url, ...cluster.app });
    const alice = await cluster.connect(a, 'x-alice');
    const bob = await cluster.connect(b, 'x-bob');

    assert.equal((await alice.request('addToBlacklist', { userId: 'x-bob' })).code, 0);
    assert.equal(
      (await bob.request('sendMessage', textMessage(PRIVATE, 'x-alice', 'hi', 'c1'))).code,
      ErrorCode.REJECTED_BY_BLACKLIST,
    );

    await apiA.call('/group/create.json', { groupId: 'x-g', userId: ['x-alice', 'x-bob'] });
    assert.equal((await apiA.call('/group/ban/add.json', { groupId: 'x-g' })).code, 200);
    assert.equal(
      (await bob.request('sendMessage', textMessage(GROUP, 'x-g', 'hi', 'c2'))).code,
      ErrorCode.FORBIDDEN_IN_GROUP,
    );

    // Node b reads (and keeps) the word list while it is empty...
    const before = await bob.request<SendMessageReply>(
      'sendMessage',
      textMessage(PRIVATE, 'x-carol', 'a spoiler', 'c0'),
    );
    assert.equal(before.data!.message.content.content, 'a spoiler');
    // ...and still applies a word added through node a within a second.
    assert.equal((await apiA.call('/sensitiveword/add.json', { word: 'spoiler', replaceWord: '[…]' })).code, 200);
    const deadline = Date.now() + 3000;
    let text = '';
    for (let i = 0; Date.now() < deadline && text !== 'no […] please'; i++) {
      const sent = await bob.request<SendMessageReply>(
        'sendMessage',
        textMessage(PRIVATE, 'x-carol', 'no spoiler please', `c3-${i}`),
      );
      text = String(sent.data!.message.content.content);
      if (text !== 'no […] please') await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(text, 'no […] please', 'the other node applies the word within a second');
  });
});
