import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServerApiClient } from '../../server/api-client.js';
import { ConnectionStatus, ErrorCode, Events, ParleyClient } from '../../src/services/client/index.js';
import { Recorder, waitFor } from './helpers.js';

/**
 * A frozen server (SIGSTOP) keeps its sockets open but answers nothing: only the heartbeat can
 * tell. The server runs in a child process so it can be frozen without freezing the test.
 */
describe('client: heartbeat', { skip: process.platform === 'win32' }, () => {
  let child: ChildProcess;
  let url = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-client-hb-'));
  const appKey = 'hbkey';
  const appSecret = 'hb-secret-0123456789abcdef';

  before(async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli.ts',
        '--port',
        '0',
        '--data',
        dataDir,
        '--app-key',
        appKey,
        '--app-secret',
        appSecret,
        '--send-rate',
        '0',
        '--quiet',
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  });
  after(() => {
    if (child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a server that stops answering is detected by the heartbeat; the client reconnects once it is back', async () => {
    const api = createServerApiClient({ baseUrl: url, appKey, appSecret });
    const { token } = await api.call('/user/getToken.json', { userId: 'hb', name: 'hb' });
    const client = new ParleyClient({
      appkey: appKey,
      navi: url,
      heartbeatInterval: 100,
      timeout: 1000,
      reconnectMinDelay: 50,
      reconnectMaxDelay: 200,
    });
    const rec = new Recorder(client);
    assert.equal((await client.connect(token)).code, 0);
    await waitFor(() => rec.count(Events.PULL_OFFLINE_MESSAGE_FINISHED) === 1, 'caught up');
    try {
      child.kill('SIGSTOP');
      await waitFor(() => rec.count(Events.SUSPEND) === 1, 'SUSPEND from a missed heartbeat', 8000);
      assert.equal(rec.events.find((e) => e.event === Events.SUSPEND)?.arg, ErrorCode.RC_SOCKET_DISCONNECTED);
      const res = await client.getConversationList();
      assert.equal(res.code, ErrorCode.RC_NET_UNAVAILABLE, 'calls fail fast while suspended');
      child.kill('SIGCONT');
      await waitFor(() => client.getConnectionStatus() === ConnectionStatus.CONNECTED, 'reconnected', 10000);
      assert.equal(rec.count(Events.CONNECTED), 2);
    } finally {
      child.kill('SIGCONT');
      await client.disconnect();
    }
  });
});
