/**
 * The socket cap per user holds for the whole cluster: a user who spreads her sockets over two
 * nodes still holds at most the cap; the oldest session ends with 31010 (close 4003) even when it
 * lives on the other node. Two `startServer` nodes on one Redis.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { TestSocket } from '../server/helpers.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { useInProcessNodes } from './in-process-nodes.js';

/** How a socket ends within 3 s: its close code, or 'open'. */
const outcome = (s: TestSocket) =>
  Promise.race([s.closed.then((c) => c.code), new Promise<string>((r) => setTimeout(() => r('open'), 3000))]);

describe('cluster: one socket cap per user across nodes', { timeout: 60_000 }, () => {
  const { nodes, connect, prefix, redisUrl } = useInProcessNodes('cap', ['c1', 'c2'], { maxSocketsPerUser: 2 });

  it('a third socket on node 2 ends the oldest, held by node 1, within seconds', async () => {
    const first = await connect(nodes[0]!, 'roamer');
    const second = await connect(nodes[1]!, 'roamer');
    await connect(nodes[1]!, 'roamer');
    assert.equal(await outcome(first), 4003, 'the oldest session (node 1) ends');
    const last = first.frames.at(-1) as { push?: string; data?: { code?: number } } | undefined;
    assert.equal(JSON.stringify(last).includes('31010'), true, JSON.stringify(last));
    assert.equal(await outcome(second), 'open', 'the two newest stay');
  });

  it('sessions of a dead node (lease lapsed) do not count against the cap', async () => {
    const redis = new Redis(redisUrl());
    // What a crashed node leaves behind: two of her sessions, no lease; newer than any live one, so
    // counting them would evict the live sessions first.
    const later = Date.now() + 3_600_000;
    await redis.zadd(`${prefix}socks:ghosted`, later, 'dead-node\ns1', later + 1, 'dead-node\ns2');
    redis.disconnect();
    const a = await connect(nodes[0]!, 'ghosted');
    const b = await connect(nodes[1]!, 'ghosted');
    assert.equal(await outcome(a), 'open');
    assert.equal(await outcome(b), 'open');
  });
});

describe('cluster: a socket cap that refuses newcomers holds across nodes', { timeout: 60_000 }, () => {
  const { nodes, connect, tryConnect } = useInProcessNodes('refuse', ['r1', 'r2'], {
    maxSocketsPerUser: 2,
    socketCapPolicy: 'refuse',
  });

  it('two sessions on one node: a third on the other node gets 31023 and the first two stay', async () => {
    const first = await connect(nodes[0]!, 'settled');
    const second = await connect(nodes[0]!, 'settled');
    const third = await tryConnect(nodes[1]!, 'settled');
    assert.equal(third.code, ErrorCode.RC_DISCONN_SAME_CLIENT_ON_LINE);
    assert.equal(await outcome(first), 'open');
    assert.equal(await outcome(second), 'open');
  });
});
