/**
 * Authorization matrix: every operation, tried by someone who must not do it, is refused with a
 * code, and nothing stored changes (compared table by table).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import type { HistoryReply, SyncReply, WireMessage } from '../../src/protocol/frames.js';
import { signRequest } from '../../server/api/signature.js';
import { issueToken } from '../../server/auth/token.js';
import { TestSocket, startTestServer, textMessage, type TestServer } from './helpers.js';
import { stateDigest } from './state.js';

const { PRIVATE, GROUP } = ConversationType;

/** Every gateway op with data that would be valid for an authorised user. */
const OPS: Array<[string, Record<string, unknown>]> = [
  ['sync', { since: 0 }],
  ['sendMessage', textMessage(GROUP, 'g1', 'x', 'authz-x')],
  ['getConversationList', {}],
  ['getHistoryMessages', { conversationType: GROUP, targetId: 'g1' }],
  ['clearMessagesUnreadStatus', { conversationType: GROUP, targetId: 'g1' }],
  ['ping', {}],
];

describe('authorization matrix', () => {
  let t: TestServer;
  let digest: Record<string, string>;
  const tokens: Record<string, string> = {};
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
    await t.api.call('/group/create.json', { groupId: 'g1', groupName: 'members only', userId: ['ua', 'ub'] });
    await t.api.call('/group/create.json', { groupId: 'g2', groupName: 'left', userId: ['ua', 'ud'] });
    await t.api.call('/group/quit.json', { groupId: 'g2', userId: 'ud' });
    const ua = await t.connect('ua');
    for (const [type, target] of [
      [PRIVATE, 'ub'],
      [GROUP, 'g1'],
      [GROUP, 'g2'],
    ] as const) {
      for (let i = 0; i < 2; i++)
        assert.equal(
          (await ua.request('sendMessage', textMessage(type, target, 'secret', `s-${target}-${i}`))).code,
          0,
        );
    }
    for (const u of ['uc', 'ud']) tokens[u] = await t.token(u);
    tokens.expired = await t.token('ua', { expireAt: Date.now() - 1000 });
    digest = await stateDigest(t);
  });
  after(async () => {
    assert.deepEqual(await stateDigest(t), digest, 'no refused request changed anything');
    await t.close();
  });

  async function connectAs(userId: string): Promise<TestSocket> {
    const s = await TestSocket.open(t.server.url);
    assert.equal((await s.request('connect', { token: tokens[userId]!, appkey: t.server.appKey })).code, 0);
    return s;
  }

  it('before connect: every op is refused with 30001 (no usable connection yet)', async () => {
    const s = await TestSocket.open(t.server.url);
    for (const [op, data] of OPS) assert.equal((await s.request(op, data)).code, ErrorCode.RC_NET_CHANNEL_INVALID, op);
    s.close();
  });

  for (const [name, code, make] of [
    [
      'a forged token',
      ErrorCode.RC_CONN_TOKEN_INCORRECT,
      () => ({ token: issueToken({ userId: 'ua', appKey: t.server.appKey, issuedAt: Date.now() }, 'guessed-secret') }),
    ],
    [
      'a tampered token (user swapped)',
      ErrorCode.RC_CONN_TOKEN_INCORRECT,
      () => {
        const [, sig] = tokens.expired!.split('.');
        return {
          token: `${Buffer.from(JSON.stringify({ u: 'ua', k: t.server.appKey, i: Date.now() })).toString('base64url')}.${sig}`,
        };
      },
    ],
    ['an expired token', ErrorCode.RC_CONN_TOKEN_EXPIRED, () => ({ token: tokens.expired! })],
    ['the wrong App Key', ErrorCode.RC_CONN_TOKEN_INCORRECT, () => ({ token: tokens.uc!, appkey: 'other-app' })],
    [
      'a token of another app',
      ErrorCode.RC_CONN_TOKEN_INCORRECT,
      () => ({ token: issueToken({ userId: 'ua', appKey: 'other-app', issuedAt: Date.now() }, t.server.appSecret) }),
    ],
  ] as const) {
    it(`connect with ${name}: ${code}, socket closed, no op gets through`, async () => {
      const s = await TestSocket.open(t.server.url);
      const res = await s.request('connect', { appkey: t.server.appKey, ...make() });
      assert.equal(res.code, code);
      // Ops racing the close are refused too, never served.
      for (const [op, data] of OPS) s.ws.send(JSON.stringify({ id: 100, op, data }));
      assert.equal((await s.closed).code, 4001);
      assert.ok(
        s.frames.every((f) => !('reply' in f) || f.code !== 0),
        'nothing succeeded',
      );
    });
  }

  it('a non-member (and a member who left) cannot send to, read, or clear a group: 22406', async () => {
    for (const [user, group] of [
      ['uc', 'g1'],
      ['ud', 'g2'],
    ] as const) {
      const s = await connectAs(user);
      for (const [op, data] of OPS.filter(([op]) =>
        ['sendMessage', 'getHistoryMessages', 'clearMessagesUnreadStatus'].includes(op),
      )) {
        const res = await s.request(op, { ...data, targetId: group });
        assert.equal(res.code, ErrorCode.NOT_IN_GROUP, `${user} ${op} ${group}`);
      }
      s.close();
    }
  });

  it("user C sees nothing of A and B's conversation: history, sync and conversation list hold none of it", async () => {
    const s = await connectAs('uc');
    for (const peer of ['ua', 'ub']) {
      const h = await s.request<HistoryReply>('getHistoryMessages', {
        conversationType: PRIVATE,
        targetId: peer,
        count: 100,
      });
      assert.equal(h.code, 0);
      assert.deepEqual(h.data!.list, [], `history with ${peer}`);
    }
    const sync = await s.request<SyncReply>('sync', { since: 0 });
    assert.deepEqual(sync.data!.items, []);
    assert.equal(sync.data!.lastSeq, 0);
    assert.deepEqual((await s.request<{ list: unknown[] }>('getConversationList', {})).data!.list, []);
    s.close();
  });

  it('a sender cannot pose as someone else: a senderUserId in the frame is ignored', async () => {
    const s = await connectAs('uc');
    const res = await s.request<{ message: WireMessage }>('sendMessage', {
      ...textMessage(PRIVATE, 'uc', 'me', 'pose-1'),
      senderUserId: 'ua',
    });
    assert.equal(res.code, 0);
    assert.equal(res.data!.message.senderUserId, 'uc');
    s.close();
    // That send to oneself was allowed; take it into the expected state.
    digest = await stateDigest(t);
  });

  const ENDPOINT_PARAMS: Record<string, Record<string, string | string[]>> = {
    '/user/getToken.json': { userId: 'ua', name: 'Mallory' },
    '/message/private/publish.json': {
      fromUserId: 'ua',
      toUserId: 'ub',
      objectName: 'RC:TxtMsg',
      content: '{"content":"forged"}',
    },
    '/message/group/publish.json': {
      fromUserId: 'ua',
      toGroupId: 'g1',
      objectName: 'RC:TxtMsg',
      content: '{"content":"forged"}',
    },
    '/group/create.json': { userId: 'uc', groupId: 'g1' },
    '/group/join.json': { userId: 'uc', groupId: 'g1' },
    '/group/quit.json': { userId: 'ua', groupId: 'g1' },
    '/group/dismiss.json': { userId: 'ua', groupId: 'g1' },
  };

  it('Server API: every endpoint refuses missing, wrong-key, badly signed, stale, future and replayed requests with 401/1004', async () => {
    const sign = (secret: string, nonce = randomBytes(8).toString('hex'), ts = Date.now()) => ({
      'App-Key': t.server.appKey,
      Nonce: nonce,
      Timestamp: String(ts),
      Signature: signRequest(secret, nonce, String(ts)),
    });
    // A nonce spent by a correctly signed (but refused for its params) request, to replay below.
    const spent = sign(t.server.appSecret);
    const spend = await fetch(`${t.server.url}/user/getToken.json`, {
      method: 'POST',
      headers: spent,
      body: new URLSearchParams({ userId: 'bad id!' }),
    });
    assert.equal(spend.status, 400);
    const variants: Record<string, () => Record<string, string>> = {
      'no headers': () => ({}),
      'wrong App-Key': () => ({ ...sign(t.server.appSecret), 'App-Key': 'other-app' }),
      'another secret': () => sign('not-the-secret'),
      'stale timestamp': () => sign(t.server.appSecret, undefined, Date.now() - 6 * 60_000),
      'future timestamp': () => sign(t.server.appSecret, undefined, Date.now() + 6 * 60_000),
      'replayed nonce': () => spent,
      'signature of another nonce': () => ({ ...sign(t.server.appSecret), Nonce: 'swapped' }),
    };
    for (const [path, params] of Object.entries(ENDPOINT_PARAMS)) {
      for (const [name, headers] of Object.entries(variants)) {
        const body = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) body.append(k, x);
        const res = await fetch(t.server.url + path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers() },
          body,
        });
        const json = (await res.json()) as { code: number };
        assert.equal(res.status, 401, `${path} ${name}`);
        assert.equal(json.code, ServerApiCode.SIGNATURE_ERROR, `${path} ${name}`);
      }
    }
  });
});
