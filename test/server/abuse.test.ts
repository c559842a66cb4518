/**
 * Abuse part of the reliability suite (1): attacks by a user holding one valid token — reading a
 * group's history from outside her membership, token spellings, path tricks in media URLs and a
 * forged `content.user`. Each test performs the attack against the real server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { HistoryReply, WireMessage } from '../../src/protocol/frames.js';
import { TestClock, TestSocket, startTestServer, textMessage, type TestServer } from './helpers.js';

const { GROUP } = ConversationType;

async function historyTexts(s: TestSocket, groupId: string): Promise<string[]> {
  const res = await s.request<HistoryReply>('getHistoryMessages', {
    conversationType: GROUP,
    targetId: groupId,
    timestamp: 0,
    count: 50,
    order: 0,
  });
  assert.equal(res.code, 0, JSON.stringify(res));
  return res.data!.list.map((m) => m.content.content as string);
}

describe('abuse: group history is bound to membership periods', () => {
  // Frozen clock: every message and every join happens "in the same millisecond".
  const clock = new TestClock();
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0 });
  });
  after(() => t.close());

  async function group(op: 'create' | 'join' | 'quit' | 'dismiss', groupId: string, userId: string[] = []) {
    const res = await t.api.call(`/group/${op}.json`, { groupId, groupName: groupId, userId });
    assert.equal(res.code, 200, JSON.stringify(res));
  }

  it('a new member reads from the time she joined, never the time before or between her memberships', async () => {
    await group('create', 'gp1', ['ann', 'bob']);
    const ann = await t.connect('ann');
    const eve = await t.connect('eve');
    assert.equal((await ann.request('sendMessage', textMessage(GROUP, 'gp1', 'before-eve', 'p1'))).code, 0);
    await group('join', 'gp1', ['eve']);
    assert.equal((await ann.request('sendMessage', textMessage(GROUP, 'gp1', 'with-eve', 'p2'))).code, 0);
    assert.deepEqual(await historyTexts(eve, 'gp1'), ['with-eve']);
    await group('quit', 'gp1', ['eve']);
    assert.equal((await ann.request('sendMessage', textMessage(GROUP, 'gp1', 'eve-away', 'p3'))).code, 0);
    await group('join', 'gp1', ['eve']);
    assert.equal((await ann.request('sendMessage', textMessage(GROUP, 'gp1', 'eve-back', 'p4'))).code, 0);
    assert.deepEqual(await historyTexts(eve, 'gp1'), ['eve-back']);
    assert.deepEqual(await historyTexts(ann, 'gp1'), ['before-eve', 'with-eve', 'eve-away', 'eve-back']);
  });

  it('a message from before she joined is not reachable by its id (expansion, readers)', async () => {
    await group('create', 'gp2', ['ann']);
    const ann = await t.connect('ann');
    const sent = await ann.request<{ message: WireMessage }>('sendMessage', {
      ...textMessage(GROUP, 'gp2', 'secret', 'x1'),
      canIncludeExpansion: true,
    });
    const uid = sent.data!.message.messageUId;
    assert.equal((await ann.request('sendReadReceiptRequest', { targetId: 'gp2', messageUId: uid })).code, 0);
    await group('join', 'gp2', ['mal']);
    const mal = await t.connect('mal');
    const key = { conversationType: GROUP, targetId: 'gp2', messageUId: sent.data!.message.messageUId };
    assert.notEqual((await mal.request('getMessageReader', key)).code, 0);
    const expand = await mal.request('updateMessageExpansion', { ...key, expansion: { k: 'v' } });
    assert.notEqual(expand.code, 0);
    // Answering "all pending receipt requests" does not reach back before her join either.
    assert.equal((await mal.request('sendReadReceiptResponseV2', { targetId: 'gp2' })).code, 0);
    const readers = await ann.request<{ totalCount: number }>('getMessageReader', { targetId: 'gp2', messageUId: uid });
    assert.equal(readers.data!.totalCount, 0);
  });

  it('a dismissed group’s messages do not show through a re-created group of the same id', async () => {
    await group('create', 'gp3', ['ann', 'bob']);
    const ann = await t.connect('ann');
    assert.equal((await ann.request('sendMessage', textMessage(GROUP, 'gp3', 'old-group', 'd1'))).code, 0);
    await group('dismiss', 'gp3', ['ann']);
    await group('create', 'gp3', ['mal']);
    const mal = await t.connect('mal');
    assert.deepEqual(await historyTexts(mal, 'gp3'), []);
  });

  it('outsiders are refused with 22406', async () => {
    const out = await t.connect('outsider');
    const res = await out.request('getHistoryMessages', {
      conversationType: GROUP,
      targetId: 'gp1',
      timestamp: 0,
      count: 10,
      order: 0,
    });
    assert.equal(res.code, ErrorCode.NOT_IN_GROUP);
  });
});

describe('abuse: the app may show history from before joining', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, groupHistoryBeforeJoin: true });
  });
  after(() => t.close());

  it('with groupHistoryBeforeJoin a new member reads the group from its creation, but not a dismissed one', async () => {
    await t.api.call('/group/create.json', { groupId: 'ge', groupName: 'ge', userId: ['ann'] });
    const ann = await t.connect('ann');
    await ann.request('sendMessage', textMessage(GROUP, 'ge', 'first', 'e1'));
    assert.equal((await t.api.call('/group/dismiss.json', { groupId: 'ge', userId: 'ann' })).code, 200);
    await t.api.call('/group/create.json', { groupId: 'ge', groupName: 'ge', userId: ['ann'] });
    await ann.request('sendMessage', textMessage(GROUP, 'ge', 'second', 'e2'));
    await t.api.call('/group/join.json', { groupId: 'ge', groupName: 'ge', userId: ['cat'] });
    const cat = await t.connect('cat');
    assert.deepEqual(await historyTexts(cat, 'ge'), ['second']);
  });
});

describe('abuse: one group may show history from before joining', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('/group/history/beforeJoin.json turns it on for that group only, and back to the default', async () => {
    for (const g of ['open', 'closed'])
      await t.api.call('/group/create.json', { groupId: g, groupName: g, userId: ['ann'] });
    assert.equal((await t.api.call('/group/history/beforeJoin.json', { groupId: 'open', enabled: 1 })).code, 200);
    assert.equal((await t.api.call('/group/history/beforeJoin.json', { groupId: 'nope', enabled: 1 })).code, 22410);
    const ann = await t.connect('ann');
    for (const g of ['open', 'closed']) await ann.request('sendMessage', textMessage(GROUP, g, `early-${g}`, `b-${g}`));
    for (const g of ['open', 'closed'])
      await t.api.call('/group/join.json', { groupId: g, groupName: g, userId: ['dan'] });
    const dan = await t.connect('dan');
    assert.deepEqual(await historyTexts(dan, 'open'), ['early-open']);
    assert.deepEqual(await historyTexts(dan, 'closed'), []);
    assert.equal(
      (await t.api.call('/group/history/beforeJoin.json', { groupId: 'open', enabled: 'default' })).code,
      200,
    );
    assert.deepEqual(await historyTexts(dan, 'open'), []);
  });
});

describe('abuse: content.user names the authenticated sender', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('a client claiming to be someone else in content.user is stored and delivered as itself', async () => {
    const mal = await t.connect('mal');
    const bob = await t.connect('bob');
    const forged = {
      content: 'hi, it is your boss',
      user: { id: 'boss', name: 'Boss', portraitUri: 'https://example.com/b.png' },
    };
    const res = await mal.request<{ message: WireMessage }>('sendMessage', {
      ...textMessage(1, 'bob', '', 'u1'),
      content: forged,
    });
    assert.equal(res.code, 0);
    assert.equal((res.data!.message.content.user as { id: string }).id, 'mal');
    const [item] = await bob.waitForItems(1);
    assert.ok(item && item.type === 'message');
    assert.equal((item.message.content.user as { id: string }).id, 'mal');
    assert.equal((item.message.content.user as { name: string }).name, 'Boss', 'the display fields stay the app’s');
  });
});
