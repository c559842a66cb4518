import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConnectionStatus,
  ConversationType,
  ErrorCode,
  Events,
  ParleyClient,
  TextMessage,
} from '../../src/services/client/index.js';
import { connectedClient, Recorder, sleep, waitFor, useTestServer } from './helpers.js';

const PRIVATE = ConversationType.PRIVATE;
const texts = (rec: Recorder) => rec.messages().map((m) => (m.content as { content: string }).content);

describe('client: reconnect and resync', () => {
  const { t, track } = useTestServer();

  it('after a server restart: SUSPEND, CONNECTING, CONNECTED, and every message missed arrives once, in order', async () => {
    const a = await connectedClient(t, 'ra');
    // B retries late, so everything below is sent while B is away.
    const b = await connectedClient(t, 'rb', { reconnectMinDelay: 1200, reconnectMaxDelay: 1200 });
    track(a.client, b.client);
    const conv = { conversationType: PRIVATE, targetId: 'rb' } as const;
    for (let i = 0; i < 3; i++)
      assert.equal((await a.client.sendMessage(conv, new TextMessage({ content: `m${i}` }))).code, 0);
    await waitFor(() => b.recorder.messages().length === 3, 'B got the first 3');
    b.recorder.clear();

    await t.stop();
    await waitFor(() => b.recorder.count(Events.SUSPEND) === 1, 'B suspended');
    assert.equal(b.recorder.events[0]?.arg, ErrorCode.RC_SOCKET_DISCONNECTED);
    assert.notEqual(b.client.getConnectionStatus(), ConnectionStatus.CONNECTED);
    // While down, calls fail fast instead of hanging.
    assert.equal(
      (await a.client.sendMessage(conv, new TextMessage({ content: 'lost' }))).code,
      ErrorCode.RC_NET_UNAVAILABLE,
    );

    await t.restart();
    await waitFor(() => a.client.getConnectionStatus() === ConnectionStatus.CONNECTED, 'A reconnected');
    for (let i = 3; i < 8; i++)
      assert.equal((await a.client.sendMessage(conv, new TextMessage({ content: `m${i}` }))).code, 0);
    // One more from the app's backend, through the Server API.
    const api = await t.api.call('/message/private/publish.json', {
      fromUserId: 'ra',
      toUserId: ['rb'],
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'm8' }),
    });
    assert.equal(api.code, 200);
    assert.equal(b.recorder.messages().length, 0, 'B is still away');

    await waitFor(() => b.recorder.count(Events.PULL_OFFLINE_MESSAGE_FINISHED) === 1, 'B caught up', 5000);
    assert.deepEqual(texts(b.recorder), ['m3', 'm4', 'm5', 'm6', 'm7', 'm8']);
    assert.ok(
      b.recorder.messages().every((m) => m.isOfflineMessage),
      'caught-up messages are offline messages',
    );
    const names = b.recorder.names([
      Events.SUSPEND,
      Events.CONNECTING,
      Events.CONNECTED,
      Events.PULL_OFFLINE_MESSAGE_FINISHED,
    ]);
    assert.equal(names[0], Events.SUSPEND);
    assert.deepEqual(names.slice(-3), [Events.CONNECTING, Events.CONNECTED, Events.PULL_OFFLINE_MESSAGE_FINISHED]);
    assert.equal(b.recorder.conversation(PRIVATE, 'ra')?.unreadMessageCount, 9);

    // Live delivery resumes on the new socket.
    await a.client.sendMessage(conv, new TextMessage({ content: 'm9' }));
    await waitFor(() => texts(b.recorder).length === 7, 'live m9');
    assert.equal(b.recorder.messages().at(-1)!.isOfflineMessage, false);
    await sleep(100);
    assert.equal(texts(b.recorder).length, 7, 'nothing twice');
  });

  it('a restart in the middle of a burst: retried sends land once each, in order', async () => {
    const a = await connectedClient(t, 'xa');
    const b = await connectedClient(t, 'xb', { reconnectMinDelay: 20, reconnectMaxDelay: 100 });
    track(a.client, b.client);
    const conv = { conversationType: PRIVATE, targetId: 'xb' } as const;
    const total = 20;
    const sender = (async () => {
      for (let i = 0; i < total; i++) {
        const message = new TextMessage({ content: `n${i}` });
        let res = await a.client.sendMessage(conv, message);
        // What the kit does on failure: retry with the same messageId until it is stored.
        while (res.code !== 0) {
          await sleep(20);
          res = await a.client.sendMessage(conv, message, { messageId: res.data!.messageId });
        }
        await sleep(5);
      }
    })();
    await waitFor(() => b.recorder.messages().length >= 5, 'first messages live');
    await t.stop();
    await sleep(50);
    await t.restart();
    await sender;
    await waitFor(() => b.recorder.messages().length >= total, 'B got the burst', 8000);
    await sleep(100);
    assert.deepEqual(
      texts(b.recorder),
      Array.from({ length: total }, (_, i) => `n${i}`),
    );
    assert.equal(new Set(b.recorder.messages().map((m) => m.messageUId)).size, total);
  });

  it('disconnect() while reconnecting stops the retries', async () => {
    const c = await connectedClient(t, 'dc', { reconnectMinDelay: 30, reconnectMaxDelay: 60 });
    await t.stop();
    await waitFor(() => c.recorder.count(Events.SUSPEND) === 1, 'suspended');
    await waitFor(() => c.recorder.count(Events.CONNECTING) >= 3, 'retrying');
    await c.client.disconnect();
    const attempts = c.recorder.count(Events.CONNECTING);
    assert.equal(c.recorder.events.at(-1)?.event, Events.DISCONNECT);
    assert.equal(c.recorder.events.at(-1)?.arg, ErrorCode.ACTIVE_DISCONNECT);
    await t.restart();
    await sleep(200);
    assert.equal(c.recorder.count(Events.CONNECTING), attempts);
    assert.equal(c.client.getConnectionStatus(), ConnectionStatus.DISCONNECTED);
  });

  it('a token that expired while away ends reconnecting with DISCONNECT(31020)', async () => {
    const res = await t.api.call('/user/getToken.json', { userId: 'exp', name: 'exp', expireAt: Date.now() + 600 });
    const client = new ParleyClient(t.options({ reconnectMinDelay: 50, reconnectMaxDelay: 100 }));
    track(client);
    const rec = new Recorder(client);
    assert.equal((await client.connect(res.token)).code, 0);
    await t.stop();
    await sleep(700);
    await t.restart();
    await waitFor(() => rec.count(Events.DISCONNECT) === 1, 'DISCONNECT', 3000);
    assert.equal(rec.events.at(-1)?.arg, ErrorCode.RC_CONN_TOKEN_EXPIRED);
    const attempts = rec.count(Events.CONNECTING);
    await sleep(200);
    assert.equal(rec.count(Events.CONNECTING), attempts, 'no more attempts');
  });

  it('heartbeats keep a healthy connection up', async () => {
    const c = await connectedClient(t, 'hb', { heartbeatInterval: 30, timeout: 500 });
    track(c.client);
    await sleep(300);
    assert.equal(c.recorder.count(Events.SUSPEND), 0);
    assert.equal(c.client.getConnectionStatus(), ConnectionStatus.CONNECTED);
  });
});
