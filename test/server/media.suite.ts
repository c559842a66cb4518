import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { startTestServer, type TestServer } from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('media upload and download', () => {
  let t: TestServer;
  let token = '';
  before(async () => {
    t = await startTestServer({ maxUploadBytes: 1024 });
    token = await t.token('up');
  });
  after(() => t.close());
  const upload = (query: string, body: Buffer, type: string, auth = `Bearer ${token}`) =>
    fetch(`${t.server.url}/upload?${query}`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': type },
      body: new Uint8Array(body),
    });

  it('stores an image for a token holder and serves it with safe headers and ranges', async () => {
    const res = await upload('kind=image&name=a.png', PNG, 'image/png');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { code: number; url: string; size: number; type: string };
    assert.equal(body.code, 0);
    assert.match(body.url, /^\/media\/[0-9A-Z]{24}$/);
    assert.equal(body.size, PNG.length);
    const got = await fetch(t.server.url + body.url);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.match(got.headers.get('content-security-policy')!, /sandbox/);
    assert.match(got.headers.get('content-disposition')!, /^inline/);
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), PNG);
    const part = await fetch(t.server.url + body.url, { headers: { Range: 'bytes=1-3' } });
    assert.equal(part.status, 206);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), PNG.subarray(1, 4));
  });

  it('answers a request target that is no URL with an error and stays up (found by the soak fuzzer)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: t.server.port, path: '//%F0%9F%98%80[:aX.%7D=Z:%C3%9F%7D', method: 'GET' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
      req.on('error', reject);
      req.end();
    });
    assert.ok(status >= 400 && status < 500, `status ${status}`);
    const res = await upload('kind=image&name=b.png', PNG, 'image/png');
    assert.equal(res.status, 200, 'the server still serves uploads');
  });

  it('serves files of any other type as an octet-stream attachment', async () => {
    const res = await upload('kind=file&name=evil.html', Buffer.from('<script>alert(1)</script>'), 'text/html');
    const body = (await res.json()) as { url: string };
    const got = await fetch(t.server.url + body.url);
    assert.equal(got.headers.get('content-type'), 'application/octet-stream');
    assert.match(got.headers.get('content-disposition')!, /^attachment; filename\*=UTF-8''evil\.html/);
  });

  it('refuses no token, a refused type, and oversized bodies; stores nothing for them', async () => {
    const before = readdirSync(join(t.dataDir, 'media')).length;
    const anon = await upload('kind=image', PNG, 'image/png', 'Bearer nope');
    assert.equal(anon.status, 401);
    const svg = await upload('kind=image&name=x.svg', Buffer.from('<svg/>'), 'image/svg+xml');
    assert.equal(svg.status, 415);
    assert.equal(((await svg.json()) as { code: number }).code, ErrorCode.UPLOAD_FAIL);
    const big = await upload('kind=file', Buffer.alloc(2048), 'application/zip');
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { code: number }).code, ErrorCode.UPLOAD_FAIL);
    // Without a Content-Length (chunked), the body is cut off at the limit.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(600));
        controller.close();
      },
    });
    const chunked = await fetch(`${t.server.url}/upload?kind=file`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/zip' },
      body: chunks,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' }).catch(() => null);
    if (chunked) assert.equal(chunked.status, 413);
    assert.equal(readdirSync(join(t.dataDir, 'media')).length, before);
    assert.equal((await fetch(`${t.server.url}/media/NOPE`)).status, 404);
    assert.equal((await fetch(`${t.server.url}/media/..%2Fparley.db`)).status, 404);
  });
});
