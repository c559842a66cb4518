import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import { issueToken } from '../../server/auth/token.js';
import { createServerApiClient } from '../../server/api-client.js';
import { TestClock, TestSocket, sleep, startTestServer, type TestServer } from './helpers.js';

describe('tokens and connect', () => {
  const clock = new TestClock();
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock, connectDeadlineMs: 300 });
  });
  after(() => t.close());

  async function tryConnect(token: string, appkey = t.server.appKey) {
    const s = await TestSocket.open(t.server.url);
    const res = await s.request('connect', { token, appkey });
    return { s, res };
  }

  it('replies with userId, sessionId, lastSeq and serverTime', async () => {
    const { s, res } = await tryConnect(await t.token('u1'));
    assert.equal(res.code, ErrorCode.SUCCESS);
    const data = res.data as { userId: string; sessionId: string; lastSeq: number; serverTime: number };
    assert.equal(data.userId, 'u1');
    assert.equal(data.lastSeq, 0);
    assert.equal(data.serverTime, clock.now());
    assert.ok(data.sessionId.length > 0);
    s.close();
  });

  for (const [name, make] of [
    ['garbage', async () => 'not-a-token'],
    [
      'a forged signature',
      async () => (await t.token('u1')).replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`),
    ],
    [
      'another app’s token',
      async () => issueToken({ userId: 'u1', appKey: 'other-app', issuedAt: clock.now() }, t.server.appSecret),
    ],
    [
      'a token signed with another secret',
      async () => issueToken({ userId: 'u1', appKey: t.server.appKey, issuedAt: clock.now() }, 'wrong-secret'),
    ],
  ] as const) {
    it(`refuses ${name} with 31004 and closes the socket`, async () => {
      const { s, res } = await tryConnect(await make());
      assert.equal(res.code, ErrorCode.RC_CONN_TOKEN_INCORRECT);
      assert.equal((await s.closed).code, 4001);
    });
  }

  it('refuses a connect naming another appkey with 31004', async () => {
    const { s, res } = await tryConnect(await t.token('u1'), 'not-this-app');
    assert.equal(res.code, ErrorCode.RC_CONN_TOKEN_INCORRECT);
    await s.closed;
  });

  it('refuses an expired token with 31020', async () => {
    const token = await t.token('u2', { expireAt: clock.now() + 1000 });
    const ok = await tryConnect(token);
    assert.equal(ok.res.code, ErrorCode.SUCCESS);
    ok.s.close();
    clock.advance(1001);
    const { s, res } = await tryConnect(token);
    assert.equal(res.code, ErrorCode.RC_CONN_TOKEN_EXPIRED);
    assert.equal((await s.closed).code, 4001);
  });

  it('refuses other ops before connect with 30001, and a second connect with 34001', async () => {
    const s = await TestSocket.open(t.server.url);
    const res = await s.request('sync', { since: 0 });
    assert.equal(res.code, ErrorCode.RC_NET_CHANNEL_INVALID);
    const ok = await s.request('connect', { token: await t.token('u3'), appkey: t.server.appKey });
    assert.equal(ok.code, 0);
    const again = await s.request('connect', { token: await t.token('u3'), appkey: t.server.appKey });
    assert.equal(again.code, ErrorCode.RC_CONNECTION_EXIST);
    s.close();
  });

  it('closes a socket that does not connect in time', async () => {
    const s = await TestSocket.open(t.server.url);
    assert.equal((await s.closed).code, 4002);
  });

  it('keeps a connected socket past the deadline', async () => {
    const s = await t.connect('u4');
    await sleep(400);
    assert.equal((await s.request('ping')).code, 0);
  });
});

describe('Server API signature', () => {
  const clock = new TestClock();
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock });
  });
  after(() => t.close());

  async function raw(headers: Record<string, string>, body = 'userId=x1') {
    const res = await fetch(`${t.server.url}/user/getToken.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as { code: number; errorMessage?: string } };
  }
  function signed(nonce: string, timestamp: number, secret = t.server.appSecret) {
    const ts = String(timestamp);
    return {
      'App-Key': t.server.appKey,
      Nonce: nonce,
      Timestamp: ts,
      Signature: createHash('sha1')
        .update(secret + nonce + ts)
        .digest('hex'),
    };
  }
  async function groupExists(groupId: string): Promise<boolean> {
    const res = await t.api.call('/group/quit.json', { userId: 'nobody', groupId });
    return res.code === 200;
  }

  it('accepts a correctly signed request', async () => {
    const res = await raw(signed('n-ok', clock.now()));
    assert.equal(res.status, 200);
    assert.equal(res.body.code, 200);
  });

  it('refuses a bad signature, an unknown App-Key, a stale timestamp and a replayed nonce with 1004; nothing changes', async () => {
    const body = 'userId=m1&groupId=sig-group';
    const create = (headers: Record<string, string>) =>
      fetch(`${t.server.url}/group/create.json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code: number } }));
    const cases = [
      signed('n-1', clock.now(), 'wrong-secret'),
      { ...signed('n-2', clock.now()), 'App-Key': 'unknown' },
      signed('n-3', clock.now() - 5 * 60_000 - 1),
      signed('n-4', clock.now() + 5 * 60_000 + 1),
      { 'App-Key': t.server.appKey },
    ];
    for (const headers of cases) {
      const res = await create(headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal(res.body.code, ServerApiCode.SIGNATURE_ERROR);
    }
    assert.equal(await groupExists('sig-group'), false);

    const once = signed('n-replay', clock.now());
    assert.equal((await raw(once, 'userId=r1')).status, 200);
    clock.advance(60_000);
    const replay = await raw(once, 'userId=r1');
    assert.equal(replay.status, 401);
    assert.equal(replay.body.code, ServerApiCode.SIGNATURE_ERROR);
    assert.match(replay.body.errorMessage!, /Nonce/);
  });

  it('answers unknown paths with 404/1007 and bad params with 400/1002', async () => {
    assert.deepEqual((await t.api.call('/nope.json', {})).code, ServerApiCode.NOT_FOUND);
    const missing = await t.api.call('/user/getToken.json', {});
    assert.equal(missing.code, ServerApiCode.PARAM_ERROR);
    assert.match(missing.errorMessage, /userId/);
    const badId = await t.api.call('/user/getToken.json', { userId: 'has space' });
    assert.equal(badId.code, ServerApiCode.PARAM_ERROR);
    const badFlag = await t.api.call('/message/private/publish.json', {
      fromUserId: 'a',
      toUserId: 'b',
      objectName: 'RC:TxtMsg',
      content: '{}',
      isPersisted: 2,
    });
    assert.equal(badFlag.code, ServerApiCode.PARAM_ERROR);
    assert.match(badFlag.errorMessage, /isPersisted/);
    const badContent = await t.api.call('/message/private/publish.json', {
      fromUserId: 'a',
      toUserId: 'b',
      objectName: 'RC:TxtMsg',
      content: 'not json',
    });
    assert.equal(badContent.code, ServerApiCode.PARAM_ERROR);
    const longName = await t.api.call('/user/getToken.json', { userId: 'a', name: 'x'.repeat(65) });
    assert.equal(longName.code, ServerApiCode.PARAM_TOO_LONG);
    const noGroup = await t.api.call('/message/group/publish.json', {
      fromUserId: 'a',
      toGroupId: 'missing',
      objectName: 'RC:TxtMsg',
      content: '{}',
    });
    assert.equal(noGroup.code, ServerApiCode.GROUP_NOT_FOUND);
  });

  it('refuses oversize content with 1005 and oversize bodies with 413/1005', async () => {
    const big = JSON.stringify({ content: 'x'.repeat(128 * 1024) });
    const res = await t.api.call('/message/private/publish.json', {
      fromUserId: 'a',
      toUserId: 'b',
      objectName: 'RC:TxtMsg',
      content: big,
    });
    assert.equal(res.code, ServerApiCode.PARAM_TOO_LONG);
    const huge = await raw(signed('n-huge', clock.now()), `userId=a&name=${'x'.repeat(300 * 1024)}`);
    assert.equal(huge.status, 413);
    assert.equal(huge.body.code, ServerApiCode.PARAM_TOO_LONG);
  });

  it('accepts JSON bodies with arrays', async () => {
    const api = createServerApiClient({
      baseUrl: t.server.url,
      appKey: t.server.appKey,
      appSecret: t.server.appSecret,
      now: clock.now,
    });
    const res = await api.call('/group/create.json', { userId: ['j1', 'j2'], groupId: 'json-group' });
    assert.equal(res.code, 200);
    const nonce = 'n-json';
    const headers = { ...signed(nonce, clock.now()), 'Content-Type': 'application/json' };
    const r = await fetch(`${t.server.url}/group/join.json`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ userId: ['j3'], groupId: 'json-group' }),
    });
    assert.equal(((await r.json()) as { code: number }).code, 200);
  });
});
