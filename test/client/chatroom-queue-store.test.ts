// The kit store's mic queue (what <chatroom-queue> shows) against a real server: fetched on demand,
// kept live by the room's queue events, joined and left under the user's id, and fetched again after
// a reconnect, so a change made while the connection was down is not missed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TcpProxy } from '../../bench/lib/tcp-proxy.js';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { KitStore } from '../../src/services/store/store.js';
import type { ConversationKey } from '../../src/services/store/types.js';
import { connectedClient, startTestServer, waitFor, type TestServer } from './helpers.js';

const CHATROOM = ConversationType.CHATROOM;
const keys = (store: KitStore, room: string) =>
  store.state.chatrooms[`${CHATROOM}:${room}` as ConversationKey]?.queue?.map((e) => `${e.key}:${e.value}:${e.userId}`);

describe('kit store: the chatroom mic queue', () => {
  let t: TestServer;
  let proxy: TcpProxy;
  const stores: KitStore[] = [];
  const clients: Array<{ disconnect(): unknown }> = [];
  /** A connected client, disconnected after the suite (an open one keeps reconnecting and the process alive). */
  const connect = async (userId: string, extra = {}) => {
    const connected = await connectedClient(t, userId, extra);
    clients.push(connected.client);
    return connected;
  };
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
    proxy = await TcpProxy.start(t.server.port);
  });
  after(async () => {
    for (const store of stores) store.destroy();
    for (const client of clients) await client.disconnect();
    await proxy.close();
    await t.dispose();
  });

  async function opened(userId: string, room: string, extra = {}) {
    const { client } = await connect(userId, extra);
    const store = new KitStore({ client });
    stores.push(store);
    await store.selectConversation({ conversationType: CHATROOM, targetId: room });
    await waitFor(
      () => store.state.chatrooms[`${CHATROOM}:${room}` as ConversationKey]?.status === 'joined',
      `${userId} joined`,
    );
    return { client, store };
  }

  it('fetches the queue, follows offers, changes and removals live, and joins and leaves under the user id', async () => {
    const bob = await connect('qs-bob');
    assert.equal((await bob.client.joinChatRoom('qs1', { count: -1 })).code, 0);
    await bob.client.getChatroomRoles().queueOffer('qs1', 'seat', 'guitar');
    const { store } = await opened('qs-alice', 'qs1');
    assert.equal(keys(store, 'qs1'), undefined, 'nothing fetched before someone asks');
    assert.equal(await store.loadChatroomQueue(), ErrorCode.SUCCESS);
    assert.deepEqual(keys(store, 'qs1'), ['seat:guitar:qs-bob']);

    await bob.client.getChatroomRoles().queueOffer('qs1', 'seat', 'drums');
    await waitFor(() => keys(store, 'qs1')?.[0] === 'seat:drums:qs-bob', 'the change, in place');
    assert.equal(await store.joinChatroomQueue('hi'), ErrorCode.SUCCESS);
    await waitFor(() => keys(store, 'qs1')?.length === 2, 'her own entry');
    assert.deepEqual(keys(store, 'qs1'), ['seat:drums:qs-bob', 'qs-alice:hi:qs-alice']);
    assert.equal(await store.leaveChatroomQueue(), ErrorCode.SUCCESS);
    await waitFor(() => keys(store, 'qs1')?.length === 1, 'her entry gone');
    await bob.client.getChatroomRoles().queuePoll('qs1', 'seat');
    await waitFor(() => keys(store, 'qs1')?.length === 0, "bob's entry gone");
  });

  it('outside a room the queue actions answer 23406 and change nothing', async () => {
    const { client } = await connect('qs-out');
    const store = new KitStore({ client });
    stores.push(store);
    assert.equal(await store.loadChatroomQueue('qs-none'), ErrorCode.NOT_IN_CHATROOM);
    assert.equal(await store.joinChatroomQueue('', 'qs-none'), ErrorCode.NOT_IN_CHATROOM);
  });

  it('after a reconnect the queue is fetched again: a change made while the connection was down shows', async () => {
    const bob = await connect('qs-bob2');
    assert.equal((await bob.client.joinChatRoom('qs2', { count: -1 })).code, 0);
    const { store } = await opened('qs-carol', 'qs2', {
      navi: proxy.url,
      reconnectMinDelay: 600,
      reconnectMaxDelay: 600,
    });
    assert.equal(await store.loadChatroomQueue(), ErrorCode.SUCCESS);
    assert.deepEqual(keys(store, 'qs2'), []);
    proxy.cutAll();
    await waitFor(() => store.state.status !== 'connected', 'carol is cut off');
    await bob.client.getChatroomRoles().queueOffer('qs2', 'missed', 'while away');
    await waitFor(() => keys(store, 'qs2')?.[0] === 'missed:while away:qs-bob2', 'the missed entry, after the rejoin');
  });
});
