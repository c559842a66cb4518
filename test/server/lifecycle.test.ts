import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { startServer } from '../../server/index.js';
import { startTestServer, tempDir } from './helpers.js';

describe('server lifecycle', () => {
  it('generates credentials once into app.json and reuses them', async () => {
    const dataDir = tempDir();
    try {
      const first = await startServer({ port: 0, dataDir });
      assert.equal(first.credentialsCreated, true);
      await first.close();
      const saved = JSON.parse(readFileSync(join(dataDir, 'app.json'), 'utf8')) as {
        appKey: string;
        appSecret: string;
      };
      assert.equal(saved.appKey, first.appKey);
      const second = await startServer({ port: 0, dataDir });
      assert.equal(second.credentialsCreated, false);
      assert.equal(second.appSecret, first.appSecret);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers HEAD /health (what load balancers send) like GET, without a body', async () => {
    const t = await startTestServer();
    try {
      const get = await fetch(`${t.server.url}/health`);
      const body = (await get.json()) as { status: string };
      const head = await fetch(`${t.server.url}/health`, { method: 'HEAD' });
      assert.deepEqual([get.status, body.status], [200, 'ok']);
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-type'), get.headers.get('content-type'));
      assert.equal(await head.text(), '');
    } finally {
      await t.close();
    }
  });

  it('terminates a socket that stops answering pings', async () => {
    const t = await startTestServer({ heartbeatMs: 100 });
    try {
      const ws = new WebSocket(t.server.url.replace('http', 'ws') + '/ws', { autoPong: false });
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise((resolve) => ws.on('open', resolve));
      assert.equal(await closed, 1006, 'terminated without a close handshake');
    } finally {
      await t.close();
    }
  });

  it('closes open sockets on close()', async () => {
    const t = await startTestServer();
    const s = await t.connect('bye');
    await t.server.close();
    assert.equal((await s.closed).code, 1001);
    await t.close();
  });
});
