/**
 * Abuse part (4): media uploads — the per-user quota and upload rate, stalled uploads, deletion by
 * the uploader and with a recalled message, and the admin Server API that lists and removes them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import { startTestServer, type TestServer } from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('abuse: media quota, rate, stalls and deletion', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({
      sendRatePerSecond: 0,
      limits: { uploadsPerMinute: 6 },
      media: { quotaBytes: 1000, idleTimeoutMs: 300 },
    });
  });
  after(() => t.close());

  async function upload(userId: string, bytes: number | Buffer, type = 'application/octet-stream') {
    const body = typeof bytes === 'number' ? Buffer.alloc(bytes, 1) : bytes;
    const res = await fetch(`${t.server.url}/upload?kind=${type === 'image/png' ? 'image' : 'file'}&name=f`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await t.token(userId)}`, 'Content-Type': type },
      body: new Uint8Array(body),
    });
    return { status: res.status, body: (await res.json()) as { code: number; url?: string; msg?: string } };
  }
  const mediaFiles = () => readdirSync(join(t.dataDir, 'media')).length;

  it('a user cannot store more than her quota; others are not affected', async () => {
    assert.equal((await upload('q1', 600)).status, 200);
    const over = await upload('q1', 600);
    assert.equal(over.status, 413);
    assert.match(over.body.msg!, /quota/);
    assert.equal((await upload('q1', 300)).status, 200, 'what fits still fits');
    assert.equal((await upload('q2', 600)).status, 200);
  });

  it('uploads are rate limited per user (20607)', async () => {
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await upload('burst', 10));
    const refused = replies.filter((r) => r.status === 429);
    assert.equal(refused.length, 2);
    assert.ok(refused.every((r) => r.body.code === ErrorCode.REQUEST_OVER_FREQUENCY));
  });

  it('a stalled upload is dropped and its socket freed after the idle timeout, leaving no file', async () => {
    const before = mediaFiles();
    const token = await t.token('staller');
    const socket = connect(t.server.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `POST /upload?kind=file&name=s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Length: 500\r\n\r\nabc`,
    );
    const started = Date.now();
    await new Promise((r) => socket.once('close', r));
    assert.ok(Date.now() - started < 3000, `closed after ${Date.now() - started} ms`);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(mediaFiles(), before);
  });

  it('the uploader deletes her upload; nobody else can', async () => {
    const { body } = await upload('owner', PNG, 'image/png');
    const url = `${t.server.url}${body.url}`;
    const del = (userId: string) =>
      t.token(userId).then((tk) => fetch(url, { method: 'DELETE', headers: { Authorization: `Bearer ${tk}` } }));
    assert.equal((await del('thief')).status, 404);
    assert.equal((await fetch(url)).status, 200);
    assert.equal((await del('owner')).status, 200);
    assert.equal((await fetch(url)).status, 404);
  });

  it('recalling a message deletes the media it carried', async () => {
    const { body } = await upload('rec', PNG, 'image/png');
    const s = await t.connect('rec');
    await t.token('peer');
    const sent = await s.request<{ message: WireMessage }>('sendMessage', {
      conversationType: 1,
      targetId: 'peer',
      messageType: 'RC:ImgMsg',
      clientMessageId: 'm1',
      content: { content: '', imageUri: body.url },
    });
    assert.equal(sent.code, 0);
    assert.equal((await fetch(`${t.server.url}${body.url}`)).status, 200);
    const m = sent.data!.message;
    const recall = await s.request('recallMessage', {
      conversationType: 1,
      targetId: 'peer',
      messageUId: m.messageUId,
      sentTime: m.sentTime,
      isDelete: false,
    });
    assert.equal(recall.code, 0, JSON.stringify(recall));
    assert.equal((await fetch(`${t.server.url}${body.url}`)).status, 404);
    assert.equal(existsSync(join(t.dataDir, 'media', body.url!.slice('/media/'.length))), false);
  });

  it('the admin lists a user’s media and removes it through the Server API', async () => {
    const a = await upload('adm', 100);
    await upload('adm', 50);
    const list = await t.api.call('/user/media/list.json', { userId: 'adm' });
    assert.equal(list.code, 200);
    assert.equal(list.totalBytes, 150);
    assert.equal((list.list as unknown[]).length, 2);
    const one = await t.api.call('/user/media/remove.json', {
      userId: 'adm',
      mediaId: a.body.url!.slice('/media/'.length),
    });
    assert.deepEqual(one, { code: 200, removed: 1 });
    const wrong = await t.api.call('/user/media/remove.json', {
      userId: 'someone',
      mediaId: 'ABCDEFGHJKMNPQRSTVWXYZ01',
    });
    assert.notEqual(wrong.code, 200);
    assert.deepEqual(await t.api.call('/user/media/remove.json', { userId: 'adm' }), { code: 200, removed: 1 });
    assert.equal((await t.api.call('/user/media/list.json', { userId: 'adm' })).totalBytes, 0);
    assert.equal((await upload('adm', 900)).status, 200, 'the freed quota is usable again');
  });
});
