/**
 * Abuse part (3): tokens that must stop working — revoked through `/user/token/expire.json` or
 * expired while the socket is open — and the per-user budgets of stored operations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { SESSION_END_CLOSE_CODE } from '../../src/protocol/close-codes.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { startServer } from '../../server/index.js';
import { openStorage } from '../../server/storage/open.js';
import { TestClock, TestSocket, startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;

describe('abuse: tokens are revocable and expire on open sockets', () => {
  const clock = new TestClock();
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock, tokenCheckMs: 100, sendRatePerSecond: 0 });
  });
  after(() => t.close());

  async function connectWith(token: string) {
    const s = await TestSocket.open(t.server.url);
    const res = await s.request('connect', { token, appkey: t.server.appKey });
    return { s, res };
  }

  it('/user/token/expire.json closes the user’s open sockets within seconds and refuses the old token', async () => {
    const old = await t.token('rv');
    const a = await connectWith(old);
    const b = await connectWith(old);
    assert.equal(a.res.code, 0);
    clock.advance(10);
    const res = await t.api.call('/user/token/expire.json', { userId: 'rv', time: clock.now() });
    assert.equal(res.code, 200, JSON.stringify(res));
    for (const { s } of [a, b]) {
      const closed = await s.closed;
      assert.equal(closed.code, SESSION_END_CLOSE_CODE);
      assert.match(closed.reason, /^31004 /);
      assert.ok(
        s.frames.some((f) => 'reply' in f && f.reply === null && f.code === ErrorCode.RC_CONN_TOKEN_INCORRECT),
        'told why',
      );
    }
    assert.equal((await connectWith(old)).res.code, ErrorCode.RC_CONN_TOKEN_INCORRECT);
    // A token issued at or after the revocation time works.
    const fresh = await connectWith(await t.token('rv'));
    assert.equal(fresh.res.code, 0);
    const upload = await fetch(`${t.server.url}/upload?kind=file&name=x`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${old}` },
      body: 'x',
    });
    assert.equal(upload.status, 401, 'the revoked token cannot upload either');
  });

  it('a revocation made on another node (written to storage) reaches this node’s sockets by polling', async () => {
    const token = await t.token('rv2');
    const { s } = await connectWith(token);
    clock.advance(10);
    // What another node's API call does: the durable row only, through its own database handle.
    const otherNode = await openStorage({ dataDir: t.dataDir, databaseUrl: t.databaseUrl });
    try {
      await otherNode.storage.abuse.revokeTokens('rv2', clock.now(), clock.now());
    } finally {
      await otherNode.storage.close();
    }
    assert.equal((await s.closed).code, SESSION_END_CLOSE_CODE);
  });

  it('a token that expires while its socket is open ends the session with 31020', async () => {
    const token = await t.token('ex', { expireAt: clock.now() + 1000 });
    const { s, res } = await connectWith(token);
    assert.equal(res.code, 0);
    assert.equal((await s.request('sendMessage', textMessage(PRIVATE, 'rv', 'still valid', 'e1'))).code, 0);
    clock.advance(1001);
    const closed = await s.closed;
    assert.equal(closed.code, SESSION_END_CLOSE_CODE);
    assert.match(closed.reason, /^31020 /);
  });
});

describe('abuse: a revocation survives a restart', () => {
  it('the old token is still refused after the server restarts on the same data', async () => {
    const first = await startTestServer();
    const old = await first.token('dur');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await first.api.call('/user/token/expire.json', { userId: 'dur', time: Date.now() })).code, 200);
    await first.server.close();
    const again = await startServer({
      port: 0,
      dataDir: first.dataDir,
      appKey: first.server.appKey,
      appSecret: first.server.appSecret,
      ...(first.databaseUrl ? { databaseUrl: first.databaseUrl } : {}),
    });
    try {
      const s = await TestSocket.open(again.url);
      const res = await s.request('connect', { token: old, appkey: again.appKey });
      assert.equal(res.code, ErrorCode.RC_CONN_TOKEN_INCORRECT);
    } finally {
      await again.close();
      await first.close();
    }
  });
});

describe('abuse: per-user budgets and targets that must exist', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({
      sendRatePerSecond: 0,
      limits: { draftsPerMinute: 5, conversationStatePerMinute: 5, typingPerMinute: 3, tagsPerMinute: 4 },
    });
    await t.token('friend');
  });
  after(() => t.close());

  it('drafts and pins for made-up conversations are refused and store nothing', async () => {
    const mal = await t.connect('mal');
    const draft = await mal.request('saveTextMessageDraft', {
      conversationType: PRIVATE,
      targetId: 'nobody-0001',
      draft: 'x'.repeat(100),
    });
    assert.equal(draft.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    const pin = await mal.request('setConversationToTop', {
      conversationType: PRIVATE,
      targetId: 'nobody-0002',
      isTop: true,
    });
    assert.equal(pin.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    const groupPin = await mal.request('setConversationToTop', {
      conversationType: GROUP,
      targetId: 'no-such-group',
      isTop: true,
    });
    assert.equal(groupPin.code, ErrorCode.NOT_IN_GROUP);
    await mal.request('addTag', { tagId: 't1', tagName: 'T' });
    const link = await mal.request('addConversationsToTag', {
      tagId: 't1',
      conversations: [{ conversationType: PRIVATE, targetId: 'nobody-0003' }],
    });
    assert.equal(link.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    const list = await mal.request<{ list: unknown[] }>('getConversationList', { count: 100, startTime: 0, order: 0 });
    assert.equal(list.data!.list.length, 0);
  });

  it('drafts are budgeted per user, shared by all her sockets (20607)', async () => {
    const sockets = [await t.connect('drafter'), await t.connect('drafter'), await t.connect('drafter')];
    const codes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await sockets[i % 3]!.request('saveTextMessageDraft', {
        conversationType: PRIVATE,
        targetId: 'friend',
        draft: `d${i}`,
      });
      codes.push(res.code);
    }
    assert.deepEqual(codes.filter((c) => c === 0).length, 5);
    assert.ok(
      codes.slice(5).every((c) => c === ErrorCode.REQUEST_OVER_FREQUENCY),
      JSON.stringify(codes),
    );
    // Another user has her own budget.
    const other = await t.connect('other');
    assert.equal(
      (await other.request('saveTextMessageDraft', { conversationType: PRIVATE, targetId: 'friend', draft: 'mine' }))
        .code,
      0,
    );
  });

  it('pins, tags and typing have their budgets too', async () => {
    const s = await t.connect('busy');
    const pins = [];
    for (let i = 0; i < 7; i++)
      pins.push(
        (await s.request('setConversationToTop', { conversationType: PRIVATE, targetId: 'friend', isTop: i % 2 === 0 }))
          .code,
      );
    assert.equal(pins.filter((c) => c === ErrorCode.REQUEST_OVER_FREQUENCY).length, 2);
    const tags = [];
    for (let i = 0; i < 6; i++) tags.push((await s.request('addTag', { tagId: `k${i}`, tagName: `K${i}` })).code);
    assert.equal(tags.filter((c) => c === ErrorCode.REQUEST_OVER_FREQUENCY).length, 2);
    const typing = [];
    for (let i = 0; i < 5; i++) {
      typing.push(
        (
          await s.request('sendMessage', {
            conversationType: PRIVATE,
            targetId: 'friend',
            messageType: 'RC:TypSts',
            content: { typingContentType: 'RC:TxtMsg' },
            clientMessageId: `ty${i}`,
          })
        ).code,
      );
    }
    assert.equal(typing.filter((c) => c === ErrorCode.REQUEST_OVER_FREQUENCY).length, 2);
  });
});

describe('abuse: a cap on one user’s sockets', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, maxSocketsPerUser: 3 });
  });
  after(() => t.close());

  it('opening more sockets than the cap ends the oldest ones with 31010; the newest keep working', async () => {
    const sockets = [];
    for (let i = 0; i < 5; i++) sockets.push(await t.connect('many'));
    for (const old of sockets.slice(0, 2)) {
      const closed = await old.closed;
      assert.equal(closed.code, SESSION_END_CLOSE_CODE);
      assert.match(closed.reason, /^31010 /);
    }
    const sender = await t.connect('sender');
    assert.equal((await sender.request('sendMessage', textMessage(PRIVATE, 'many', 'hi', 'cap1'))).code, 0);
    for (const live of sockets.slice(2)) {
      const items = await live.waitForItems(1);
      assert.equal(items.length, 1);
    }
  });
});

describe('abuse: a cap on one user’s sockets that refuses newcomers', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, maxSocketsPerUser: 2, socketCapPolicy: 'refuse' });
  });
  after(() => t.close());

  it('a connect past the cap gets 31023 and the sessions already open stay; a freed place admits again', async () => {
    const first = await t.connect('steady');
    const second = await t.connect('steady');
    const third = await TestSocket.open(t.server.url);
    const refused = await third.request('connect', { token: await t.token('steady'), appkey: t.server.appKey });
    assert.equal(refused.code, ErrorCode.RC_DISCONN_SAME_CLIENT_ON_LINE);
    await third.closed;
    const sender = await t.connect('sender');
    assert.equal((await sender.request('sendMessage', textMessage(PRIVATE, 'steady', 'still here', 'cap-r1'))).code, 0);
    for (const live of [first, second]) assert.equal((await live.waitForItems(1)).length, 1);
    first.close();
    await first.closed;
    // The server hears the close a moment later; until then the place is still taken.
    let code = -1;
    for (let i = 0; i < 40 && code !== 0; i++) {
      const next = await TestSocket.open(t.server.url);
      code = (await next.request('connect', { token: await t.token('steady'), appkey: t.server.appKey })).code;
      if (code !== 0) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(code, 0, 'a freed place admits a new session');
  });
});
