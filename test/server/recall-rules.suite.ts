/**
 * Recall rules as server settings: the window (`recallWindowMs`, 0 = none), who may recall
 * (`recallBy`: sender, group owner and admins, anyone), the group roles of the Server API, and the
 * rules told to each client in the connect reply. Against a real server, through the gateway.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { ConnectReply, SendMessageReply, WireMessage } from '../../src/protocol/frames.js';
import type { ServerOptions } from '../../server/index.js';
import { abuseOptions } from '../../server/cli-abuse.js';
import { TestClock, TestSocket, startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE, GROUP } = ConversationType;
let n = 0;

async function send(s: TestSocket, type: 1 | 3, targetId: string): Promise<WireMessage> {
  const res = await s.request<SendMessageReply>('sendMessage', textMessage(type, targetId, 'hi', `m-${++n}`));
  assert.equal(res.code, 0, JSON.stringify(res));
  return res.data!.message;
}

function recall(s: TestSocket, m: WireMessage, targetId = m.targetId) {
  return s.request('recallMessage', {
    conversationType: m.conversationType,
    targetId,
    messageUId: m.messageUId,
    sentTime: m.sentTime,
  });
}

function server(options: ServerOptions) {
  const clock = new TestClock();
  const box: { t?: TestServer } = {};
  before(async () => {
    box.t = await startTestServer({ sendRatePerSecond: 0, clock, ...options });
    await box.t.api.call('/group/create.json', {
      groupId: 'g',
      groupName: 'G',
      userId: ['owner', 'admin', 'member', 'other'],
    });
  });
  after(() => box.t!.close());
  return {
    clock,
    get t() {
      return box.t!;
    },
  };
}

describe('recall rules: the defaults', () => {
  const s = server({});

  it('the connect reply tells the client the window and who may recall', async () => {
    const socket = await TestSocket.open(s.t.server.url);
    const res = await socket.request<ConnectReply>('connect', {
      token: await s.t.token('u1'),
      appkey: s.t.server.appKey,
    });
    socket.close();
    assert.equal(res.code, 0);
    assert.deepEqual(res.data!.recall, { windowMs: 120_000, by: 'sender' });
  });

  it('only the sender recalls (25107 for a group member, even the owner), and only within 120 s (25101)', async () => {
    assert.equal((await s.t.api.call('/group/owner/set.json', { groupId: 'g', userId: 'owner' })).code, 200);
    const member = await s.t.connect('member');
    const owner = await s.t.connect('owner');
    const m = await send(member, GROUP, 'g');
    assert.equal((await recall(owner, m)).code, ErrorCode.RECALL_MESSAGE_USER_INVALID);
    s.clock.advance(121_000);
    assert.equal((await recall(member, m)).code, ErrorCode.RECALL_MESSAGE);
  });
});

describe('recall rules: a longer window, and none', () => {
  const s = server({ recallWindowMs: 600_000 });

  it('recallWindowMs 600000 lets the sender recall after 9 minutes, not after 10', async () => {
    const a = await s.t.connect('member');
    const early = await send(a, PRIVATE, 'other');
    const late = await send(a, PRIVATE, 'other');
    s.clock.advance(9 * 60_000);
    assert.equal((await recall(a, early)).code, 0);
    s.clock.advance(61_000);
    const refused = await recall(a, late);
    assert.equal(refused.code, ErrorCode.RECALL_MESSAGE);
    assert.match(refused.msg ?? '', /600 s/);
  });
});

describe('recall rules: no window', () => {
  const s = server({ recallWindowMs: 0 });

  it('recallWindowMs 0 lets the sender recall a day-old message, and the client hears windowMs 0', async () => {
    const a = await s.t.connect('member');
    const m = await send(a, PRIVATE, 'other');
    s.clock.advance(24 * 3600_000);
    assert.equal((await recall(a, m)).code, 0);
    const socket = await TestSocket.open(s.t.server.url);
    const res = await socket.request<ConnectReply>('connect', {
      token: await s.t.token('u2'),
      appkey: s.t.server.appKey,
    });
    socket.close();
    assert.deepEqual(res.data!.recall, { windowMs: 0, by: 'sender' });
  });
});

describe('recall rules: group owner and admins', () => {
  const s = server({ recallBy: 'group-admins' });

  it("the owner and admins recall a member's message; a plain member and a private peer cannot", async () => {
    assert.equal((await s.t.api.call('/group/owner/set.json', { groupId: 'g', userId: 'owner' })).code, 200);
    assert.equal((await s.t.api.call('/group/manager/add.json', { groupId: 'g', userId: ['admin'] })).code, 200);
    const [owner, admin, member, other] = await Promise.all(
      ['owner', 'admin', 'member', 'other'].map((u) => s.t.connect(u)),
    );
    const first = await send(member!, GROUP, 'g');
    const second = await send(member!, GROUP, 'g');
    const third = await send(member!, GROUP, 'g');
    assert.equal((await recall(other!, first)).code, ErrorCode.RECALL_MESSAGE_USER_INVALID);
    assert.equal((await recall(owner!, first)).code, 0);
    assert.equal((await recall(admin!, second)).code, 0);
    // The window still holds for them.
    s.clock.advance(121_000);
    assert.equal((await recall(admin!, third)).code, ErrorCode.RECALL_MESSAGE);
    // Private chats have no admins.
    const direct = await send(member!, PRIVATE, 'admin');
    assert.equal((await recall(admin!, direct, 'member')).code, ErrorCode.RECALL_MESSAGE_USER_INVALID);
  });

  it('roles are listed, removed, lost on leaving; bad role calls get 22410, 22406 and 1002', async () => {
    const users = async () => (await s.t.api.call('/group/user/query.json', { groupId: 'g' })).users;
    assert.deepEqual(await users(), [
      { id: 'admin', role: 'admin' },
      { id: 'member' },
      { id: 'other' },
      { id: 'owner', role: 'owner' },
    ]);
    // A new owner: the old one becomes a plain member; an admin made owner is no longer listed twice.
    assert.equal((await s.t.api.call('/group/owner/set.json', { groupId: 'g', userId: 'admin' })).code, 200);
    assert.deepEqual(await users(), [
      { id: 'admin', role: 'owner' },
      { id: 'member' },
      { id: 'other' },
      { id: 'owner' },
    ]);
    assert.equal(
      (await s.t.api.call('/group/manager/add.json', { groupId: 'g', userId: ['member', 'other'] })).code,
      200,
    );
    assert.equal(
      (await s.t.api.call('/group/manager/remove.json', { groupId: 'g', userId: ['other', 'nobody'] })).code,
      200,
    );
    await s.t.api.call('/group/quit.json', { groupId: 'g', userId: ['member'] });
    await s.t.api.call('/group/join.json', { groupId: 'g', groupName: '', userId: ['member'] });
    assert.deepEqual(
      await users(),
      [{ id: 'admin', role: 'owner' }, { id: 'member' }, { id: 'other' }, { id: 'owner' }],
      'rejoining starts as a plain member',
    );

    assert.equal((await s.t.api.call('/group/owner/set.json', { groupId: 'nope', userId: 'admin' })).code, 22410);
    assert.equal(
      (await s.t.api.call('/group/manager/add.json', { groupId: 'g', userId: ['stranger'] })).code,
      ErrorCode.NOT_IN_GROUP,
    );
    const many = Array.from({ length: 11 }, (_, i) => `m${i}`);
    await s.t.api.call('/group/join.json', { groupId: 'g', groupName: '', userId: many });
    assert.equal((await s.t.api.call('/group/manager/add.json', { groupId: 'g', userId: many })).code, 1002);
    assert.equal(
      ((await users()) as Array<{ role?: string }>).filter((u) => u.role === 'admin').length,
      0,
      'nobody added past the cap',
    );
    // A dismissed and re-created group has no roles.
    await s.t.api.call('/group/dismiss.json', { groupId: 'g', userId: 'admin' });
    await s.t.api.call('/group/create.json', { groupId: 'g', groupName: 'G', userId: ['admin'] });
    assert.deepEqual(await users(), [{ id: 'admin' }]);
  });
});

describe('recall rules: anyone', () => {
  const s = server({ recallBy: 'anyone' });

  it("a private peer and any group member may recall (the seeds' default without the server switch)", async () => {
    const [member, other] = await Promise.all(['member', 'other'].map((u) => s.t.connect(u)));
    const direct = await send(member!, PRIVATE, 'other');
    assert.equal((await recall(other!, direct, 'member')).code, 0);
    const inGroup = await send(member!, GROUP, 'g');
    assert.equal((await recall(other!, inGroup)).code, 0);
  });
});

describe('recall rules: bad settings', () => {
  it('startServer refuses a negative window and an unknown recallBy', async () => {
    await assert.rejects(startTestServer({ recallWindowMs: -1 }), /recallWindowMs/);
    await assert.rejects(
      startTestServer({ recallBy: 'admins' as never }),
      /recallBy: expected one of sender, group-admins, anyone/,
    );
  });
});

describe('recall rules: parley-server flags', () => {
  it('--recall-window-ms and --recall-by (or PARLEY_RECALL_*) set the options; a bad value names the flag', () => {
    assert.deepEqual(abuseOptions({ 'recall-window-ms': '300000', 'recall-by': 'group-admins' }, {}), {
      recallWindowMs: 300_000,
      recallBy: 'group-admins',
    });
    assert.deepEqual(abuseOptions({}, { PARLEY_RECALL_WINDOW_MS: '0', PARLEY_RECALL_BY: 'anyone' }), {
      recallWindowMs: 0,
      recallBy: 'anyone',
    });
    assert.throws(
      () => abuseOptions({ 'recall-by': 'admins' }, {}),
      /--recall-by: expected one of sender, group-admins, anyone: admins/,
    );
    assert.throws(() => abuseOptions({ 'recall-window-ms': '-5' }, {}), /--recall-window-ms: not a whole number/);
  });
});
