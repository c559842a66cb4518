/**
 * Three Parley nodes (child processes) over one Redis and one PostgreSQL database, driven through the real
 * client: private, group and chatroom traffic across nodes, a lost bus message, kill -9 of a node
 * during traffic, the presence lease, and a restart of every node.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createServerApiClient, type ServerApiClient } from '../../server/api-client.js';
import {
  ConversationType,
  ErrorCode,
  Events,
  ParleyClient,
  TextMessage,
  type IReceivedMessage,
} from '../../src/services/client/index.js';
import { sleep, waitFor } from '../client/helpers.js';
import { eventually, FailoverBalancer, killSubscriber, startCluster, type Cluster } from './harness.js';

const PRIVATE = ConversationType.PRIVATE;
const GROUP = ConversationType.GROUP;
const CHATROOM = ConversationType.CHATROOM;
const LEASE_MS = 2000;

interface User {
  id: string;
  client: ParleyClient;
  /** Every received message (private, group, chatroom), in arrival order. */
  messages: IReceivedMessage[];
  texts(type?: number): string[];
  /** Where the user's connections go, in failover order. */
  balancer: FailoverBalancer;
}

const text = (m: IReceivedMessage) => (m.content as { content: string }).content;

describe('cluster: three nodes on Redis and PostgreSQL', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  let api: ServerApiClient;
  const users: User[] = [];
  const balancers: FailoverBalancer[] = [];

  before(async () => {
    cluster = await startCluster(['a', 'b', 'c'], { leaseMs: LEASE_MS });
    api = apiOf('a');
  });
  after(async () => {
    for (const u of users) await u.client.disconnect();
    for (const b of balancers) await b.close();
    await cluster?.dispose();
  });

  function apiOf(nodeId: string): ServerApiClient {
    return createServerApiClient({ baseUrl: cluster.node(nodeId).url, ...cluster.app });
  }

  /** Ports of the running nodes named, in that order (a node that is down is skipped). */
  function ports(nodeIds: string[]): number[] {
    return nodeIds.flatMap((id) => (cluster.nodes.has(id) ? [cluster.node(id).port] : []));
  }

  /** Connects a user through a balancer that prefers `nodeIds` in that order. */
  async function connect(id: string, nodeIds: string[]): Promise<User> {
    let order = nodeIds;
    const balancer = new FailoverBalancer(() => ports(order));
    await balancer.listen();
    balancers.push(balancer);
    const client = new ParleyClient({
      appkey: cluster.app.appKey,
      navi: balancer.url,
      timeout: 3000,
      reconnectMinDelay: 50,
      reconnectMaxDelay: 300,
    });
    const messages: IReceivedMessage[] = [];
    let caughtUp = false;
    client.addEventListener(Events.MESSAGES, ({ messages: m }) => messages.push(...m));
    client.addEventListener(Events.PULL_OFFLINE_MESSAGE_FINISHED, () => (caughtUp = true));
    const token = await api.call('/user/getToken.json', { userId: id, name: id, portraitUri: '' });
    const res = await client.connect(token.token as string);
    assert.equal(res.code, 0, `connect ${id}`);
    await waitFor(() => caughtUp, `${id} caught up`);
    const user: User = {
      id,
      client,
      messages,
      texts: (type) => messages.filter((m) => type === undefined || m.conversationType === type).map(text),
      balancer: Object.assign(balancer, { prefer: (ids: string[]) => (order = ids) }),
    };
    users.push(user);
    return user;
  }

  async function send(from: User, type: ConversationType, targetId: string, content: string): Promise<number> {
    const res = await from.client.sendMessage({ conversationType: type, targetId }, new TextMessage({ content }));
    return res.code;
  }

  async function connectionsOn(nodeId: string): Promise<number> {
    const res = await fetch(`${cluster.node(nodeId).url}/health`);
    const body = (await res.json()) as { connections: number; status: string; nodeId: string };
    assert.equal(body.nodeId, nodeId);
    return body.connections;
  }

  it('every node is healthy and names itself', async () => {
    for (const id of ['a', 'b', 'c']) {
      const res = await fetch(`${cluster.node(id).url}/health`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as {
        status: string;
        nodeId: string;
        bus: { kind: string; ready: boolean };
        storage: { ready: boolean };
      };
      assert.equal(body.status, 'ok');
      assert.equal(body.nodeId, id);
      assert.deepEqual([body.bus.kind, body.bus.ready, body.storage.ready], ['redis', true, true]);
    }
    // The nodes share the cluster's own PostgreSQL database: they created its schema there.
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ component: string }>(
        'SELECT DISTINCT component FROM schema_migrations ORDER BY component',
      );
      assert.deepEqual(
        rows.map((r) => r.component),
        ['chatroom', 'directory', 'storage'],
      );
    } finally {
      await db.end();
    }
  });

  it('a private message crosses nodes live, and after an offline gap arrives once and in order', async () => {
    const alice = await connect('p-alice', ['a']);
    const bob = await connect('p-bob', ['b']);
    assert.equal(await connectionsOn('b'), 1);
    assert.equal(await send(alice, PRIVATE, 'p-bob', 'live'), 0);
    await waitFor(() => bob.texts(PRIVATE).includes('live'), 'bob gets the live message');

    // Bob's network goes away; he comes back on node c.
    bob.balancer.dropAll();
    (bob.balancer as FailoverBalancer & { prefer(ids: string[]): void }).prefer([]);
    await waitFor(() => bob.client.getConnectionStatus() !== 0, 'bob notices');
    for (const n of [1, 2, 3]) assert.equal(await send(alice, PRIVATE, 'p-bob', `gap ${n}`), 0);
    (bob.balancer as FailoverBalancer & { prefer(ids: string[]): void }).prefer(['c']);
    await waitFor(() => bob.texts(PRIVATE).length === 4, 'bob catches up on c', 10_000);
    assert.deepEqual(bob.texts(PRIVATE), ['live', 'gap 1', 'gap 2', 'gap 3']);
    assert.equal(await connectionsOn('c'), 1);
    await sleep(200);
    assert.equal(bob.texts(PRIVATE).length, 4, 'nothing twice');
  });

  it('a group message reaches members on every node', async () => {
    const [x, y, z] = [await connect('g-x', ['a']), await connect('g-y', ['b']), await connect('g-z', ['c'])];
    const res = await apiOf('b').call('/group/create.json', {
      groupId: 'g1',
      groupName: 'G',
      userId: ['g-x', 'g-y', 'g-z'],
    });
    assert.equal(res.code, 200);
    assert.equal(await send(z, GROUP, 'g1', 'to the group'), 0);
    await waitFor(() => x.texts(GROUP).length === 1 && y.texts(GROUP).length === 1, 'x and y get it');
    assert.deepEqual([x.texts(GROUP), y.texts(GROUP)], [['to the group'], ['to the group']]);
  });

  it('a lost bus message costs a catch-up, not a message', async () => {
    const sender = await connect('l-send', ['a']);
    const receiver = await connect('l-recv', ['b']);
    for (const u of [sender, receiver]) assert.equal((await u.client.joinChatRoom('lost-room', { count: 0 })).code, 0);
    assert.equal(await send(sender, CHATROOM, 'lost-room', 'room before'), 0);
    await waitFor(() => receiver.texts(CHATROOM).length === 1, 'the room works');
    // Node b's subscriber connection dies (as in a network blip); what is published meanwhile is lost on the bus.
    await killSubscriber(cluster.redis, 'b');
    assert.equal(await send(sender, CHATROOM, 'lost-room', 'room during'), 0);
    assert.equal(await send(sender, PRIVATE, 'l-recv', 'during the blip'), 0);
    await waitFor(
      () => receiver.texts(PRIVATE).includes('during the blip'),
      'the receiver catches up after b resubscribes',
      10_000,
    );
    assert.equal(await send(sender, PRIVATE, 'l-recv', 'after'), 0);
    await waitFor(() => receiver.texts(PRIVATE).length === 2, 'live again');
    assert.deepEqual(receiver.texts(PRIVATE), ['during the blip', 'after']);
    // Chatroom messages are live only: the one lost is not replayed, but node b counts the gap.
    assert.equal(await send(sender, CHATROOM, 'lost-room', 'room after'), 0);
    await waitFor(() => receiver.texts(CHATROOM).includes('room after'), 'the room works again');
    const metrics = (await (await fetch(`${cluster.node('b').url}/metrics`)).json()) as {
      chatroom: { busGaps: number };
    };
    assert.deepEqual(receiver.texts(CHATROOM), ['room before', 'room after']);
    assert.ok(metrics.chatroom.busGaps >= 1, 'the lost room event is counted');
  });

  it('a chatroom with members on all nodes: one order, cluster count, KV and a gag across nodes', async () => {
    const members = [await connect('r-a', ['a']), await connect('r-b', ['b']), await connect('r-c', ['c'])];
    for (const m of members) assert.equal((await m.client.joinChatRoom('room1', { count: 0 })).code, 0);
    const info = await members[2]!.client.getChatRoomInfo('room1', { count: 10, order: 1 });
    assert.equal(info.data?.userCount, 3);
    assert.deepEqual(info.data?.userInfos?.map((u) => u.id).sort(), ['r-a', 'r-b', 'r-c']);

    // Everyone sends at once; every member must see the others' messages in one cluster-wide order.
    await Promise.all(
      members.map(async (m, i) => {
        for (let n = 0; n < 10; n++) assert.equal(await send(m, CHATROOM, 'room1', `${i}-${n}`), 0);
      }),
    );
    await waitFor(() => members.every((m) => m.texts(CHATROOM).length === 20), 'each member gets 20 messages', 10_000);
    for (const [i, m] of members.entries()) {
      for (const [j, other] of members.entries()) {
        if (j <= i) continue;
        const common = (list: string[], skip: number[]) => list.filter((t) => !skip.includes(Number(t[0])));
        // Messages neither of them sent appear in the same relative order for both.
        assert.deepEqual(
          common(m.texts(CHATROOM), [i, j]),
          common(other.texts(CHATROOM), [i, j]),
          `order ${i} vs ${j}`,
        );
      }
    }

    assert.equal(
      (await members[0]!.client.setChatRoomEntry('room1', { key: 'mic', value: 'r-a', isAutoDelete: true })).code,
      0,
    );
    await eventually(
      async () => (await members[2]!.client.getChatRoomEntry('room1', 'mic')).data === 'r-a',
      'node c sees the KV set on node a',
    );

    assert.equal(
      (await members[2]!.client.setChatRoomEntry('room1', { key: 'seat-c', value: 'r-c', isAutoDelete: true })).code,
      0,
    );

    // The Server API of node b gags r-c, who is connected to node c.
    const gag = await apiOf('b').call('/chatroom/user/gag/add.json', { chatroomId: 'room1', userId: 'r-c', minute: 5 });
    assert.equal(gag.code, 200);
    await eventually(
      async () => (await send(members[2]!, CHATROOM, 'room1', 'gagged?')) === ErrorCode.FORBIDDEN_IN_CHATROOM,
      'the gag is enforced on node c',
    );
  });

  it('kill -9 of a node during traffic: its users reconnect to another node and nothing acknowledged is lost', async () => {
    const stayer = await connect('k-stay', ['a']);
    const mover = await connect('k-move', ['c', 'a']);
    assert.equal((await mover.client.joinChatRoom('room1', { count: 0 })).code, 0);
    const acked: string[] = [];
    const toMover: string[] = [];
    let stop = false;
    const traffic = (async () => {
      for (let n = 0; !stop; n++) {
        const body = `m${n}`;
        if ((await send(mover, PRIVATE, 'k-stay', body)) === 0) acked.push(body);
        if ((await send(stayer, PRIVATE, 'k-move', body)) === 0) toMover.push(body);
        await sleep(5);
      }
    })();
    await waitFor(() => acked.length >= 10, 'traffic flows');
    const onA = await connectionsOn('a');
    await cluster.kill('c');
    await waitFor(() => acked.length >= 30, 'traffic flows again after the move', 15_000);
    stop = true;
    await traffic;
    assert.equal(await connectionsOn('a'), onA + 1, 'the mover is on node a now');
    // Both send the same bodies: count only what the other one sent. (A send of the mover's that node c
    // stored but could not acknowledge comes back to the mover as its own message in the catch-up.)
    const from = (user: User, sender: string) =>
      user.messages.filter((m) => m.conversationType === PRIVATE && m.senderUserId === sender).map(text);
    await waitFor(() => from(stayer, 'k-move').length >= acked.length, 'every acknowledged message arrives', 10_000);
    const got = from(stayer, 'k-move');
    assert.deepEqual(
      got.filter((t) => acked.includes(t)),
      acked,
      'in order, once',
    );
    assert.equal(new Set(got).size, got.length, 'nothing twice');
    await waitFor(
      () => from(mover, 'k-stay').filter((t) => toMover.includes(t)).length === toMover.length,
      'and the other way',
      10_000,
    );
  });

  it('the members of the dead node leave the room after the lease', async () => {
    // r-c was on node c (killed above): its lease lapses and the leader removes it, with its auto-delete KV.
    const reader = users.find((u) => u.id === 'r-a')!;
    // r-a, r-b and k-move (rejoined on node a) stay.
    await eventually(
      async () => (await reader.client.getChatRoomInfo('room1', { count: 0 })).data?.userCount === 3,
      'r-c removed after the lease',
      LEASE_MS * 6,
      1100,
    );
    const seat = await reader.client.getChatRoomEntry('room1', 'seat-c');
    assert.equal(seat.code, ErrorCode.CHATROOM_KEY_NOT_EXIST, "r-c's auto-delete attribute went with it");
    assert.equal((await reader.client.getChatRoomEntry('room1', 'mic')).data, 'r-a', "r-a's stays");
  });

  it('a restart of every node keeps rooms and KV; members rejoin the same room', async () => {
    const before = await api.call('/chatroom/query.json', { chatroomId: 'room1' });
    const sessionId = before.chatRooms[0].sessionId as string;
    assert.equal(
      (await api.call('/chatroom/entry/set.json', { chatroomId: 'room1', userId: 'r-b', key: 'topic', value: 'kept' }))
        .code,
      200,
    );
    const portOf = new Map([...cluster.nodes.values()].map((n) => [n.id, n.port]));
    for (const id of [...cluster.nodes.keys()]) await cluster.stop(id);
    await Promise.all(['a', 'b', 'c'].map((id) => cluster.start(id, portOf.get(id) ?? 0)));
    api = apiOf('a');
    const afterRestart = await apiOf('c').call('/chatroom/query.json', { chatroomId: 'room1' });
    assert.equal(afterRestart.chatRooms.length, 1, 'the room is still there');
    assert.equal(afterRestart.chatRooms[0].sessionId, sessionId, 'the same room, not a new one');
    const entries = await apiOf('b').call('/chatroom/entry/query.json', { chatroomId: 'room1' });
    assert.ok(JSON.stringify(entries).includes('kept'), `KV survived: ${JSON.stringify(entries)}`);
    const late = await connect('late', ['b']);
    const joined = await late.client.joinExistChatRoom('room1', { count: 0 });
    assert.equal(joined.code, 0);
  });
});
