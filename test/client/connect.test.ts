import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Parley from '../../src/services/client/index.js';
import { ConnectionStatus, ErrorCode, Events, ParleyClient } from '../../src/services/client/index.js';
import { connectedClient, Recorder, sleep, startTestServer, waitFor, type TestServer } from './helpers.js';

describe('client: connect and disconnect', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await t.dispose();
  });

  it('connects: CONNECTING, CONNECTED, then the catch-up finishes; userId and status are set', async () => {
    const client = new ParleyClient(t.options());
    const rec = new Recorder(client);
    assert.equal(client.getConnectionStatus(), ConnectionStatus.DISCONNECTED);
    const res = await client.connect(await t.token('alice'));
    assert.equal(res.code, ErrorCode.SUCCESS);
    assert.deepEqual(res.data, { userId: 'alice' });
    assert.equal(client.getCurrentUserId(), 'alice');
    assert.equal(client.getConnectionStatus(), ConnectionStatus.CONNECTED);
    await waitFor(() => rec.count(Events.PULL_OFFLINE_MESSAGE_FINISHED) === 1, 'catch-up');
    assert.deepEqual(rec.names(), [Events.CONNECTING, Events.CONNECTED, Events.PULL_OFFLINE_MESSAGE_FINISHED]);
    const again = await client.connect(await t.token('alice'));
    assert.equal(again.code, ErrorCode.RC_CONNECTION_EXIST);
    await client.disconnect();
  });

  it('a bad token resolves 31004 and never retries', async () => {
    const client = new ParleyClient(t.options({ reconnectMinDelay: 10, reconnectMaxDelay: 20 }));
    const rec = new Recorder(client);
    const res = await client.connect('not-a-token');
    assert.equal(res.code, ErrorCode.RC_CONN_TOKEN_INCORRECT);
    await sleep(200);
    assert.deepEqual(rec.names(), [Events.CONNECTING]);
    assert.equal(client.getConnectionStatus(), ConnectionStatus.DISCONNECTED);
  });

  it('a token for another app key is refused', async () => {
    const client = new ParleyClient(t.options({ appkey: 'other-app' }));
    const res = await client.connect(await t.token('alice'));
    assert.equal(res.code, ErrorCode.RC_CONN_TOKEN_INCORRECT);
  });

  it('refuses to connect before init, and with an unreachable server resolves without retrying', async () => {
    assert.equal((await new ParleyClient().connect('x')).code, ErrorCode.BIZ_ERROR_CLIENT_NOT_INIT);
    const client = new ParleyClient({ appkey: t.server.appKey, navi: 'http://127.0.0.1:1', reconnectMinDelay: 10 });
    const rec = new Recorder(client);
    const res = await client.connect(await t.token('alice'));
    assert.equal(res.code, ErrorCode.RC_SOCKET_NOT_CREATED);
    await sleep(100);
    assert.deepEqual(rec.names(), [Events.CONNECTING]);
  });

  it('disconnect() emits DISCONNECT(2), does not reconnect, and calls then resolve 30002', async () => {
    const { client, recorder } = await connectedClient(t, 'bob');
    recorder.clear();
    assert.deepEqual(await client.disconnect(), { code: ErrorCode.SUCCESS });
    assert.deepEqual(recorder.events, [{ event: Events.DISCONNECT, arg: ErrorCode.ACTIVE_DISCONNECT }]);
    assert.equal(client.getConnectionStatus(), ConnectionStatus.DISCONNECTED);
    await sleep(200);
    assert.deepEqual(recorder.names(), [Events.DISCONNECT]);
    assert.equal((await client.getConversationList()).code, ErrorCode.RC_NET_UNAVAILABLE);
    const sent = await client.sendMessage(
      { conversationType: 1, targetId: 'alice' },
      new Parley.TextMessage({ content: 'hi' }),
    );
    assert.equal(sent.code, ErrorCode.RC_NET_UNAVAILABLE);
    assert.equal(sent.data?.sentStatus, Parley.SentStatus.FAILED, 'a failed send carries the message for retry');
  });

  it('the module-level functions drive the default client', async () => {
    assert.equal(Parley.getDefaultClient(), Parley.getDefaultClient());
    Parley.init(t.options());
    const seen: string[] = [];
    const onConnected = () => seen.push('connected');
    Parley.addListener(Events.CONNECTING, () => seen.push('connecting'));
    Parley.addEventListener(Events.CONNECTED, onConnected);
    Parley.onceEventListener(Events.DISCONNECT, (code) => seen.push(`disconnect:${code}`));
    const res = await Parley.connect(await t.token('carol'));
    assert.equal(res.code, 0);
    assert.equal(Parley.getCurrentUserId(), 'carol');
    assert.equal(Parley.getConnectionStatus(), ConnectionStatus.CONNECTED);
    Parley.removeEventListener(Events.CONNECTED, onConnected);
    Parley.removeEventListeners(Events.CONNECTING);
    await Parley.disconnect();
    assert.equal((await Parley.connect(await t.token('carol'))).code, 0);
    await Parley.disconnect();
    assert.deepEqual(seen, ['connecting', 'connected', 'disconnect:2']);
  });
});
