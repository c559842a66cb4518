// The kit store's outgoing queue against a real server that keeps the default send limit (5 a
// second, as the seeds say): a burst is paced and arrives in order, a send while the server is down
// waits and goes out once after the reconnect.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { Limits } from '../../src/protocol/limits.js';
import { KitStore } from '../../src/services/store/store.js';
import { messagesOf, type ConversationKey } from '../../src/services/store/types.js';
import { TcpProxy } from '../../bench/lib/tcp-proxy.js';
import { useTestServer, sleep, waitFor } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;

describe('kit store: outgoing queue', () => {
  const { t, connect } = useTestServer({ sendRatePerSecond: Limits.SENDS_PER_SECOND });

  it('sends a burst of twelve under the server limit, all delivered in the order sent, none failed', async () => {
    const a = await connect('oa');
    const b = await connect('ob');
    const store = new KitStore({ client: a.client });
    const key: ConversationKey = `${PRIVATE}:ob`;
    const states = new Set<string>();
    store.subscribe((s) => messagesOf(s, key).list.forEach((m) => states.add(m.sendState)));
    const texts = Array.from({ length: 12 }, (_, i) => `burst ${i + 1}`);
    const sends = texts.map((text) => store.sendText(text, { conversationType: PRIVATE, targetId: 'ob' }));
    const results = await Promise.all(sends);
    assert.deepEqual(
      results.map((m) => m?.sendState),
      texts.map(() => 'sent'),
    );
    assert.ok(!states.has('failed'), 'no message was ever shown as failed');
    const history = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'oa' }, { count: 20 });
    assert.deepEqual(
      history.data!.list.map((m) => m.content.content),
      texts,
    );
    store.destroy();
  });

  it("without pacing, the server's rate refusals are retried in order: all delivered once, none failed", async () => {
    const a = await connect('ra');
    const b = await connect('rb');
    // The store does not pace (0): the server refuses past 5 a second with 20604, the queue backs off.
    const store = new KitStore({ client: a.client, sendRatePerSecond: 0 });
    const texts = Array.from({ length: 10 }, (_, i) => `fast ${i + 1}`);
    const results = await Promise.all(
      texts.map((text) => store.sendText(text, { conversationType: PRIVATE, targetId: 'rb' })),
    );
    assert.deepEqual(
      results.map((m) => m?.sendState),
      texts.map(() => 'sent'),
    );
    const history = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'ra' }, { count: 20 });
    assert.deepEqual(
      history.data!.list.map((m) => m.content.content),
      texts,
    );
    store.destroy();
  });

  it('a send while the server is down waits, then goes out once after the reconnect', async () => {
    const a = await connect('wa');
    const b = await connect('wb');
    const store = new KitStore({ client: a.client });
    const key: ConversationKey = `${PRIVATE}:wb`;
    await t.stop();
    await waitFor(() => store.state.status === 'suspended', 'store sees the connection drop');
    assert.ok(store.state.reconnectAt > 0, 'the store knows when the client retries');
    const sent = store.sendText('while away', { conversationType: PRIVATE, targetId: 'wb' });
    assert.equal(messagesOf(store.state, key).list[0]?.sendState, 'waiting');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(messagesOf(store.state, key).list[0]?.sendState, 'waiting', 'still waiting, not failed');
    await t.restart();
    const message = await sent;
    assert.equal(message?.sendState, 'sent');
    assert.equal(store.state.status, 'connected');
    await waitFor(() => b.client.getConnectionStatus() === 0, 'B reconnected');
    const history = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'wa' }, { count: 20 });
    assert.deepEqual(
      history.data!.list.map((m) => m.content.content),
      ['while away'],
    );
    store.destroy();
  });
});

describe('kit store: outgoing queue on a network that drops', () => {
  const { t, connect } = useTestServer({ sendRatePerSecond: Limits.SENDS_PER_SECOND, chatroom: { sweepMs: 0 } });

  it('delivers every message once, in order, none failed, while the sockets are cut every 100–400 ms', async () => {
    const proxy = await TcpProxy.start(t.server.port);
    try {
      const a = await connect('fa', { navi: proxy.url, timeout: 1000 });
      const b = await connect('fb');
      const store = new KitStore({ client: a.client });
      const key: ConversationKey = `${PRIVATE}:fb`;
      let failed = 0;
      store.subscribe((s) => (failed += messagesOf(s, key).list.filter((m) => m.sendState === 'failed').length));
      let chaos = true;
      const cutter = (async () => {
        while (chaos) {
          await sleep(100 + Math.random() * 300);
          proxy.cutAll();
        }
      })();
      const texts = Array.from({ length: 25 }, (_, i) => `drop ${i + 1}`);
      const sends: Promise<unknown>[] = [];
      for (const text of texts) {
        sends.push(store.sendText(text, { conversationType: PRIVATE, targetId: 'fb' }));
        await sleep(40);
      }
      await Promise.all(sends);
      chaos = false;
      await cutter;
      assert.equal(failed, 0, 'no message was ever shown as failed');
      assert.ok(messagesOf(store.state, key).list.every((m) => m.sendState === 'sent'));
      const history = await b.client.getHistoryMessages({ conversationType: PRIVATE, targetId: 'fa' }, { count: 50 });
      assert.deepEqual(
        history.data!.list.map((m) => m.content.content),
        texts,
        'each once, in the order sent',
      );
      store.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('a chatroom message sent while the socket is down waits, then reaches the room after the reconnect', async () => {
    const proxy = await TcpProxy.start(t.server.port);
    try {
      const a = await connect('ca', { navi: proxy.url });
      const b = await connect('cb');
      assert.equal((await t.api.call('/chatroom/create.json', { 'chatroom[outbox-room]': 'room' })).code, 200);
      const store = new KitStore({ client: a.client });
      const room = { conversationType: ConversationType.CHATROOM, targetId: 'outbox-room' };
      await store.selectConversation(room);
      assert.equal((await b.client.joinChatRoom('outbox-room', { count: -1 })).code, 0);
      const heard: string[] = [];
      b.client.addEventListener('messages', ({ messages }) =>
        heard.push(...messages.map((m) => String(m.content.content))),
      );
      proxy.cutAll();
      await waitFor(() => store.state.status === 'suspended', 'suspended');
      const key: ConversationKey = `${ConversationType.CHATROOM}:outbox-room`;
      const sent = store.sendText('in the room after the drop', room);
      assert.equal(messagesOf(store.state, key).list.at(-1)?.sendState, 'waiting');
      const message = await sent;
      assert.equal(message?.sendState, 'sent');
      assert.equal(store.state.chatrooms[key]?.status, 'joined');
      await waitFor(() => heard.includes('in the room after the drop'), 'B hears it');
      store.destroy();
    } finally {
      await proxy.close();
    }
  });
});
