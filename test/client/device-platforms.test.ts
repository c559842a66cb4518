/**
 * The multi-device policy: a server that allows one session per platform ends the older session of
 * the same platform with 31010 (status KICKED_OFFLINE_BY_OTHER_CLIENT, no reconnect), leaves other
 * platforms alone, and by default lets any number connect (as before the setting existed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionStatus, DevicePlatform, ErrorCode, Events, ParleyClient } from '../../src/services/client/index.js';
import { sleep, useTestServer, waitFor } from './helpers.js';

describe('client: one session per platform (maxDevicesPerPlatform)', () => {
  const { t, connect, track } = useTestServer({ maxDevicesPerPlatform: { web: 1, mobile: 1 } });

  it('a second web session ends the first with 31010; a desktop session stays', async () => {
    const first = await connect('dp');
    const desktop = await connect('dp', { platform: DevicePlatform.DESKTOP });
    const codes: number[] = [];
    first.client.addEventListener(Events.DISCONNECT, (code) => codes.push(code));
    await connect('dp');
    await waitFor(() => codes.length === 1, 'the first web session is told');
    assert.deepEqual(codes, [ErrorCode.RC_DISCONN_KICK]);
    assert.equal(first.client.getConnectionStatus(), ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
    // It does not come back by itself (that would kick the newer device).
    await sleep(300);
    assert.equal(first.client.getConnectionStatus(), ConnectionStatus.KICKED_OFFLINE_BY_OTHER_CLIENT);
    assert.equal(desktop.client.getConnectionStatus(), ConnectionStatus.CONNECTED);
  });

  it('an unknown platform is refused at connect', async () => {
    const client = new ParleyClient(t.options({ platform: 'watch' as DevicePlatform }));
    track(client);
    const res = await client.connect(await t.token('dq'));
    assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
  });
});

describe('client: by default any number of sessions per platform', () => {
  const { connect } = useTestServer();

  it('three web sessions of one user all stay connected', async () => {
    const sessions = [await connect('many'), await connect('many'), await connect('many')];
    await sleep(200);
    for (const s of sessions) assert.equal(s.client.getConnectionStatus(), ConnectionStatus.CONNECTED);
  });
});

describe('client: one session per platform, refusing newcomers', () => {
  const { t, connect, track } = useTestServer({ maxDevicesPerPlatform: { web: 1 }, socketCapPolicy: 'refuse' });

  it('a second web session gets 31023 and the first stays', async () => {
    const first = await connect('rf');
    const second = new ParleyClient(t.options());
    track(second);
    const res = await second.connect(await t.token('rf'));
    assert.equal(res.code, ErrorCode.RC_DISCONN_SAME_CLIENT_ON_LINE);
    assert.equal(first.client.getConnectionStatus(), ConnectionStatus.CONNECTED);
    const mobile = await connect('rf', { platform: DevicePlatform.MOBILE });
    assert.equal(mobile.client.getConnectionStatus(), ConnectionStatus.CONNECTED);
  });
});
