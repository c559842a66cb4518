/**
 * Web Push: a browser's subscription (keys made here as a browser makes them) receives the offline
 * pushes, encrypted for it and VAPID-signed, from a push service on loopback; gone subscriptions
 * are forgotten, and endpoints outside the push services are refused (no POSTs to internal URLs).
 */
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { startTestServer, sleep, textMessage, type TestServer } from './helpers.js';

const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(
    body: Buffer,
    params: { version: string; privateKey: ReturnType<typeof createECDH>; authSecret: string },
  ): Buffer;
};

/** A browser's side of a subscription: its key pair and auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16).toString('base64url');
  return { ecdh, keys: { p256dh: ecdh.getPublicKey('base64url'), auth } };
}

describe('Web Push to subscribed browsers', () => {
  const posts: Array<{ path: string; headers: IncomingHttpHeaders; body: Buffer }> = [];
  const pushService = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(req.url?.startsWith('/gone') ? 410 : 201).end();
    });
  });
  let origin: string;
  let t: TestServer;
  before(async () => {
    await new Promise<void>((ok) => pushService.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
    t = await startTestServer({ push: { webPush: { subject: 'mailto:ops@example.com', endpointHosts: [origin] } } });
  });
  after(async () => {
    await t.close();
    await new Promise<void>((ok) => pushService.close(() => ok()));
  });

  async function settle() {
    await sleep(20);
    await t.server.pushIdle();
  }

  it('delivers the push of an offline user to her browser, encrypted for it and VAPID-signed', async () => {
    const browser = browserKeys();
    const bob = await t.connect('bob');
    const key = await bob.request('getWebPushPublicKey', {});
    assert.equal(key.code, ErrorCode.SUCCESS);
    const publicKey = (key.data as { publicKey: string }).publicKey;
    assert.match(publicKey, /^[A-Za-z0-9_-]{80,}$/);
    assert.equal(
      (await bob.request('subscribeWebPush', { endpoint: `${origin}/sub/bob`, keys: browser.keys })).code,
      ErrorCode.SUCCESS,
    );
    bob.close();
    await sleep(50);

    const alice = await t.connect('alice');
    await alice.request('sendMessage', textMessage(1, 'bob', 'See you at 8', 'wp-1'));
    await settle();
    assert.equal(posts.length, 1);
    const post = posts[0]!;
    assert.equal(post.path, '/sub/bob');
    assert.equal(post.headers['content-encoding'], 'aes128gcm');
    assert.equal(post.headers['urgency'], 'normal');
    assert.match(
      String(post.headers['authorization']),
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`),
    );
    assert.ok(!post.body.includes('See you at 8'), 'the payload travels encrypted');
    const payload = JSON.parse(
      ece
        .decrypt(post.body, { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.keys.auth })
        .toString('utf8'),
    );
    assert.deepEqual(
      [payload.title, payload.content, payload.badge, payload.message.targetId],
      ['User alice', 'See you at 8', 1, 'alice'],
    );
    alice.close();
  });

  it('forgets a subscription the push service says is gone, and stops after unsubscribe', async () => {
    posts.splice(0);
    const carol = await t.connect('carol');
    await carol.request('subscribeWebPush', { endpoint: `${origin}/gone/carol`, keys: browserKeys().keys });
    await carol.request('subscribeWebPush', { endpoint: `${origin}/sub/carol`, keys: browserKeys().keys });
    assert.equal(
      (await carol.request('unsubscribeWebPush', { endpoint: `${origin}/sub/carol` })).code,
      ErrorCode.SUCCESS,
    );
    carol.close();
    await sleep(50);
    await t.api.request('/message/private/publish.json', {
      fromUserId: 'alice',
      toUserId: 'carol',
      objectName: 'RC:TxtMsg',
      content: '{"content":"one"}',
    });
    await settle();
    await t.api.request('/message/private/publish.json', {
      fromUserId: 'alice',
      toUserId: 'carol',
      objectName: 'RC:TxtMsg',
      content: '{"content":"two"}',
    });
    await settle();
    assert.deepEqual(
      posts.map((p) => p.path),
      ['/gone/carol'],
      'one POST to the gone endpoint, none after, none to the unsubscribed one',
    );
    assert.equal(t.server.metrics().push!.webPush!.expired, 1);
  });

  it('refuses endpoints that are not push services (no POSTs to internal addresses)', async () => {
    const dave = await t.connect('dave');
    for (const endpoint of [
      'https://169.254.169.254/latest/meta-data',
      'http://127.0.0.1:1/x',
      'https://fcm.googleapis.com.evil.example/x',
      'file:///etc/passwd',
    ]) {
      const res = await dave.request('subscribeWebPush', { endpoint, keys: browserKeys().keys });
      assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, endpoint);
    }
    const bad = await dave.request('subscribeWebPush', {
      endpoint: `${origin}/sub/dave`,
      keys: { p256dh: 'not base64url!', auth: 'x' },
    });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    dave.close();
  });
});

describe('a server without Web Push', () => {
  it('answers the Web Push ops with 35004', async () => {
    const t = await startTestServer();
    try {
      const erin = await t.connect('erin');
      assert.equal((await erin.request('getWebPushPublicKey', {})).code, ErrorCode.NOT_SUPPORT);
      erin.close();
    } finally {
      await t.close();
    }
  });
});
