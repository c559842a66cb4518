/**
 * Online status over a cluster: a follower on node 1 hears a user come online on node 2 and go
 * offline only when her last socket anywhere closes; a status read on either node agrees. Two
 * `startServer` nodes on one Redis (the presence reuses the nodes' leases).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerFrame } from '../../src/protocol/frames.js';
import type { SubscriptionPush, WireSubscribeUserStatus } from '../../src/protocol/presence.js';
import { SubscribeType } from '../../src/protocol/presence.js';
import type { TestSocket } from '../server/helpers.js';
import { useInProcessNodes } from './in-process-nodes.js';

/** The online values (1/0) the follower was told about `userId`, in order. */
function told(socket: TestSocket, userId: string): number[] {
  return socket.frames
    .filter((f: ServerFrame): f is SubscriptionPush => 'push' in f && f.push === 'subscription')
    .flatMap((f) => (f.data.kind === 'status' ? f.data.list : []))
    .filter((c) => c.userId === userId)
    .map((c) => c.details[0]!.eventValue);
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cluster: online status subscriptions across nodes', { timeout: 60_000 }, () => {
  const { nodes, connect } = useInProcessNodes('presence', ['s1', 's2'], {});

  it('online on another node reaches the follower; offline only when her last socket anywhere closes', async () => {
    const fan = await connect(nodes[0]!, 'fan');
    const sub = await fan.request('subscribeUserStatus', {
      userIds: ['star'],
      subscribeType: SubscribeType.ONLINE_STATUS,
      expiry: 600,
    });
    assert.equal(sub.code, 0);
    const onTwo = await connect(nodes[1]!, 'star', 'mobile');
    await until(() => told(fan, 'star').length === 1, 'online told');
    assert.deepEqual(told(fan, 'star'), [1]);
    const onOne = await connect(nodes[0]!, 'star', 'web');
    const read = async (socket: TestSocket) =>
      (
        await socket.request<{ list: WireSubscribeUserStatus[] }>('getSubscribeUserStatus', {
          userIds: ['star'],
          subscribeType: SubscribeType.ONLINE_STATUS,
        })
      ).data!.list[0]!.details[0]!;
    await until(() => told(fan, 'star').length === 2, 'platforms change told');
    assert.deepEqual((await read(fan)).platforms, ['mobile', 'web']);
    onTwo.close();
    await until(() => told(fan, 'star').length === 3, 'mobile gone told');
    assert.deepEqual(told(fan, 'star'), [1, 1, 1], 'still online on the web');
    onOne.close();
    await until(() => told(fan, 'star').length === 4, 'offline told');
    assert.deepEqual(told(fan, 'star'), [1, 1, 1, 0]);
    const other = await connect(nodes[1]!, 'reader');
    assert.equal((await read(other)).eventValue, 0);
  });
});
