/**
 * Abuse part (client side): when the server ends a session because its token was revoked or
 * expired, the client does not retry with the dead token; the app gets DISCONNECT with the code
 * (seeds: DISCONNECT means "the app reconnects") and connects again with a fresh token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { ConnectionStatus, Events } from '../../src/services/client/index.js';
import { connectedClient, sleep, useTestServer, waitFor } from './helpers.js';

describe('client: a revoked token ends the session with DISCONNECT(31004)', () => {
  const { t, track } = useTestServer({ tokenCheckMs: 100 });

  it('stops without reconnecting, and a fresh token connects again', async () => {
    const { client, recorder } = await connectedClient(t, 'tc');
    track(client);
    await sleep(5);
    assert.equal((await t.api.call('/user/token/expire.json', { userId: 'tc', time: Date.now() })).code, 200);
    await waitFor(() => recorder.count(Events.DISCONNECT) > 0, 'DISCONNECT');
    const disconnect = recorder.events.find((e) => e.event === Events.DISCONNECT)!;
    assert.equal(disconnect.arg, ErrorCode.RC_CONN_TOKEN_INCORRECT);
    assert.equal(client.getConnectionStatus(), ConnectionStatus.DISCONNECTED);
    await sleep(300);
    assert.equal(recorder.count(Events.CONNECTING), 1, 'no reconnect attempt with the revoked token');
    assert.equal((await client.connect(await t.token('tc'))).code, ErrorCode.SUCCESS);
  });
});

describe('client: kicked by the socket cap', () => {
  const { t, track } = useTestServer({ maxSocketsPerUser: 1 });

  it('the older device gets DISCONNECT(31010), KICKED_OFFLINE_BY_OTHER_CLIENT, and does not fight back', async () => {
    const first = await connectedClient(t, 'kk');
    const second = await connectedClient(t, 'kk');
    track(first.client, second.client);
    await waitFor(() => first.recorder.count(Events.DISCONNECT) > 0, 'DISCONNECT');
    assert.equal(first.recorder.events.find((e) => e.event === Events.DISCONNECT)!.arg, ErrorCode.RC_DISCONN_KICK);
    assert.equal(first.client.getConnectionStatus(), ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
    await sleep(300);
    assert.equal(second.client.getConnectionStatus(), ConnectionStatus.CONNECTED, 'the newer device stays');
  });
});
