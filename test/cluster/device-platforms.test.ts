/**
 * The per-platform session limit holds over the cluster: a web session on node 2 ends the user's
 * older web session on node 1 with 31010 (close 4003), while her mobile session stays; under
 * `refuse` the newcomer on the other node gets 31023. Two `startServer` nodes on one Redis.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestSocket } from '../server/helpers.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { useInProcessNodes } from './in-process-nodes.js';

/** How a socket ends within 3 s: its close code, or 'open'. */
const outcome = (s: TestSocket) =>
  Promise.race([s.closed.then((c) => c.code), new Promise<string>((r) => setTimeout(() => r('open'), 3000))]);

describe('cluster: one web session per user across nodes', { timeout: 60_000 }, () => {
  const { nodes, connect } = useInProcessNodes('platform', ['p1', 'p2'], { maxDevicesPerPlatform: { web: 1 } });

  it('a web session on node 2 ends the web session on node 1; the mobile one stays', async () => {
    const web = await connect(nodes[0]!, 'roamer', 'web');
    const mobile = await connect(nodes[0]!, 'roamer', 'mobile');
    const newer = await connect(nodes[1]!, 'roamer', 'web');
    assert.equal(await outcome(web), 4003, 'the older web session ends');
    assert.equal(JSON.stringify(web.frames.at(-1)).includes('31010'), true, JSON.stringify(web.frames.at(-1)));
    assert.equal(await outcome(mobile), 'open');
    assert.equal(await outcome(newer), 'open');
  });
});

describe('cluster: one web session per user, refusing newcomers', { timeout: 60_000 }, () => {
  const { nodes, connect, tryConnect } = useInProcessNodes('platform-refuse', ['q1', 'q2'], {
    maxDevicesPerPlatform: { web: 1 },
    socketCapPolicy: 'refuse',
  });

  it('a web session on the other node gets 31023; a desktop one is let in', async () => {
    const first = await connect(nodes[0]!, 'settled', 'web');
    assert.equal((await tryConnect(nodes[1]!, 'settled', 'web')).code, ErrorCode.RC_DISCONN_SAME_CLIENT_ON_LINE);
    assert.equal((await tryConnect(nodes[1]!, 'settled', 'desktop')).code, ErrorCode.SUCCESS);
    assert.equal(await outcome(first), 'open');
  });
});
